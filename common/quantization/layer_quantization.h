// The quantization steps a quantized layer applies, shared by QuantizedLinear and QuantizedConv2d.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <torch/nn/module.h>
#include <torch/types.h>

#include "common/quantization/training_precision.h"

namespace repro::quantization {

// What a quantized layer quantizes besides its parameters.
struct QuantizedLayerOptions {
  bool quantize_input = true;   // the layer input (activations forward, errors backward)
  bool quantize_output = true;  // the layer output (activations forward, errors backward)

  QuantizedLayerOptions& input(bool value) {
    quantize_input = value;
    return *this;
  }
  QuantizedLayerOptions& output(bool value) {
    quantize_output = value;
    return *this;
  }
};

// An activation: values quantized with the `activations` spec going forward, the gradient with the
// `errors` spec going backward.
torch::Tensor quantize_activation(const torch::Tensor& activation, TrainingPrecision& precision,
                                  std::int64_t layer);

// A parameter used in the forward pass (role weights or biases): values quantized with the role's
// spec, gradient passed straight through (weight gradients are quantized by quantize_gradients).
torch::Tensor quantize_parameter(const torch::Tensor& parameter, Role role,
                                 TrainingPrecision& precision, std::int64_t layer);

// Replaces each parameter's .grad (when defined) by its quantization with the `weight_gradients`
// spec (biases' gradients too). Keys: role weight_gradients, layer = key_layer. Counted into
// precision.telemetry() under weight_gradients.
void quantize_gradients(const std::vector<torch::Tensor>& parameters, TrainingPrecision& precision,
                        std::int64_t key_layer);

// The loss with the `loss` spec applied to its value (straight-through gradient).
torch::Tensor quantize_loss(const torch::Tensor& loss, TrainingPrecision& precision);

// The role of a parameter stored between steps: biases for a name ending in "bias", else weights.
Role parameter_role(const std::string& parameter_name);

// Stores `parameter` in `spec` in place (a parameter between steps, under NoGradGuard), counted
// into precision.telemetry() under `role`. Stochastic key: next_key(role, key_layer). When
// `before` is defined (the stored value before this step's update, same shape) the update is
// counted too: its elements, and the stagnant ones (the optimizer moved them, the stored value
// equals `before`). REQUIRES: parameter defined, floating.
void store_parameter(torch::Tensor& parameter, const QuantizationSpec& spec, Role role,
                     TrainingPrecision& precision, std::int64_t key_layer,
                     const torch::Tensor& before = {});

// Stores every parameter of `module` (named_parameters order) in its role's current spec
// (parameter_role; parameters of full-precision roles left as they are, uncounted), key layer
// kStoreKeyLayer + index. `before`: empty, or the parameters before this step, in the same order.
inline constexpr std::int64_t kStoreKeyLayer = 1 << 20;
void store_parameters(torch::nn::Module& module, TrainingPrecision& precision,
                      const std::vector<torch::Tensor>& before = {});

}  // namespace repro::quantization
