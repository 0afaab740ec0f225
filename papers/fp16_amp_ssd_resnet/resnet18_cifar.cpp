#include "papers/fp16_amp_ssd_resnet/resnet18_cifar.h"

namespace repro::fp16_amp_ssd_resnet {
namespace {

torch::nn::Conv2d convolution(std::int64_t input, std::int64_t output, std::int64_t kernel,
                              std::int64_t stride) {
  return torch::nn::Conv2d(torch::nn::Conv2dOptions(input, output, kernel)
                               .stride(stride)
                               .padding(kernel / 2)
                               .bias(false));
}

}  // namespace

BasicBlockImpl::BasicBlockImpl(std::int64_t input_channels, std::int64_t output_channels,
                               std::int64_t stride) {
  conv1_ = register_module("conv1", convolution(input_channels, output_channels, 3, stride));
  norm1_ = register_module("bn1", torch::nn::BatchNorm2d(output_channels));
  conv2_ = register_module("conv2", convolution(output_channels, output_channels, 3, 1));
  norm2_ = register_module("bn2", torch::nn::BatchNorm2d(output_channels));
  shortcut_ = register_module("shortcut", torch::nn::Sequential());
  if (stride != 1 || input_channels != output_channels) {
    shortcut_->push_back(convolution(input_channels, output_channels, 1, stride));
    shortcut_->push_back(torch::nn::BatchNorm2d(output_channels));
  }
}

torch::Tensor BasicBlockImpl::forward(const torch::Tensor& input) {
  torch::Tensor out = torch::relu(norm1_(conv1_(input)));
  out = norm2_(conv2_(out));
  out = out + (shortcut_->is_empty() ? input : shortcut_->forward(input));
  return torch::relu(out);
}

ResNet18CifarImpl::ResNet18CifarImpl(const ResNet18CifarOptions& options) {
  stem_ = register_module("conv1", convolution(3, options.stem_channels(), 3, 1));
  stem_norm_ = register_module("bn1", torch::nn::BatchNorm2d(options.stem_channels()));
  stages_ = register_module("layers", torch::nn::Sequential());
  std::int64_t channels = options.stem_channels();
  const std::int64_t strides[] = {1, 2, 2, 2};
  for (int stage = 0; stage < 4; ++stage) {
    const std::int64_t width = options.base_width() << stage;
    stages_->push_back(BasicBlock(channels, width, strides[stage]));
    stages_->push_back(BasicBlock(width, width, 1));
    channels = width;
  }
  dropout_ = register_module("dropout", torch::nn::Dropout(options.dropout()));
  classifier_ = register_module("linear", torch::nn::Linear(channels, options.classes()));
}

torch::Tensor ResNet18CifarImpl::forward(const torch::Tensor& input) {
  torch::Tensor out = torch::relu(stem_norm_(stem_(input)));
  out = stages_->forward(out);
  out = torch::avg_pool2d(out, 4);
  out = dropout_(out.flatten(1));
  return classifier_(out);
}

}  // namespace repro::fp16_amp_ssd_resnet
