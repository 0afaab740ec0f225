#include "papers/cyclic_precision_training/mobilenet_v2_cifar.h"

#include <torch/torch.h>

namespace repro::cyclic_precision_training {
namespace {

// Expand (1×1), depthwise (3×3), project (1×1); a residual when the stride is 1 (through a
// 1×1 projection when the channel count changes, as in the CIFAR code base).
class InvertedResidualImpl : public torch::nn::Module {
 public:
  InvertedResidualImpl(std::int64_t in, std::int64_t out, std::int64_t expansion,
                       std::int64_t stride, const std::shared_ptr<CptPrecision>& precision)
      : stride_(stride) {
    const std::int64_t hidden = in * expansion;
    expand_ = register_module("expand", CptConv2d(same_padding_conv(in, hidden, 1, 1), precision));
    expand_norm_ = register_module("expand_norm", torch::nn::BatchNorm2d(hidden));
    depthwise_ = register_module("depthwise",
                                 CptConv2d(same_padding_conv(hidden, hidden, 3, stride, hidden), precision));
    depthwise_norm_ = register_module("depthwise_norm", torch::nn::BatchNorm2d(hidden));
    project_ = register_module("project", CptConv2d(same_padding_conv(hidden, out, 1, 1), precision));
    project_norm_ = register_module("project_norm", torch::nn::BatchNorm2d(out));
    if (stride == 1 && in != out) {
      shortcut_ = register_module("shortcut", CptConv2d(same_padding_conv(in, out, 1, 1), precision));
      shortcut_norm_ = register_module("shortcut_norm", torch::nn::BatchNorm2d(out));
    }
  }
  torch::Tensor forward(const torch::Tensor& x) {
    torch::Tensor y = torch::relu(expand_norm_(expand_(x)));
    y = torch::relu(depthwise_norm_(depthwise_(y)));
    y = project_norm_(project_(y));
    if (stride_ != 1) return y;
    return y + (shortcut_ ? shortcut_norm_(shortcut_(x)) : x);
  }

 private:
  std::int64_t stride_;
  CptConv2d expand_{nullptr}, depthwise_{nullptr}, project_{nullptr}, shortcut_{nullptr};
  torch::nn::BatchNorm2d expand_norm_{nullptr}, depthwise_norm_{nullptr}, project_norm_{nullptr},
      shortcut_norm_{nullptr};
};
TORCH_MODULE(InvertedResidual);

struct StageConfig {
  std::int64_t expansion, out_channels, blocks, stride;
};
// The CIFAR configuration: the ImageNet one with the second stage's stride 2 → 1.
constexpr StageConfig kStages[] = {{1, 16, 1, 1},  {6, 24, 2, 1},  {6, 32, 3, 2}, {6, 64, 4, 2},
                                   {6, 96, 3, 1},  {6, 160, 3, 2}, {6, 320, 1, 1}};

}  // namespace

MobileNetV2CifarImpl::MobileNetV2CifarImpl(std::int64_t num_classes,
                                           std::shared_ptr<CptPrecision> precision,
                                           std::int64_t input_channels) {
  stem_ = register_module("stem", CptConv2d(same_padding_conv(input_channels, 32, 3, 1), precision));
  stem_norm_ = register_module("stem_norm", torch::nn::BatchNorm2d(32));
  std::int64_t channels = 32;
  for (const StageConfig& stage : kStages) {
    for (std::int64_t block = 0; block < stage.blocks; ++block) {
      blocks_->push_back(InvertedResidual(channels, stage.out_channels, stage.expansion,
                                          block == 0 ? stage.stride : 1, precision));
      channels = stage.out_channels;
    }
  }
  register_module("blocks", blocks_);
  head_ = register_module("head", CptConv2d(same_padding_conv(channels, 1280, 1, 1), precision));
  head_norm_ = register_module("head_norm", torch::nn::BatchNorm2d(1280));
  classifier_ = register_module("classifier", torch::nn::Linear(1280, num_classes));
}

torch::Tensor MobileNetV2CifarImpl::forward(torch::Tensor input) {
  torch::Tensor x = torch::relu(stem_norm_(stem_(input)));
  x = blocks_->forward(x);
  x = torch::relu(head_norm_(head_(x)));
  x = torch::adaptive_avg_pool2d(x, {1, 1}).flatten(1);
  return classifier_(x);
}

}  // namespace repro::cyclic_precision_training
