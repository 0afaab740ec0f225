// The slides' networks: logistic regression y = Wx + b, and the CNN "input, k × (convolution,
// pooling), dense layers, softmax" with ReLU and small random initial weights.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <torch/nn/module.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>

#include "common/quantization/training_precision.h"

namespace repro::arbitrary_bit_mnist {

struct NetworkShape {
  int conv_layers = 2;         // 0: no convolution (logistic regression when dense_layers is 0)
  int first_channels = 8;      // channels of the first convolution; each next one doubles them
  int kernel_size = 5;         // "same" padding; 2×2 max pooling after each convolution while
                               // the feature map is at least 2×2
  int dense_layers = 1;        // hidden dense layers before the softmax layer
  int dense_units = 100;       // units of each hidden dense layer
  double initial_weight_std = 0.1;  // weights ~ N(0, std²) truncated to ±2 std; 0: all zero
  bool positive_initial_weights = false;  // |N(0, std²)| within 2 std: the slide's positive weights
  double initial_bias = 0.0;

  static NetworkShape logistic_regression() {
    NetworkShape shape;
    shape.conv_layers = 0;
    shape.dense_layers = 0;
    shape.initial_weight_std = 0.0;
    return shape;
  }
};

// Logits [batch, 10] from images [batch, 1, 28, 28]. When `activation_precision` is set, every
// layer output (after its ReLU) goes through quantization::quantize_activation with that
// precision's `activations` spec (straight-through gradient, errors at full precision).
class BitNetworkImpl : public torch::nn::Module {
 public:
  // Initializes from torch's global generator (seed it with torch::manual_seed first).
  BitNetworkImpl(const NetworkShape& shape,
                 std::shared_ptr<quantization::TrainingPrecision> activation_precision = nullptr);

  torch::Tensor forward(const torch::Tensor& images);

  std::int64_t parameter_count() const;

 private:
  NetworkShape shape_;
  std::shared_ptr<quantization::TrainingPrecision> precision_;
  std::vector<torch::nn::Conv2d> convolutions_;
  std::vector<torch::nn::Linear> dense_;  // hidden layers, then the 10-way output layer
  std::vector<std::int64_t> layer_keys_;  // one per layer, for the activation quantizer
};

TORCH_MODULE(BitNetwork);

}  // namespace repro::arbitrary_bit_mnist
