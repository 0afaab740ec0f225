#include "common/models/resnet152_v2.h"

#include <algorithm>
#include <string>

#include <torch/nn/functional/padding.h>
#include <torch/nn/functional/pooling.h>
#include <torch/nn/init.h>
#include <torch/nn/modules/container/any.h>

#include "base/errors.h"

namespace repro::models {
namespace resnet_detail {

namespace F = torch::nn::functional;

torch::nn::BatchNorm2d batch_norm(std::int64_t channels, double epsilon) {
  return torch::nn::BatchNorm2d(torch::nn::BatchNormOptions(channels).eps(epsilon));
}

torch::nn::Conv2d convolution(std::int64_t in, std::int64_t out, std::int64_t kernel,
                              std::int64_t stride, std::int64_t padding, bool bias) {
  torch::nn::Conv2d layer(
      torch::nn::Conv2dOptions(in, out, kernel).stride(stride).padding(padding).bias(bias));
  torch::nn::init::kaiming_normal_(layer->weight, 0.0, torch::kFanOut, torch::kReLU);
  if (bias) torch::nn::init::zeros_(layer->bias);
  return layer;
}

// Keras block2 (see the header). Children: preact_bn, [0_conv], 1_conv, 1_bn, 2_conv, 2_bn, 3_conv.
class BottleneckV2 : public torch::nn::Module {
 public:
  BottleneckV2(std::int64_t in, std::int64_t filters, std::int64_t stride, bool convolution_shortcut,
               double epsilon)
      : stride_(stride) {
    preact_bn_ = register_module("preact_bn", batch_norm(in, epsilon));
    if (convolution_shortcut) {
      shortcut_ = register_module("0_conv", convolution(in, 4 * filters, 1, stride, 0, true));
    }
    conv1_ = register_module("1_conv", convolution(in, filters, 1, 1, 0, false));
    bn1_ = register_module("1_bn", batch_norm(filters, epsilon));
    conv2_ = register_module("2_conv", convolution(filters, filters, 3, stride, 1, false));
    bn2_ = register_module("2_bn", batch_norm(filters, epsilon));
    conv3_ = register_module("3_conv", convolution(filters, 4 * filters, 1, 1, 0, true));
  }

  torch::Tensor forward(const torch::Tensor& x) {
    const torch::Tensor preact = torch::relu(preact_bn_->forward(x));
    torch::Tensor shortcut;
    if (shortcut_) {
      shortcut = shortcut_->forward(preact);
    } else if (stride_ > 1) {
      shortcut = F::max_pool2d(x, F::MaxPool2dFuncOptions(1).stride(stride_));
    } else {
      shortcut = x;
    }
    torch::Tensor residual = torch::relu(bn1_->forward(conv1_->forward(preact)));
    residual = torch::relu(bn2_->forward(conv2_->forward(residual)));
    return shortcut + conv3_->forward(residual);
  }

 private:
  std::int64_t stride_;
  torch::nn::BatchNorm2d preact_bn_{nullptr}, bn1_{nullptr}, bn2_{nullptr};
  torch::nn::Conv2d shortcut_{nullptr}, conv1_{nullptr}, conv2_{nullptr}, conv3_{nullptr};
};

// A stage ("conv2" ... "conv5") holding its blocks as children "block1" ... "blockN".
class Stage : public torch::nn::Module {
 public:
  void add(const std::string& name, const std::shared_ptr<BottleneckV2>& block) {
    register_module(name, block);
  }
};

}  // namespace resnet_detail

ResNet152V2::ResNet152V2(const ResNet152V2Options& options) : options_(options) {
  using resnet_detail::BottleneckV2;
  const auto& stage_blocks = options.stage_blocks();
  if (stage_blocks.size() != 4) throw InputError("ResNet152V2Options: stage_blocks needs 4 stages");
  for (std::int64_t blocks : stage_blocks) {
    if (blocks < 2) throw InputError("ResNet152V2Options: every stage needs >= 2 blocks (as Keras stack2)");
  }
  if (options.width_divisor() <= 0) throw InputError("ResNet152V2Options: width_divisor must be > 0");
  const auto width = [&](std::int64_t channels) {
    return std::max<std::int64_t>(1, channels / options.width_divisor());
  };
  const double epsilon = options.batch_norm_epsilon();
  conv1_conv_ = register_module("conv1_conv", resnet_detail::convolution(3, width(64), 7, 2, 3, true));
  std::int64_t channels = width(64);
  const std::int64_t stage_filters[] = {64, 128, 256, 512};
  for (std::size_t stage = 0; stage < 4; ++stage) {
    auto holder = register_module("conv" + std::to_string(stage + 2),
                                  std::make_shared<resnet_detail::Stage>());
    const std::int64_t filters = width(stage_filters[stage]);
    const std::int64_t last_stride = stage == 3 ? 1 : 2;
    for (std::int64_t block = 1; block <= stage_blocks[stage]; ++block) {
      const bool first = block == 1;
      const std::int64_t stride = block == stage_blocks[stage] ? last_stride : 1;
      auto unit = std::make_shared<BottleneckV2>(channels, filters, stride, first, epsilon);
      holder->add("block" + std::to_string(block), unit);
      blocks_.push_back(unit);
      channels = 4 * filters;
    }
  }
  post_bn_ = register_module("post_bn", resnet_detail::batch_norm(channels, epsilon));
  output_channels_ = channels;
}

torch::Tensor ResNet152V2::forward(torch::Tensor input) {
  namespace F = torch::nn::functional;
  torch::Tensor x = conv1_conv_->forward(input);
  // Keras pads with zeros before the max pool (the values before it may be negative).
  x = F::pad(x, F::PadFuncOptions({1, 1, 1, 1}).mode(torch::kConstant).value(0.0));
  x = F::max_pool2d(x, F::MaxPool2dFuncOptions(3).stride(2));
  for (const auto& block : blocks_) x = block->forward(x);
  return torch::relu(post_bn_->forward(x));
}

}  // namespace repro::models
