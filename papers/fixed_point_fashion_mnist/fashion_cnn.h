// The study's CNN for 28x28 FashionMNIST images. The slides do not give their model; this one is
// LeNet-like and small enough for CPU training:
//   conv 5x5, 1 -> 8, ReLU, max-pool 2   (28 -> 24 -> 12)
//   conv 5x5, 8 -> 16, ReLU, max-pool 2  (12 -> 8 -> 4)
//   linear 256 -> 64, ReLU
//   linear 64 -> 10 (logits)
// Every layer is a repro::quantization layer: its input, output, weights and bias follow the
// run's precision policy (all full precision for the FP32 baseline, so every configuration trains
// the same model from the same initial weights for a seed).
#pragma once

#include <memory>

#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

#include "common/quantization/quantized_conv2d.h"
#include "common/quantization/quantized_linear.h"
#include "common/quantization/training_precision.h"

namespace repro::fixed_point_fashion_mnist {

class FashionCnnImpl : public torch::nn::Module {
 public:
  // REQUIRES: precision != nullptr. Initial weights come from torch's global generator.
  explicit FashionCnnImpl(std::shared_ptr<quantization::TrainingPrecision> precision);

  // images: float [batch, 1, 28, 28] -> logits [batch, 10].
  torch::Tensor forward(const torch::Tensor& images);

 private:
  quantization::QuantizedConv2d first_convolution_{nullptr}, second_convolution_{nullptr};
  quantization::QuantizedLinear hidden_layer_{nullptr}, output_layer_{nullptr};
};

TORCH_MODULE(FashionCnn);

}  // namespace repro::fixed_point_fashion_mnist
