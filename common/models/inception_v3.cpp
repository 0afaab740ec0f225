#include "common/models/inception_v3.h"

#include <algorithm>
#include <string>

#include <torch/nn/functional/pooling.h>
#include <torch/nn/init.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>

#include "base/errors.h"

namespace repro::models {
namespace {

namespace F = torch::nn::functional;
using inception_detail::Unit;

struct Geometry {
  torch::ExpandingArray<2> kernel;
  torch::ExpandingArray<2> stride = 1;
  torch::ExpandingArray<2> padding = 0;
};

// torchvision's BasicConv2d: bias-free convolution, batch norm, ReLU; children "conv" and "bn".
class BasicConv2d : public Unit {
 public:
  BasicConv2d(std::int64_t in_channels, std::int64_t out_channels, const Geometry& geometry,
              double epsilon)
      : conv_(register_module("conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(
                                                              in_channels, out_channels, geometry.kernel)
                                                              .stride(geometry.stride)
                                                              .padding(geometry.padding)
                                                              .bias(false)))),
        bn_(register_module("bn", torch::nn::BatchNorm2d(
                                      torch::nn::BatchNormOptions(out_channels).eps(epsilon)))) {
    // torchvision initialises with a truncated normal (std 0.1); a plain normal of the same
    // scale, clamped at 2 std, keeps the activations' scale.
    torch::NoGradGuard no_grad;
    conv_->weight.normal_(0.0, 0.1).clamp_(-0.2, 0.2);
  }
  torch::Tensor forward(torch::Tensor input) override {
    return torch::relu(bn_->forward(conv_->forward(input)));
  }

 private:
  torch::nn::Conv2d conv_;
  torch::nn::BatchNorm2d bn_;
};

// Builds the units of one Mixed block with torchvision's names.
class Block : public Unit {
 protected:
  Block(const InceptionV3Options& options) : options_(options) {}
  // Channels of the full network scaled by the width divisor.
  std::int64_t width(std::int64_t channels) const {
    return std::max<std::int64_t>(1, channels / options_.width_divisor());
  }
  std::shared_ptr<BasicConv2d> unit(const std::string& name, std::int64_t in_channels,
                                    std::int64_t full_out_channels, const Geometry& geometry) {
    return register_module(name, std::make_shared<BasicConv2d>(in_channels, width(full_out_channels),
                                                               geometry, options_.batch_norm_epsilon()));
  }
  torch::Tensor average_pool(const torch::Tensor& input) const {
    return F::avg_pool2d(input, F::AvgPool2dFuncOptions(3).stride(1).padding(1).count_include_pad(
                                    options_.average_pooling_counts_padding()));
  }
  static torch::Tensor max_pool(const torch::Tensor& input) {
    return F::max_pool2d(input, F::MaxPool2dFuncOptions(3).stride(2));
  }
  InceptionV3Options options_;
};

// Mixed_5b/5c/5d (35x35 at 299): 64 + 64 + 96 + pool_features channels.
class InceptionA : public Block {
 public:
  InceptionA(const InceptionV3Options& options, std::int64_t in, std::int64_t pool_features)
      : Block(options) {
    branch1x1_ = unit("branch1x1", in, 64, {1});
    branch5x5_1_ = unit("branch5x5_1", in, 48, {1});
    branch5x5_2_ = unit("branch5x5_2", width(48), 64, {5, 1, 2});
    branch3x3dbl_1_ = unit("branch3x3dbl_1", in, 64, {1});
    branch3x3dbl_2_ = unit("branch3x3dbl_2", width(64), 96, {3, 1, 1});
    branch3x3dbl_3_ = unit("branch3x3dbl_3", width(96), 96, {3, 1, 1});
    branch_pool_ = unit("branch_pool", in, pool_features, {1});
  }
  torch::Tensor forward(torch::Tensor x) override {
    return torch::cat({branch1x1_->forward(x), branch5x5_2_->forward(branch5x5_1_->forward(x)),
                       branch3x3dbl_3_->forward(branch3x3dbl_2_->forward(branch3x3dbl_1_->forward(x))),
                       branch_pool_->forward(average_pool(x))},
                      1);
  }

 private:
  std::shared_ptr<BasicConv2d> branch1x1_, branch5x5_1_, branch5x5_2_, branch3x3dbl_1_,
      branch3x3dbl_2_, branch3x3dbl_3_, branch_pool_;
};

