// CIFAR ResNets (He et al. 2016, Section 4.2) with CPT's quantized convolutions:
//   basic blocks, depth 6n + 2 (ResNet-38, 74, 110, 152: n = 6, 12, 18, 25), widths 16/32/64;
//   bottleneck blocks, depth 9n + 2 (ResNet-164: n = 18), widths 16/32/64 ×4 expansion.
// A 3×3 stem, three stages (stride 1, 2, 2), projection shortcuts (1×1 convolution + BN) where
// the shape changes, global average pooling and a full-precision linear classifier.
#pragma once

#include <array>
#include <cstdint>
#include <memory>

#include <torch/nn/module.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/pimpl.h>

#include "papers/cyclic_precision_training/cpt_conv2d.h"

namespace repro::cyclic_precision_training {

struct CifarResNetOptions {
  int depth = 74;                   // 6n + 2 (basic) or 9n + 2 (bottleneck)
  bool bottleneck = false;
  std::int64_t num_classes = 10;
  std::int64_t input_channels = 3;  // 1 for MNIST-style data
  std::array<std::int64_t, 3> widths = {16, 32, 64};

  CifarResNetOptions& layers(int value) { depth = value; return *this; }
  CifarResNetOptions& use_bottleneck(bool value) { bottleneck = value; return *this; }
  CifarResNetOptions& classes(std::int64_t value) { num_classes = value; return *this; }
  CifarResNetOptions& channels(std::int64_t value) { input_channels = value; return *this; }
  CifarResNetOptions& stage_widths(std::array<std::int64_t, 3> value) { widths = value; return *this; }
};

// Blocks per stage: (depth − 2) / 6 for basic blocks, (depth − 2) / 9 for bottlenecks.
// Throws repro::InputError when depth does not have that form (n >= 1).
int blocks_per_stage(const CifarResNetOptions& options);

class CifarResNetImpl : public torch::nn::Module {
 public:
  // Throws repro::InputError for a bad depth. REQUIRES: precision != nullptr.
  CifarResNetImpl(const CifarResNetOptions& options, std::shared_ptr<CptPrecision> precision);
  torch::Tensor forward(torch::Tensor input);  // logits

 private:
  CptConv2d stem_{nullptr};
  torch::nn::BatchNorm2d stem_norm_{nullptr};
  torch::nn::Sequential blocks_;
  torch::nn::Linear classifier_{nullptr};
};

TORCH_MODULE(CifarResNet);

}  // namespace repro::cyclic_precision_training
