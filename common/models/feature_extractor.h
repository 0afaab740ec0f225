// The convolutional part of an image classifier ("base" in Keras terms, without the ImageNet
// head): images [N, 3, H, W] -> feature maps [N, output_channels(), h, w].
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <torch/nn/module.h>
#include <torch/types.h>

namespace repro::models {

class FeatureExtractor : public torch::nn::Module {
 public:
  // REQUIRES: input float [N, 3, H, W] with H, W at least minimum_input_side().
  virtual torch::Tensor forward(torch::Tensor input) = 0;
  virtual std::int64_t output_channels() const = 0;
  // The smallest square input whose feature map is at least 1x1.
  virtual std::int64_t minimum_input_side() const = 0;
  // "vgg16", "inceptionv3", "resnet152v2".
  virtual std::string architecture() const = 0;
};

// Sets requires_grad on every parameter of `module` (false = frozen).
void set_trainable(torch::nn::Module& module, bool trainable);

}  // namespace repro::models
