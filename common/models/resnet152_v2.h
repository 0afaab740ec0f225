// ResNet152V2's convolutional part: the pre-activation ResNet (He et al. 2016, "Identity Mappings
// in Deep Residual Networks") exactly as Keras builds `ResNet152V2(include_top=False)`:
//   conv1_conv (7x7/2, bias; no BN before it), zero padding 1 + 3x3/2 max pool,
//   stages conv2..conv5 of [3, 8, 36, 3] bottleneck-v2 blocks with 64, 128, 256, 512 filters
//   (outputs 4x), post_bn + ReLU.
// Block (Keras block2): preact = ReLU(BN(x)); shortcut = 1x1 conv of preact with bias (first
// block of a stage) or x (subsampled by a 1x1/stride max pool when the block strides); residual =
// 1x1 conv -> BN -> ReLU -> zero padding 1 + 3x3/stride conv -> BN -> ReLU -> 1x1 conv with bias.
// As in Keras the LAST block of conv2, conv3 and conv4 strides by 2; conv5 does not stride.
// Module names mirror the Keras layer names with '.' for '_' between stage, block and layer
// ("conv2.block1.preact_bn.weight" <- Keras layer conv2_block1_preact_bn, gamma), so a converted
// Keras weight file loads by name (see README.md). At 224x224 the output is [N, 2048, 7, 7].
// Full size: 58,187,904 parameters + 143,744 BN moving means and variances = Keras's 58,331,648.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>

#include "common/models/feature_extractor.h"

namespace repro::models {

struct ResNet152V2Options {
  // Blocks in conv2..conv5; ResNet152V2: 3, 8, 36, 3 (ResNet50V2: 3, 4, 6, 3). Each >= 2.
  TORCH_ARG(std::vector<std::int64_t>, stage_blocks) = std::vector<std::int64_t>{3, 8, 36, 3};
  // Every channel count divided by `width_divisor` (at least 1); 1 = the published network.
  TORCH_ARG(std::int64_t, width_divisor) = 1;
  TORCH_ARG(double, batch_norm_epsilon) = 1.001e-5;  // Keras ResNetV2
};

namespace resnet_detail {
class BottleneckV2;
}

class ResNet152V2 : public FeatureExtractor {
 public:
  // REQUIRES: 4 stages, each with >= 2 blocks; width_divisor > 0 (else repro::InputError).
  explicit ResNet152V2(const ResNet152V2Options& options = ResNet152V2Options());
  torch::Tensor forward(torch::Tensor input) override;
  std::int64_t output_channels() const override { return output_channels_; }
  std::int64_t minimum_input_side() const override { return 32; }
  std::string architecture() const override { return "resnet152v2"; }
  const ResNet152V2Options& options() const { return options_; }

 private:
  ResNet152V2Options options_;
  torch::nn::Conv2d conv1_conv_{nullptr};
  std::vector<std::shared_ptr<resnet_detail::BottleneckV2>> blocks_;
  torch::nn::BatchNorm2d post_bn_{nullptr};
  std::int64_t output_channels_ = 0;
};

}  // namespace repro::models