// Mixed_6a (35 -> 17 at 299): 384 + 96 + in channels.
class InceptionB : public Block {
 public:
  InceptionB(const InceptionV3Options& options, std::int64_t in) : Block(options) {
    branch3x3_ = unit("branch3x3", in, 384, {3, 2});
    branch3x3dbl_1_ = unit("branch3x3dbl_1", in, 64, {1});
    branch3x3dbl_2_ = unit("branch3x3dbl_2", width(64), 96, {3, 1, 1});
    branch3x3dbl_3_ = unit("branch3x3dbl_3", width(96), 96, {3, 2});
  }
  torch::Tensor forward(torch::Tensor x) override {
    return torch::cat({branch3x3_->forward(x),
                       branch3x3dbl_3_->forward(branch3x3dbl_2_->forward(branch3x3dbl_1_->forward(x))),
                       max_pool(x)},
                      1);
  }

 private:
  std::shared_ptr<BasicConv2d> branch3x3_, branch3x3dbl_1_, branch3x3dbl_2_, branch3x3dbl_3_;
};

// Mixed_6b..6e (17x17 at 299), factorised 7x7 convolutions: 4 x 192 channels.
class InceptionC : public Block {
 public:
  InceptionC(const InceptionV3Options& options, std::int64_t in, std::int64_t channels_7x7)
      : Block(options) {
    const std::int64_t c7 = width(channels_7x7);
    const Geometry row{{1, 7}, 1, {0, 3}};
    const Geometry column{{7, 1}, 1, {3, 0}};
    branch1x1_ = unit("branch1x1", in, 192, {1});
    branch7x7_1_ = unit("branch7x7_1", in, channels_7x7, {1});
    branch7x7_2_ = unit("branch7x7_2", c7, channels_7x7, row);
    branch7x7_3_ = unit("branch7x7_3", c7, 192, column);
    branch7x7dbl_1_ = unit("branch7x7dbl_1", in, channels_7x7, {1});
    branch7x7dbl_2_ = unit("branch7x7dbl_2", c7, channels_7x7, column);
    branch7x7dbl_3_ = unit("branch7x7dbl_3", c7, channels_7x7, row);
    branch7x7dbl_4_ = unit("branch7x7dbl_4", c7, channels_7x7, column);
    branch7x7dbl_5_ = unit("branch7x7dbl_5", c7, 192, row);
    branch_pool_ = unit("branch_pool", in, 192, {1});
  }
  torch::Tensor forward(torch::Tensor x) override {
    torch::Tensor seven = branch7x7_3_->forward(branch7x7_2_->forward(branch7x7_1_->forward(x)));
    torch::Tensor double_seven = branch7x7dbl_1_->forward(x);
    for (const auto& unit : {branch7x7dbl_2_, branch7x7dbl_3_, branch7x7dbl_4_, branch7x7dbl_5_}) {
      double_seven = unit->forward(double_seven);
    }
    return torch::cat({branch1x1_->forward(x), seven, double_seven,
                       branch_pool_->forward(average_pool(x))},
                      1);
  }

 private:
  std::shared_ptr<BasicConv2d> branch1x1_, branch7x7_1_, branch7x7_2_, branch7x7_3_,
      branch7x7dbl_1_, branch7x7dbl_2_, branch7x7dbl_3_, branch7x7dbl_4_, branch7x7dbl_5_,
      branch_pool_;
};

// Mixed_7a (17 -> 8 at 299): 320 + 192 + in channels.
class InceptionD : public Block {
 public:
  InceptionD(const InceptionV3Options& options, std::int64_t in) : Block(options) {
    branch3x3_1_ = unit("branch3x3_1", in, 192, {1});
    branch3x3_2_ = unit("branch3x3_2", width(192), 320, {3, 2});
    branch7x7x3_1_ = unit("branch7x7x3_1", in, 192, {1});
    branch7x7x3_2_ = unit("branch7x7x3_2", width(192), 192, {{1, 7}, 1, {0, 3}});
    branch7x7x3_3_ = unit("branch7x7x3_3", width(192), 192, {{7, 1}, 1, {3, 0}});
    branch7x7x3_4_ = unit("branch7x7x3_4", width(192), 192, {3, 2});
  }
  torch::Tensor forward(torch::Tensor x) override {
    torch::Tensor seven = branch7x7x3_1_->forward(x);
    for (const auto& unit : {branch7x7x3_2_, branch7x7x3_3_, branch7x7x3_4_}) seven = unit->forward(seven);
    return torch::cat({branch3x3_2_->forward(branch3x3_1_->forward(x)), seven, max_pool(x)}, 1);
  }

 private:
  std::shared_ptr<BasicConv2d> branch3x3_1_, branch3x3_2_, branch7x7x3_1_, branch7x7x3_2_,
      branch7x7x3_3_, branch7x7x3_4_;
};

