// An autograd function with separate forward and backward quantizers.
#pragma once

#include <memory>
#include <optional>

#include <torch/autograd.h>

#include "common/quantization/numerics_telemetry.h"
#include "common/quantization/quantization_spec.h"
#include "common/quantization/stochastic_stream.h"

namespace repro::quantization {

// What QuantizeFunction does in each direction; an empty spec means full precision (identity).
struct QuantizeDirections {
  std::optional<QuantizationSpec> forward;   // applied to the values
  StochasticKey forward_key;
  std::optional<QuantizationSpec> backward;  // applied to the incoming gradient
  StochasticKey backward_key;
  // When set, each direction's kernel counts are added to it under forward_role / backward_role
  // (the backward pass's at the time the gradient is quantized).
  std::shared_ptr<NumericsTelemetry> telemetry;
  Role forward_role = Role::activations;
  Role backward_role = Role::errors;
};

// y = Q_forward(x); dL/dx = Q_backward(dL/dy). The forward quantizer is a straight-through
// estimator: its derivative is taken as 1 everywhere (no masking of saturated values), so the
// gradient only goes through the backward quantizer.
struct QuantizeFunction : public torch::autograd::Function<QuantizeFunction> {
  static torch::Tensor forward(torch::autograd::AutogradContext* context,
                               const torch::Tensor& input, const QuantizeDirections& directions);
  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* context,
                                                 torch::autograd::variable_list grad_outputs);
};

// QuantizeFunction::apply, but returns `input` itself (no autograd node) when neither direction
// quantizes, and a plain quantize() when input does not require a gradient.
torch::Tensor quantize_with_gradient(const torch::Tensor& input,
                                     const QuantizeDirections& directions);

}  // namespace repro::quantization
