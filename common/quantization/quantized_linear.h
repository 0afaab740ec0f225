// A Linear layer whose weights, bias, input, output and errors follow a precision policy.
#pragma once

#include <cstdint>
#include <memory>

#include <torch/nn/module.h>
#include <torch/nn/options/linear.h>
#include <torch/nn/pimpl.h>

#include "common/quantization/layer_quantization.h"
#include "common/quantization/training_precision.h"

namespace repro::quantization {

// y = Q_a( Q_a(x) · Q_w(W)ᵀ + Q_b(b) ) with Q_r the current policy's spec for role r; in the
// backward pass the gradients w.r.t. y and x are quantized with the `errors` spec, and W's and b's
// gradients pass straight through until quantize_gradients() (or QuantizedOptimizer::step)
// quantizes them with the `weight_gradients` spec. Parameters are initialized exactly as
// torch::nn::Linear initializes them (same random draws).
class QuantizedLinearImpl : public torch::nn::Module {
 public:
  // REQUIRES: precision != nullptr.
  QuantizedLinearImpl(const torch::nn::LinearOptions& options,
                      std::shared_ptr<TrainingPrecision> precision,
                      QuantizedLayerOptions layer_options = {});

  torch::Tensor forward(const torch::Tensor& input);

  // Quantizes weight.grad and bias.grad with the `weight_gradients` spec.
  void quantize_gradients();

  std::int64_t layer_index() const { return layer_index_; }
  const torch::nn::LinearOptions& options() const { return options_; }

  torch::Tensor weight;
  torch::Tensor bias;  // undefined when options.bias() is false

 private:
  torch::nn::LinearOptions options_;
  std::shared_ptr<TrainingPrecision> precision_;
  QuantizedLayerOptions layer_options_;
  std::int64_t layer_index_;
};

TORCH_MODULE(QuantizedLinear);

}  // namespace repro::quantization
