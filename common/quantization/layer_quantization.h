// The quantization steps a quantized layer applies, shared by QuantizedLinear and QuantizedConv2d.
#pragma once

#include <cstdint>
#include <vector>

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
// spec (biases' gradients too). Keys: role weight_gradients, layer = key_layer.
void quantize_gradients(const std::vector<torch::Tensor>& parameters, TrainingPrecision& precision,
                        std::int64_t key_layer);

// The loss with the `loss` spec applied to its value (straight-through gradient).
torch::Tensor quantize_loss(const torch::Tensor& loss, TrainingPrecision& precision);

}  // namespace repro::quantization
