#include "papers/fp16_amp_ssd_resnet/box_coding.h"

#include <torch/torch.h>

#include "base/errors.h"

namespace repro::fp16_amp_ssd_resnet {

torch::Tensor to_corner_form(const torch::Tensor& centre_boxes) {
  const torch::Tensor centre = centre_boxes.slice(1, 0, 2);
  const torch::Tensor half_size = centre_boxes.slice(1, 2, 4) / 2;
  return torch::cat({centre - half_size, centre + half_size}, 1);
}

torch::Tensor to_centre_form(const torch::Tensor& corner_boxes) {
  const torch::Tensor minimum = corner_boxes.slice(1, 0, 2);
  const torch::Tensor maximum = corner_boxes.slice(1, 2, 4);
  return torch::cat({(minimum + maximum) / 2, maximum - minimum}, 1);
}

torch::Tensor intersection_over_union(const torch::Tensor& first, const torch::Tensor& second) {
  const torch::Tensor a = first.unsqueeze(1);   // [A, 1, 4]
  const torch::Tensor b = second.unsqueeze(0);  // [1, B, 4]
  const torch::Tensor lower = torch::max(a.slice(2, 0, 2), b.slice(2, 0, 2));
  const torch::Tensor upper = torch::min(a.slice(2, 2, 4), b.slice(2, 2, 4));
  const torch::Tensor sides = (upper - lower).clamp_min(0);
  const torch::Tensor intersection = sides.select(2, 0) * sides.select(2, 1);
  const torch::Tensor area_a = (a.select(2, 2) - a.select(2, 0)) * (a.select(2, 3) - a.select(2, 1));
  const torch::Tensor area_b = (b.select(2, 2) - b.select(2, 0)) * (b.select(2, 3) - b.select(2, 1));
  const torch::Tensor union_area = area_a + area_b - intersection;
  return torch::where(union_area > 0, intersection / union_area, torch::zeros_like(union_area));
}

torch::Tensor encode_boxes(const torch::Tensor& matched_corner_boxes, const torch::Tensor& priors,
                           const std::array<double, 2>& variances) {
  const torch::Tensor matched = to_centre_form(matched_corner_boxes);
  const torch::Tensor prior_size = priors.slice(1, 2, 4);
  const torch::Tensor centre = (matched.slice(1, 0, 2) - priors.slice(1, 0, 2)) / (variances[0] * prior_size);
  const torch::Tensor size = torch::log(matched.slice(1, 2, 4) / prior_size) / variances[1];
  return torch::cat({centre, size}, 1);
}

torch::Tensor decode_boxes(const torch::Tensor& offsets, const torch::Tensor& priors,
                           const std::array<double, 2>& variances) {
  const torch::Tensor prior_size = priors.slice(1, 2, 4);
  const torch::Tensor centre = priors.slice(1, 0, 2) + offsets.slice(1, 0, 2) * variances[0] * prior_size;
  const torch::Tensor size = prior_size * torch::exp(offsets.slice(1, 2, 4) * variances[1]);
  return to_corner_form(torch::cat({centre, size}, 1));
}

PriorTargets match_priors(const torch::Tensor& truths_any_device,
                          const torch::Tensor& labels_any_device,
                          const torch::Tensor& priors_any_device, double threshold,
                          const std::array<double, 2>& variances) {
  const torch::Tensor truths = truths_any_device.to(torch::kCPU, torch::kFloat);
  const torch::Tensor labels = labels_any_device.to(torch::kCPU, torch::kLong);
  const torch::Tensor priors = priors_any_device.to(torch::kCPU, torch::kFloat);
  if (truths.dim() != 2 || truths.size(0) < 1 || truths.size(1) != 4 ||
      labels.numel() != truths.size(0)) {
    throw InputError("match_priors: truths must be [G, 4] with G >= 1 and labels [G]");
  }
  const torch::Tensor overlaps = intersection_over_union(truths, to_corner_form(priors));  // [G, P]
  const torch::Tensor best_prior_of_truth = std::get<1>(overlaps.max(1));                 // [G]
  auto [best_truth_overlap, best_truth_of_prior] = overlaps.max(0);                       // [P]
  // Every ground truth keeps its best prior: overlap forced above any threshold, index forced.
  best_truth_overlap.index_fill_(0, best_prior_of_truth, 2.0);
  auto prior_index = best_prior_of_truth.accessor<std::int64_t, 1>();
  auto truth_index = best_truth_of_prior.accessor<std::int64_t, 1>();
  for (std::int64_t truth = 0; truth < truths.size(0); ++truth) truth_index[prior_index[truth]] = truth;
  PriorTargets targets;
  targets.classes = labels.to(torch::kLong).index_select(0, best_truth_of_prior) + 1;
  targets.classes.masked_fill_(best_truth_overlap < threshold, 0);
  targets.offsets = encode_boxes(truths.index_select(0, best_truth_of_prior), priors, variances);
  return targets;
}

}  // namespace repro::fp16_amp_ssd_resnet