// Mixed_7b/7c (8x8 at 299): 320 + 2 x 384 + 2 x 384 + 192 = 2048 channels.
class InceptionE : public Block {
 public:
  InceptionE(const InceptionV3Options& options, std::int64_t in) : Block(options) {
    const Geometry row{{1, 3}, 1, {0, 1}};
    const Geometry column{{3, 1}, 1, {1, 0}};
    branch1x1_ = unit("branch1x1", in, 320, {1});
    branch3x3_1_ = unit("branch3x3_1", in, 384, {1});
    branch3x3_2a_ = unit("branch3x3_2a", width(384), 384, row);
    branch3x3_2b_ = unit("branch3x3_2b", width(384), 384, column);
    branch3x3dbl_1_ = unit("branch3x3dbl_1", in, 448, {1});
    branch3x3dbl_2_ = unit("branch3x3dbl_2", width(448), 384, {3, 1, 1});
    branch3x3dbl_3a_ = unit("branch3x3dbl_3a", width(384), 384, row);
    branch3x3dbl_3b_ = unit("branch3x3dbl_3b", width(384), 384, column);
    branch_pool_ = unit("branch_pool", in, 192, {1});
  }
  torch::Tensor forward(torch::Tensor x) override {
    const torch::Tensor three = branch3x3_1_->forward(x);
    const torch::Tensor double_three = branch3x3dbl_2_->forward(branch3x3dbl_1_->forward(x));
    return torch::cat({branch1x1_->forward(x), branch3x3_2a_->forward(three),
                       branch3x3_2b_->forward(three), branch3x3dbl_3a_->forward(double_three),
                       branch3x3dbl_3b_->forward(double_three),
                       branch_pool_->forward(average_pool(x))},
                      1);
  }

 private:
  std::shared_ptr<BasicConv2d> branch1x1_, branch3x3_1_, branch3x3_2a_, branch3x3_2b_,
      branch3x3dbl_1_, branch3x3dbl_2_, branch3x3dbl_3a_, branch3x3dbl_3b_, branch_pool_;
};

}  // namespace

InceptionV3::InceptionV3(const InceptionV3Options& options) : options_(options) {
  if (options.width_divisor() <= 0) throw InputError("InceptionV3Options: width_divisor must be > 0");
  const auto width = [&](std::int64_t channels) {
    return std::max<std::int64_t>(1, channels / options.width_divisor());
  };
  const double epsilon = options.batch_norm_epsilon();
  const auto stem = [&](const std::string& name, std::int64_t in, std::int64_t out, const Geometry& geometry) {
    stem_.push_back(register_module(name, std::make_shared<BasicConv2d>(in, width(out), geometry, epsilon)));
  };
  stem("Conv2d_1a_3x3", 3, 32, {3, 2});
  stem("Conv2d_2a_3x3", width(32), 32, {3});
  stem("Conv2d_2b_3x3", width(32), 64, {3, 1, 1});
  stem("Conv2d_3b_1x1", width(64), 80, {1});
  stem("Conv2d_4a_3x3", width(80), 192, {3});
  std::int64_t channels = width(192);
  const auto add = [&](const std::string& name, std::shared_ptr<Unit> block, std::int64_t out) {
    mixed_.push_back(register_module(name, std::move(block)));
    channels = out;
  };
  add("Mixed_5b", std::make_shared<InceptionA>(options, channels, 32),
      width(64) + width(64) + width(96) + width(32));
  add("Mixed_5c", std::make_shared<InceptionA>(options, channels, 64),
      width(64) + width(64) + width(96) + width(64));
  add("Mixed_5d", std::make_shared<InceptionA>(options, channels, 64),
      width(64) + width(64) + width(96) + width(64));
  add("Mixed_6a", std::make_shared<InceptionB>(options, channels), width(384) + width(96) + channels);
  for (const auto& [name, seven] :
       {std::pair<const char*, std::int64_t>{"Mixed_6b", 128}, {"Mixed_6c", 160}, {"Mixed_6d", 160},
        {"Mixed_6e", 192}}) {
    add(name, std::make_shared<InceptionC>(options, channels, seven), 4 * width(192));
  }
  add("Mixed_7a", std::make_shared<InceptionD>(options, channels), width(320) + width(192) + channels);
  const std::int64_t e_out = width(320) + 4 * width(384) + width(192);
  add("Mixed_7b", std::make_shared<InceptionE>(options, channels), e_out);
  add("Mixed_7c", std::make_shared<InceptionE>(options, channels), e_out);
  output_channels_ = channels;
}

torch::Tensor InceptionV3::forward(torch::Tensor input) {
  namespace F = torch::nn::functional;
  torch::Tensor x = input;
  for (std::size_t i = 0; i < stem_.size(); ++i) {
    if (i == 3) x = F::max_pool2d(x, F::MaxPool2dFuncOptions(3).stride(2));
    x = stem_[i]->forward(x);
  }
  x = F::max_pool2d(x, F::MaxPool2dFuncOptions(3).stride(2));
  for (const auto& block : mixed_) x = block->forward(x);
  return x;
}

}  // namespace repro::models
