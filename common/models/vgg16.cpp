#include "common/models/vgg16.h"

#include <algorithm>
#include <string>

#include <torch/nn/init.h>
#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/pooling.h>

#include "base/errors.h"

namespace repro::models {

Vgg16Options Vgg16Options::narrowed(std::int64_t divisor) {
  if (divisor <= 0) throw InputError("Vgg16Options::narrowed: divisor must be > 0");
  Vgg16Options options;
  std::vector<std::int64_t> channels = options.stage_channels();
  for (std::int64_t& value : channels) value = std::max<std::int64_t>(1, value / divisor);
  return options.stage_channels(channels);
}

Vgg16::Vgg16(const Vgg16Options& options) : options_(options) {
  const auto& channels = options.stage_channels();
  const auto& convolutions = options.stage_convolutions();
  if (channels.empty() || channels.size() != convolutions.size()) {
    throw InputError("Vgg16Options: stage_channels and stage_convolutions must have the same "
                     "non-zero length");
  }
  if (options.input_channels() <= 0) throw InputError("Vgg16Options: input_channels must be > 0");
  features_ = torch::nn::Sequential();
  std::int64_t in_channels = options.input_channels();
  for (std::size_t stage = 0; stage < channels.size(); ++stage) {
    if (channels[stage] <= 0 || convolutions[stage] <= 0) {
      throw InputError("Vgg16Options: stage " + std::to_string(stage) +
                       " needs > 0 channels and > 0 convolutions");
    }
    for (std::int64_t i = 0; i < convolutions[stage]; ++i) {
      features_->push_back(torch::nn::Conv2d(
          torch::nn::Conv2dOptions(in_channels, channels[stage], 3).padding(1)));
      features_->push_back(torch::nn::ReLU(torch::nn::ReLUOptions().inplace(true)));
      in_channels = channels[stage];
    }
    features_->push_back(torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(2).stride(2)));
  }
  register_module("features", features_);
  // torchvision's initialisation: Kaiming normal (fan out, ReLU) weights, zero biases.
  for (auto& module : features_->modules(/*include_self=*/false)) {
    if (auto* convolution = module->as<torch::nn::Conv2d>()) {
      torch::nn::init::kaiming_normal_(convolution->weight, 0.0, torch::kFanOut, torch::kReLU);
      torch::nn::init::zeros_(convolution->bias);
    }
  }
}

std::int64_t Vgg16::minimum_input_side() const {
  return std::int64_t{1} << options_.stage_channels().size();
}

torch::Tensor Vgg16::forward(torch::Tensor input) { return features_->forward(input); }

void set_trainable(torch::nn::Module& module, bool trainable) {
  for (auto& parameter : module.parameters()) parameter.set_requires_grad(trainable);
}

}  // namespace repro::models
