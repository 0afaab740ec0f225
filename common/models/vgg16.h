// VGG16's convolutional part (Simonyan & Zisserman 2015), in torchvision's layer layout: one
// torch::nn::Sequential `features` of Conv2d(3x3, padding 1) + ReLU pairs with a MaxPool2d(2, 2)
// after each stage, so the keys of a torchvision `vgg16().features` state dict
// ("features.0.weight", ..., "features.28.bias") load unchanged. At 224x224 the output is
// [N, 512, 7, 7]; full size has 14,714,688 parameters (Keras VGG16(include_top=False) too).
#pragma once

#include <cstdint>
#include <vector>

#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/pimpl.h>

#include "common/models/feature_extractor.h"

namespace repro::models {

struct Vgg16Options {
  // VGG16 with every stage's channels divided by `divisor` (at least 1): tiny models for tests.
  static Vgg16Options narrowed(std::int64_t divisor);

  // Output channels of each stage's convolutions; VGG16: 64, 128, 256, 512, 512.
  TORCH_ARG(std::vector<std::int64_t>, stage_channels) = std::vector<std::int64_t>{64, 128, 256, 512, 512};
  // Convolutions per stage; VGG16: 2, 2, 3, 3, 3.
  TORCH_ARG(std::vector<std::int64_t>, stage_convolutions) = std::vector<std::int64_t>{2, 2, 3, 3, 3};
  TORCH_ARG(std::int64_t, input_channels) = 3;
};

class Vgg16 : public FeatureExtractor {
 public:
  // REQUIRES: stage_channels and stage_convolutions of the same non-zero length, all > 0
  // (else repro::InputError naming the option).
  explicit Vgg16(const Vgg16Options& options = Vgg16Options());
  torch::Tensor forward(torch::Tensor input) override;
  std::int64_t output_channels() const override { return options_.stage_channels().back(); }
  std::int64_t minimum_input_side() const override;
  std::string architecture() const override { return "vgg16"; }
  const Vgg16Options& options() const { return options_; }

 private:
  Vgg16Options options_;
  torch::nn::Sequential features_{nullptr};
};

}  // namespace repro::models
