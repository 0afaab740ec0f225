// A Conv2d layer whose weights, bias, input, output and errors follow a precision policy.
#pragma once

#include <cstdint>
#include <memory>

#include <torch/nn/module.h>
#include <torch/nn/options/conv.h>
#include <torch/nn/pimpl.h>

#include "common/quantization/layer_quantization.h"
#include "common/quantization/training_precision.h"

namespace repro::quantization {

// y = Q_a( conv2d(Q_a(x), Q_w(W), Q_b(b)) ), gradients as in QuantizedLinear. Parameters are
// initialized exactly as torch::nn::Conv2d initializes them (same random draws).
// Supports every Conv2dOptions setting except padding modes other than zeros.
class QuantizedConv2dImpl : public torch::nn::Module {
 public:
  // REQUIRES: precision != nullptr. Throws repro::InputError for a padding mode other than zeros.
  QuantizedConv2dImpl(const torch::nn::Conv2dOptions& options,
                      std::shared_ptr<TrainingPrecision> precision,
                      QuantizedLayerOptions layer_options = {});

  torch::Tensor forward(const torch::Tensor& input);

  // Quantizes weight.grad and bias.grad with the `weight_gradients` spec.
  void quantize_gradients();

  std::int64_t layer_index() const { return layer_index_; }
  const torch::nn::Conv2dOptions& options() const { return options_; }

  torch::Tensor weight;
  torch::Tensor bias;  // undefined when options.bias() is false

 private:
  torch::nn::Conv2dOptions options_;
  std::shared_ptr<TrainingPrecision> precision_;
  QuantizedLayerOptions layer_options_;
  std::int64_t layer_index_;
};

TORCH_MODULE(QuantizedConv2d);

}  // namespace repro::quantization
