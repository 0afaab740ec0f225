// SSD's MultiBox loss with 3:1 hard-negative mining (Liu et al. 2016; ssd.pytorch):
//   L = (L_loc + L_conf) / N,  N = number of positive priors in the batch (at least 1),
//   L_loc  = Σ over positives of the localisation term of (predicted − target offsets),
//   L_conf = Σ over positives and the mined negatives of the cross entropy,
// where the mined negatives of each image are its background priors with the highest
// cross entropy (of class 0), at most negatives_per_positive × its positives (and P − 1).
// Computed in float32 whatever the dtype of the predictions.
#pragma once

#include <cstdint>

#include <torch/types.h>

namespace repro::fp16_amp_ssd_resnet {

// The authors' code uses L1; the SSD paper smooth L1 (Huber with β = 1).
enum class LocalisationLoss { l1, smooth_l1 };

struct MultiBoxLossOptions {
  TORCH_ARG(LocalisationLoss, localisation) = LocalisationLoss::l1;
  TORCH_ARG(double, negatives_per_positive) = 3.0;
};

struct MultiBoxLoss {
  torch::Tensor localisation;  // L_loc / N (scalar)
  torch::Tensor confidence;    // L_conf / N (scalar)
  torch::Tensor total;         // their sum
  torch::Tensor positives;     // int64 scalar: N before clamping to 1
};

// REQUIRES: locations [B, P, 4], confidences [B, P, C], target_offsets [B, P, 4],
// target_classes int64 [B, P] in 0..C-1 (0 background), all on one device.
MultiBoxLoss multibox_loss(const torch::Tensor& locations, const torch::Tensor& confidences,
                           const torch::Tensor& target_offsets, const torch::Tensor& target_classes,
                           const MultiBoxLossOptions& options = MultiBoxLossOptions());

}  // namespace repro::fp16_amp_ssd_resnet
