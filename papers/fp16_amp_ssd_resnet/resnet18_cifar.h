// The authors' CIFAR ResNet-18: 3×3 stem 3→32 + batch norm + ReLU; four stages of two basic
// blocks (widths 64/128/256/512, strides 1/2/2/2) with 1×1 projection shortcuts (+ batch norm)
// where the shape changes; no max-pool; average pool 4; dropout 0.2; linear 512→10.
#pragma once

#include <cstdint>

#include <torch/torch.h>

namespace repro::fp16_amp_ssd_resnet {

struct ResNet18CifarOptions {
  TORCH_ARG(std::int64_t, stem_channels) = 32;
  // Stage widths are base_width × 1, 2, 4, 8 (64 → 64/128/256/512). Smaller for smoke runs.
  TORCH_ARG(std::int64_t, base_width) = 64;
  TORCH_ARG(std::int64_t, classes) = 10;
  TORCH_ARG(double, dropout) = 0.2;
};

// conv3×3 → BN → ReLU → conv3×3 → BN, plus the identity or a 1×1 projection (conv + BN) when
// the stride or the width changes; ReLU after the sum.
class BasicBlockImpl : public torch::nn::Module {
 public:
  BasicBlockImpl(std::int64_t input_channels, std::int64_t output_channels, std::int64_t stride);
  torch::Tensor forward(const torch::Tensor& input);

 private:
  torch::nn::Conv2d conv1_{nullptr}, conv2_{nullptr};
  torch::nn::BatchNorm2d norm1_{nullptr}, norm2_{nullptr};
  torch::nn::Sequential shortcut_{nullptr};  // empty for the identity
};
TORCH_MODULE(BasicBlock);

class ResNet18CifarImpl : public torch::nn::Module {
 public:
  explicit ResNet18CifarImpl(const ResNet18CifarOptions& options = ResNet18CifarOptions());
  // REQUIRES: input [B, 3, 32, 32] (other sizes work when divisible by 32). Returns logits
  // [B, classes].
  torch::Tensor forward(const torch::Tensor& input);

 private:
  torch::nn::Conv2d stem_{nullptr};
  torch::nn::BatchNorm2d stem_norm_{nullptr};
  torch::nn::Sequential stages_{nullptr};
  torch::nn::Dropout dropout_{nullptr};
  torch::nn::Linear classifier_{nullptr};
};
TORCH_MODULE(ResNet18Cifar);

}  // namespace repro::fp16_amp_ssd_resnet
