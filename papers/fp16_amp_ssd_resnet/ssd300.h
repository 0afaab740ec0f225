// SSD300 with the VGG16 base (Liu et al. 2016, as in ssd.pytorch, which the authors used):
// VGG16's convolutions with pool3 in ceil mode and pool5 3×3 stride 1 pad 1, fc6/fc7 as conv6
// (3×3, dilation 6, 1024) and conv7 (1×1, 1024), an L2 normalisation of conv4_3 with a learned
// per-channel scale initialised to 20, the auxiliary layers conv8_1 … conv11_2, and 3×3
// localisation / confidence heads with 4, 6, 6, 6, 4, 4 boxes per location on the 38, 19, 10,
// 5, 3, 1 maps: 8,732 boxes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include <torch/torch.h>

namespace repro::fp16_amp_ssd_resnet {

struct Ssd300Options {
  TORCH_ARG(std::int64_t, classes) = 21;  // 20 VOC classes + background (index 0)
  // Every channel count is divided by this (1 = the real network). Smoke runs use 8 so that a
  // 300×300 iteration takes well under a second on a CPU; the maps and priors are unchanged.
  TORCH_ARG(std::int64_t, width_divisor) = 1;
};

// Boxes per location on each of the six source maps.
const std::vector<std::int64_t>& ssd300_boxes_per_location();

// L2 normalisation over channels with a learned per-channel scale (ssd.pytorch's L2Norm):
// y = scale_c · x / (sqrt(Σ_c x²) + 1e-10). Computed in float32 and returned in the input's
// dtype, so a half model's sum of 512 squares cannot overflow.
class L2NormImpl : public torch::nn::Module {
 public:
  L2NormImpl(std::int64_t channels, double initial_scale);
  torch::Tensor forward(const torch::Tensor& input);
  torch::Tensor weight;
};
TORCH_MODULE(L2Norm);

// VGG16's `features` with torchvision's layer indices (convolutions at 0, 2, 5, 7, 10, 12, 14,
// 17, 19, 21, 24, 26, 28), so an ImageNet weight file with keys `features.N.weight|bias` loads
// into it. SSD's changes: index 16 (pool3) in ceil mode, index 30 (pool5) 3×3 stride 1 pad 1.
class Vgg16FeaturesImpl : public torch::nn::Module {
 public:
  explicit Vgg16FeaturesImpl(std::int64_t width_divisor = 1);
  torch::nn::Sequential features{nullptr};
};
TORCH_MODULE(Vgg16Features);

struct SsdOutput {
  torch::Tensor locations;   // [B, 8732, 4] encoded offsets
  torch::Tensor confidences; // [B, 8732, classes] logits
};

class Ssd300Impl : public torch::nn::Module {
 public:
  explicit Ssd300Impl(const Ssd300Options& options = Ssd300Options());
  // REQUIRES: input [B, 3, 300, 300].
  SsdOutput forward(const torch::Tensor& input);
  // [B, 8732, 4 + classes]: locations then confidences (the form the classifier harness passes
  // to a loss function).
  torch::Tensor forward_packed(const torch::Tensor& input);
  const Ssd300Options& options() const { return options_; }

  Vgg16Features base{nullptr};

 private:
  Ssd300Options options_;
  L2Norm conv4_3_norm_{nullptr};
  torch::nn::Conv2d conv6_{nullptr}, conv7_{nullptr};
  torch::nn::ModuleList extras_{nullptr};      // conv8_1, conv8_2, …, conv11_2
  torch::nn::ModuleList location_heads_{nullptr};
  torch::nn::ModuleList confidence_heads_{nullptr};
};
TORCH_MODULE(Ssd300);

// Loads ImageNet VGG16 weights into model.base from a weight file with torchvision's names
// (`features.0.weight` … `features.28.bias`; a file of a whole torchvision vgg16 may also hold
// `classifier.*`, which is ignored). Throws repro::InputError naming the file when a key of the
// base is missing or a shape differs (e.g. a width_divisor other than 1).
void load_vgg16_imagenet_weights(const std::filesystem::path& path, Ssd300Impl& model);

}  // namespace repro::fp16_amp_ssd_resnet
