// A convolution with CPT's three quantizers (Banner et al.'s scheme as in the authors' code):
//   weights      affine:B per output channel, nearest rounding, straight-through estimator;
//   input        affine:B per tensor from the batch's min and max in training, from running
//                min and max (momentum from CptPrecision) in evaluation, straight-through;
//   errors       dL/d(output) affine:G per tensor with stochastic rounding, so both the input
//                gradient and the weight gradient are computed from quantized errors.
// The weight gradient itself, batch normalization and the classifier stay in full precision.
// Bits come from the shared CptPrecision (0 = full precision for that direction).
#pragma once

#include <cstdint>
#include <memory>

#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

#include "papers/cyclic_precision_training/cpt_precision.h"

namespace repro::cyclic_precision_training {

struct CptConv2dOptions {
  std::int64_t in_channels = 1;
  std::int64_t out_channels = 1;
  std::int64_t kernel_size = 3;
  std::int64_t stride = 1;
  std::int64_t padding = 0;
  std::int64_t groups = 1;
};

// A convolution whose output keeps the input's size at stride 1 (padding kernel / 2), as the
// CIFAR ResNets and MobileNetV2 use throughout.
// REQUIRES: kernel odd.
CptConv2dOptions same_padding_conv(std::int64_t in, std::int64_t out, std::int64_t kernel, std::int64_t stride,
                                   std::int64_t groups = 1);

class CptConv2dImpl : public torch::nn::Module {
 public:
  // REQUIRES: precision != nullptr; channels divisible by groups. Weights are initialized as
  // torch::nn::Conv2d initializes them (Kaiming uniform, a = √5); no bias (BN follows).
  CptConv2dImpl(const CptConv2dOptions& options, std::shared_ptr<CptPrecision> precision);

  torch::Tensor forward(const torch::Tensor& input);

  // Multiply-accumulates of one image through this layer in the last forward pass
  // (output height · width · out_channels · in_channels/groups · kernel²); 0 before any.
  std::int64_t multiply_accumulates_per_image() const { return macs_per_image_; }
  const CptConv2dOptions& options() const { return options_; }

  torch::Tensor weight;
  torch::Tensor running_min;  // scalar buffers: the input range used in evaluation
  torch::Tensor running_max;

 private:
  CptConv2dOptions options_;
  std::shared_ptr<CptPrecision> precision_;
  std::int64_t layer_index_ = 0;
  bool running_initialized_ = false;
  std::int64_t macs_per_image_ = 0;
};

TORCH_MODULE(CptConv2d);

}  // namespace repro::cyclic_precision_training
