#include "common/quantization/quantize_function.h"

#include "common/quantization/recorded_quantize.h"

namespace repro::quantization {
namespace {

bool quantizes(const std::optional<QuantizationSpec>& spec) {
  return spec.has_value() && !spec->is_identity();
}

// The backward quantizer, kept in the autograd context between the two passes.
struct BackwardQuantizer : public torch::CustomClassHolder {
  std::optional<QuantizationSpec> spec;
  StochasticKey key;
  std::shared_ptr<NumericsTelemetry> telemetry;
  Role role = Role::errors;
};

TelemetryTarget forward_target(const QuantizeDirections& directions) {
  return {directions.telemetry.get(), directions.forward_role};
}

constexpr const char* kBackwardQuantizer = "backward_quantizer";

}  // namespace

torch::Tensor QuantizeFunction::forward(torch::autograd::AutogradContext* context,
                                        const torch::Tensor& input,
                                        const QuantizeDirections& directions) {
  auto backward_quantizer = c10::make_intrusive<BackwardQuantizer>();
  backward_quantizer->spec = directions.backward;
  backward_quantizer->key = directions.backward_key;
  backward_quantizer->telemetry = directions.telemetry;
  backward_quantizer->role = directions.backward_role;
  context->saved_data[kBackwardQuantizer] = c10::IValue::make_capsule(backward_quantizer);
  if (!quantizes(directions.forward)) return input;
  return quantize_recorded(input, *directions.forward, directions.forward_key,
                           forward_target(directions));
}

torch::autograd::variable_list QuantizeFunction::backward(
    torch::autograd::AutogradContext* context, torch::autograd::variable_list grad_outputs) {
  const c10::intrusive_ptr<torch::CustomClassHolder> holder =
      context->saved_data.at(kBackwardQuantizer).toCapsule();
  const auto* backward_quantizer = static_cast<const BackwardQuantizer*>(holder.get());
  torch::Tensor gradient = grad_outputs.at(0);
  if (quantizes(backward_quantizer->spec) && gradient.defined()) {
    gradient = quantize_recorded(gradient, *backward_quantizer->spec, backward_quantizer->key,
                                 {backward_quantizer->telemetry.get(), backward_quantizer->role});
  }
  // One gradient per forward argument: the input's, and none for `directions`.
  return {gradient, torch::Tensor()};
}

torch::Tensor quantize_with_gradient(const torch::Tensor& input,
                                     const QuantizeDirections& directions) {
  if (!input.defined()) return input;
  const bool forward = quantizes(directions.forward);
  const bool backward = quantizes(directions.backward);
  if (!forward && !backward) return input;
  if (!input.requires_grad() || !torch::GradMode::is_enabled()) {
    return forward ? quantize_recorded(input, *directions.forward, directions.forward_key,
                                       forward_target(directions))
                   : input;
  }
  return QuantizeFunction::apply(input, directions);
}

}  // namespace repro::quantization
