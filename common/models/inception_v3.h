// InceptionV3's convolutional part (Szegedy et al. 2016), the standard 299-pixel design, in
// torchvision's module layout and names ("Conv2d_1a_3x3.conv.weight", "Mixed_5b.branch1x1.bn.
// running_mean", ...; no AuxLogits, no fc) so that a torchvision `inception_v3` state dict without
// those keys loads unchanged. Every convolution is bias-free and followed by BatchNorm2d (eps
// 0.001) and ReLU. Run at 224x224 (as in the thesis) the output is [N, 2048, 5, 5]; the smallest
// input is 75x75. Full size: 21,785,568 parameters (torchvision convention: BN scale and shift);
// Keras InceptionV3(include_top=False) reports 21,802,784 = conv weights + BN shift + moving mean
// + moving variance (Keras's BN here has no scale): see keras_parameter_count.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "common/models/feature_extractor.h"

namespace repro::models {

namespace inception_detail {
// A unit of the network with one input and one output (a BasicConv2d or a Mixed block).
class Unit : public torch::nn::Module {
 public:
  virtual torch::Tensor forward(torch::Tensor input) = 0;
};
}  // namespace inception_detail

struct InceptionV3Options {
  // Every channel count of the network divided by `width_divisor` (at least 1): 1 = InceptionV3;
  // 16 gives a tiny network of the same layout for tests and CPU runs.
  TORCH_ARG(std::int64_t, width_divisor) = 1;
  // Average pools (3x3, stride 1, padding 1) divide by 9 including the zero padding, as
  // torchvision does (true), or by the number of real pixels, as Keras/TensorFlow 'same' pooling
  // does (false; use with converted Keras weights).
  TORCH_ARG(bool, average_pooling_counts_padding) = true;
  TORCH_ARG(double, batch_norm_epsilon) = 0.001;
};

class InceptionV3 : public FeatureExtractor {
 public:
  // REQUIRES: width_divisor > 0 (else repro::InputError).
  explicit InceptionV3(const InceptionV3Options& options = InceptionV3Options());
  torch::Tensor forward(torch::Tensor input) override;
  std::int64_t output_channels() const override { return output_channels_; }
  std::int64_t minimum_input_side() const override { return 75; }
  std::string architecture() const override { return "inceptionv3"; }
  const InceptionV3Options& options() const { return options_; }

 private:
  InceptionV3Options options_;
  // Conv2d_1a_3x3, Conv2d_2a_3x3, Conv2d_2b_3x3, (max pool), Conv2d_3b_1x1, Conv2d_4a_3x3.
  std::vector<std::shared_ptr<inception_detail::Unit>> stem_;
  // (max pool), Mixed_5b ... Mixed_7c.
  std::vector<std::shared_ptr<inception_detail::Unit>> mixed_;
  std::int64_t output_channels_ = 0;
};

}  // namespace repro::models
