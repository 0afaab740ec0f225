#include "papers/arbitrary_bit_mnist/bit_network.h"

#include <string>

#include <torch/torch.h>

#include "common/quantization/layer_quantization.h"

namespace repro::arbitrary_bit_mnist {
namespace {

void initialize(torch::Tensor& weight, torch::Tensor& bias, const NetworkShape& shape) {
  torch::NoGradGuard no_grad;
  if (shape.initial_weight_std > 0) {
    const double limit = 2.0 * shape.initial_weight_std;
    weight.normal_(0.0, shape.initial_weight_std).clamp_(-limit, limit);
    if (shape.positive_initial_weights) weight.abs_();
  } else {
    weight.zero_();
  }
  bias.fill_(shape.initial_bias);
}

}  // namespace

BitNetworkImpl::BitNetworkImpl(const NetworkShape& shape,
                               std::shared_ptr<quantization::TrainingPrecision> activation_precision)
    : shape_(shape), precision_(std::move(activation_precision)) {
  std::int64_t channels = 1, side = 28;
  for (int i = 0; i < shape.conv_layers; ++i) {
    const std::int64_t out = static_cast<std::int64_t>(shape.first_channels) << i;
    auto conv = register_module(
        "conv" + std::to_string(i),
        torch::nn::Conv2d(torch::nn::Conv2dOptions(channels, out, shape.kernel_size)
                              .padding(shape.kernel_size / 2)));
    initialize(conv->weight, conv->bias, shape);
    convolutions_.push_back(conv);
    channels = out;
    if (side >= 2) side /= 2;
  }
  std::int64_t features = channels * side * side;
  for (int i = 0; i <= shape.dense_layers; ++i) {
    const bool output_layer = i == shape.dense_layers;
    const std::int64_t out = output_layer ? 10 : shape.dense_units;
    auto dense = register_module("dense" + std::to_string(i),
                                 torch::nn::Linear(torch::nn::LinearOptions(features, out)));
    initialize(dense->weight, dense->bias, shape);
    dense_.push_back(dense);
    features = out;
  }
  if (precision_) {
    for (std::size_t i = 0; i < convolutions_.size() + dense_.size(); ++i) {
      layer_keys_.push_back(precision_->register_layer());
    }
  }
}

torch::Tensor BitNetworkImpl::forward(const torch::Tensor& images) {
  std::size_t layer = 0;
  const auto quantized = [&](torch::Tensor activation) {
    if (!precision_) return activation;
    return quantization::quantize_activation(activation, *precision_, layer_keys_[layer]);
  };
  torch::Tensor x = images;
  for (auto& conv : convolutions_) {
    x = torch::relu(conv->forward(x));
    if (x.size(2) >= 2) x = torch::max_pool2d(x, 2);
    x = quantized(x);
    ++layer;
  }
  x = x.flatten(1);
  for (std::size_t i = 0; i < dense_.size(); ++i) {
    x = dense_[i]->forward(x);
    if (i + 1 < dense_.size()) x = torch::relu(x);
    x = quantized(x);
    ++layer;
  }
  return x;
}

std::int64_t BitNetworkImpl::parameter_count() const {
  std::int64_t count = 0;
  for (const auto& parameter : parameters()) count += parameter.numel();
  return count;
}

}  // namespace repro::arbitrary_bit_mnist
