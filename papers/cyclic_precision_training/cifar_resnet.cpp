#include "papers/cyclic_precision_training/cifar_resnet.h"

#include <string>

#include <torch/torch.h>

#include "base/errors.h"

namespace repro::cyclic_precision_training {
namespace {

// Projection shortcut when the shape changes, identity otherwise.
class ShortcutImpl : public torch::nn::Module {
 public:
  ShortcutImpl(std::int64_t in, std::int64_t out, std::int64_t stride,
               const std::shared_ptr<CptPrecision>& precision) {
    if (in != out || stride != 1) {
      projection_ = register_module("projection", CptConv2d(same_padding_conv(in, out, 1, stride), precision));
      norm_ = register_module("norm", torch::nn::BatchNorm2d(out));
    }
  }
  torch::Tensor forward(const torch::Tensor& x) {
    return projection_ ? norm_(projection_(x)) : x;
  }

 private:
  CptConv2d projection_{nullptr};
  torch::nn::BatchNorm2d norm_{nullptr};
};
TORCH_MODULE(Shortcut);

class BasicBlockImpl : public torch::nn::Module {
 public:
  BasicBlockImpl(std::int64_t in, std::int64_t out, std::int64_t stride,
                 const std::shared_ptr<CptPrecision>& precision)
      : conv1_(register_module("conv1", CptConv2d(same_padding_conv(in, out, 3, stride), precision))),
        norm1_(register_module("norm1", torch::nn::BatchNorm2d(out))),
        conv2_(register_module("conv2", CptConv2d(same_padding_conv(out, out, 3, 1), precision))),
        norm2_(register_module("norm2", torch::nn::BatchNorm2d(out))),
        shortcut_(register_module("shortcut", Shortcut(in, out, stride, precision))) {}
  torch::Tensor forward(const torch::Tensor& x) {
    torch::Tensor y = torch::relu(norm1_(conv1_(x)));
    y = norm2_(conv2_(y));
    return torch::relu(y + shortcut_(x));
  }

 private:
  CptConv2d conv1_;
  torch::nn::BatchNorm2d norm1_;
  CptConv2d conv2_;
  torch::nn::BatchNorm2d norm2_;
  Shortcut shortcut_;
};
TORCH_MODULE(BasicBlock);

class BottleneckBlockImpl : public torch::nn::Module {
 public:
  // `width` is the inner width; the block outputs 4 · width channels.
  BottleneckBlockImpl(std::int64_t in, std::int64_t width, std::int64_t stride,
                      const std::shared_ptr<CptPrecision>& precision)
      : conv1_(register_module("conv1", CptConv2d(same_padding_conv(in, width, 1, 1), precision))),
        norm1_(register_module("norm1", torch::nn::BatchNorm2d(width))),
        conv2_(register_module("conv2", CptConv2d(same_padding_conv(width, width, 3, stride), precision))),
        norm2_(register_module("norm2", torch::nn::BatchNorm2d(width))),
        conv3_(register_module("conv3", CptConv2d(same_padding_conv(width, 4 * width, 1, 1), precision))),
        norm3_(register_module("norm3", torch::nn::BatchNorm2d(4 * width))),
        shortcut_(register_module("shortcut", Shortcut(in, 4 * width, stride, precision))) {}
  torch::Tensor forward(const torch::Tensor& x) {
    torch::Tensor y = torch::relu(norm1_(conv1_(x)));
    y = torch::relu(norm2_(conv2_(y)));
    y = norm3_(conv3_(y));
    return torch::relu(y + shortcut_(x));
  }

 private:
  CptConv2d conv1_;
  torch::nn::BatchNorm2d norm1_;
  CptConv2d conv2_;
  torch::nn::BatchNorm2d norm2_;
  CptConv2d conv3_;
  torch::nn::BatchNorm2d norm3_;
  Shortcut shortcut_;
};
TORCH_MODULE(BottleneckBlock);

}  // namespace

int blocks_per_stage(const CifarResNetOptions& options) {
  const int per_block = options.bottleneck ? 9 : 6;
  if (options.depth < per_block + 2 || (options.depth - 2) % per_block != 0) {
    throw InputError("CIFAR ResNet depth " + std::to_string(options.depth) + " is not " +
                     std::to_string(per_block) + "n + 2 with n >= 1");
  }
  return (options.depth - 2) / per_block;
}

CifarResNetImpl::CifarResNetImpl(const CifarResNetOptions& options,
                                 std::shared_ptr<CptPrecision> precision) {
  const int blocks = blocks_per_stage(options);
  const std::int64_t stem_width = options.widths[0];
  stem_ = register_module("stem", CptConv2d(same_padding_conv(options.input_channels, stem_width, 3, 1), precision));
  stem_norm_ = register_module("stem_norm", torch::nn::BatchNorm2d(stem_width));
  std::int64_t channels = stem_width;
  for (int stage = 0; stage < 3; ++stage) {
    const std::int64_t width = options.widths[stage];
    for (int block = 0; block < blocks; ++block) {
      const std::int64_t stride = (stage > 0 && block == 0) ? 2 : 1;
      if (options.bottleneck) {
        blocks_->push_back(BottleneckBlock(channels, width, stride, precision));
        channels = 4 * width;
      } else {
        blocks_->push_back(BasicBlock(channels, width, stride, precision));
        channels = width;
      }
    }
  }
  register_module("blocks", blocks_);
  classifier_ = register_module("classifier", torch::nn::Linear(channels, options.num_classes));
}

torch::Tensor CifarResNetImpl::forward(torch::Tensor input) {
  torch::Tensor x = torch::relu(stem_norm_(stem_(input)));
  x = blocks_->forward(x);
  x = torch::adaptive_avg_pool2d(x, {1, 1}).flatten(1);
  return classifier_(x);
}

}  // namespace repro::cyclic_precision_training
