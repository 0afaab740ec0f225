// SSD's box arithmetic: corner / centre forms, IoU, the offset encoding with variances, and the
// matching of ground-truth boxes to priors (Liu et al. 2016; ssd.pytorch's box_utils).
#pragma once

#include <array>

#include <torch/types.h>

namespace repro::fp16_amp_ssd_resnet {

// The variances of the offset encoding: centre offsets divided by 0.1, log sizes by 0.2.
inline constexpr std::array<double, 2> kSsdVariances{0.1, 0.2};

// [N, 4] (cx, cy, w, h) → (xmin, ymin, xmax, ymax), and back.
torch::Tensor to_corner_form(const torch::Tensor& centre_boxes);
torch::Tensor to_centre_form(const torch::Tensor& corner_boxes);

// [A, 4] × [B, 4] corner boxes → [A, B] intersection over union (0 for disjoint boxes).
torch::Tensor intersection_over_union(const torch::Tensor& first, const torch::Tensor& second);

// Offsets of matched corner boxes [P, 4] against centre-form priors [P, 4]:
// ((cx − p_cx) / (v0 · p_w), (cy − p_cy) / (v0 · p_h), log(w / p_w) / v1, log(h / p_h) / v1).
torch::Tensor encode_boxes(const torch::Tensor& matched_corner_boxes, const torch::Tensor& priors,
                           const std::array<double, 2>& variances = kSsdVariances);
// The inverse: offsets [P, 4] → corner boxes [P, 4].
torch::Tensor decode_boxes(const torch::Tensor& offsets, const torch::Tensor& priors,
                           const std::array<double, 2>& variances = kSsdVariances);

struct PriorTargets {
  torch::Tensor offsets;  // float [P, 4]: the encoded box each prior regresses to
  torch::Tensor classes;  // int64 [P]: 0 background, else ground-truth class + 1
};

// SSD's matching: each prior takes the ground truth it overlaps most; it is a positive when that
// IoU >= threshold (0.5), else background. Then every ground truth claims its best prior,
// whatever the IoU (ties: the later ground truth wins, as in ssd.pytorch).
// REQUIRES: truths float [G, 4] corner form (fractions), G >= 1; labels int64 [G] in
// 0..classes-2; priors float [P, 4] centre form. Computed on the CPU; the targets are CPU tensors.
PriorTargets match_priors(const torch::Tensor& truths, const torch::Tensor& labels,
                          const torch::Tensor& priors, double threshold = 0.5,
                          const std::array<double, 2>& variances = kSsdVariances);

}  // namespace repro::fp16_amp_ssd_resnet
