// MobileNetV2 (Sandler et al. 2018), the CIFAR variant used by CPT's code base (stem and the
// second stage at stride 1 for 32×32 inputs): inverted residual blocks with CPT's quantized
// convolutions, a full-precision linear classifier.
#pragma once

#include <cstdint>
#include <memory>

#include <torch/nn/module.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>

#include "papers/cyclic_precision_training/cpt_conv2d.h"

namespace repro::cyclic_precision_training {

class MobileNetV2CifarImpl : public torch::nn::Module {
 public:
  // REQUIRES: precision != nullptr.
  MobileNetV2CifarImpl(std::int64_t num_classes, std::shared_ptr<CptPrecision> precision,
                       std::int64_t input_channels = 3);
  torch::Tensor forward(torch::Tensor input);  // logits

 private:
  CptConv2d stem_{nullptr};
  torch::nn::BatchNorm2d stem_norm_{nullptr};
  torch::nn::Sequential blocks_;
  CptConv2d head_{nullptr};
  torch::nn::BatchNorm2d head_norm_{nullptr};
  torch::nn::Linear classifier_{nullptr};
};

TORCH_MODULE(MobileNetV2Cifar);

}  // namespace repro::cyclic_precision_training
