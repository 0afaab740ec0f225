#include "common/quantization/layer_quantization.h"

#include "common/quantization/quantize_function.h"
#include "common/quantization/quantize_tensor.h"

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
    quantize_in_place(gradient, *spec, key);
  }
}

torch::Tensor quantize_loss(const torch::Tensor& loss, TrainingPrecision& precision) {
  return quantize_with_gradient(loss, precision.directions(Role::loss, std::nullopt, kLossLayer));
}

}  // namespace repro::quantization
