#include "common/quantization/layer_quantization.h"

#include "common/quantization/quantize_function.h"
#include "base/errors.h"
#include "common/quantization/recorded_quantize.h"

namespace repro::quantization {
namespace {
// The key layer of the loss, apart from every registered layer (those count up from 0).
constexpr std::int64_t kLossLayer = -1;
}  // namespace

torch::Tensor quantize_activation(const torch::Tensor& activation, TrainingPrecision& precision,
                                  std::int64_t layer) {
  return quantize_with_gradient(activation,
                                precision.directions(Role::activations, Role::errors, layer));
}

torch::Tensor quantize_parameter(const torch::Tensor& parameter, Role role,
                                 TrainingPrecision& precision, std::int64_t layer) {
  return quantize_with_gradient(parameter, precision.directions(role, std::nullopt, layer));
}

void quantize_gradients(const std::vector<torch::Tensor>& parameters, TrainingPrecision& precision,
                        std::int64_t key_layer) {
  const auto& spec = precision.spec(Role::weight_gradients);
  if (!spec || spec->is_identity()) return;
  torch::NoGradGuard no_grad;
  for (const torch::Tensor& parameter : parameters) {
    torch::Tensor& gradient = const_cast<torch::Tensor&>(parameter).mutable_grad();
    if (!gradient.defined()) continue;
    const StochasticKey key =
        spec->is_stochastic() ? precision.next_key(Role::weight_gradients, key_layer)
                              : StochasticKey{};
    quantize_in_place_recorded(gradient, *spec, key,
                               {precision.telemetry().get(), Role::weight_gradients});
  }
}

torch::Tensor quantize_loss(const torch::Tensor& loss, TrainingPrecision& precision) {
  return quantize_with_gradient(loss, precision.directions(Role::loss, std::nullopt, kLossLayer));
}

Role parameter_role(const std::string& parameter_name) {
  const std::string suffix = "bias";
  const bool is_bias = parameter_name.size() >= suffix.size() &&
                       parameter_name.compare(parameter_name.size() - suffix.size(),
                                              suffix.size(), suffix) == 0;
  return is_bias ? Role::biases : Role::weights;
}

namespace {

// Counts one update of `parameter` (now stored) against `before` and `moved`.
void record_update(const torch::Tensor& parameter, const torch::Tensor& before,
                   const torch::Tensor& moved, Role role, NumericsTelemetry& telemetry) {
  const std::int64_t stagnant =
      moved.logical_and(parameter.eq(before)).sum().item<std::int64_t>();
  telemetry.record_update(role, parameter.numel(), stagnant);
}

}  // namespace

void store_parameter(torch::Tensor& parameter, const QuantizationSpec& spec, Role role,
                     TrainingPrecision& precision, std::int64_t key_layer,
                     const torch::Tensor& before) {
  torch::NoGradGuard no_grad;
  NumericsTelemetry* const telemetry = precision.telemetry().get();
  const bool count_update = telemetry && before.defined() && telemetry->recording();
  if (count_update && !before.sizes().equals(parameter.sizes())) {
    throw InputError("store_parameter: the value before the step has another shape");
  }
  const torch::Tensor moved = count_update ? parameter.ne(before) : torch::Tensor();
  if (!spec.is_identity()) {
    const StochasticKey key =
        spec.is_stochastic() ? precision.next_key(role, key_layer) : StochasticKey{};
    torch::Tensor values = parameter.detach();  // shares the parameter's storage
    quantize_in_place_recorded(values, spec, key, {telemetry, role});
  }
  if (count_update) record_update(parameter, before, moved, role, *telemetry);
}

void store_parameters(torch::nn::Module& module, TrainingPrecision& precision,
                      const std::vector<torch::Tensor>& before) {
  torch::NoGradGuard no_grad;
  auto parameters = module.named_parameters(/*recurse=*/true);
  if (!before.empty() && before.size() != parameters.size()) {
    throw InputError("store_parameters: " + std::to_string(before.size()) +
                     " values before the step for " + std::to_string(parameters.size()) +
                     " parameters");
  }
  std::int64_t index = 0;
  for (auto& item : parameters) {
    const Role role = parameter_role(item.key());
    const torch::Tensor previous =
        before.empty() ? torch::Tensor() : before[static_cast<std::size_t>(index)];
    const auto& spec = precision.spec(role);
    if (spec) {
      store_parameter(item.value(), *spec, role, precision, kStoreKeyLayer + index, previous);
    }
    ++index;
  }
}

}  // namespace repro::quantization
