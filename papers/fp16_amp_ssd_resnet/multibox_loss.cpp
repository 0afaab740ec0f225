#include "papers/fp16_amp_ssd_resnet/multibox_loss.h"

#include <torch/torch.h>

#include "base/errors.h"

namespace repro::fp16_amp_ssd_resnet {

MultiBoxLoss multibox_loss(const torch::Tensor& locations, const torch::Tensor& confidences,
                           const torch::Tensor& target_offsets, const torch::Tensor& target_classes,
                           const MultiBoxLossOptions& options) {
  if (locations.dim() != 3 || locations.size(2) != 4 || confidences.dim() != 3 ||
      confidences.size(1) != locations.size(1) || !target_offsets.sizes().equals(locations.sizes()) ||
      target_classes.dim() != 2 || target_classes.size(1) != locations.size(1)) {
    throw InputError("multibox_loss: expected locations [B, P, 4], confidences [B, P, C], "
                     "target offsets [B, P, 4] and target classes [B, P]");
  }
  const torch::Tensor predicted = locations.to(torch::kFloat);
  const torch::Tensor logits = confidences.to(torch::kFloat);
  const torch::Tensor classes = target_classes.to(torch::kLong);
  const std::int64_t priors = locations.size(1);
  const torch::Tensor positive = classes > 0;  // [B, P]
  const torch::Tensor positives_per_image = positive.sum(1, /*keepdim=*/true);
  const torch::Tensor positives = positives_per_image.sum();  // no host sync: stays a tensor

  const torch::Tensor difference = predicted - target_offsets.to(torch::kFloat);
  const torch::Tensor location_terms =
      options.localisation() == LocalisationLoss::l1
          ? difference.abs()
          : torch::where(difference.abs() < 1.0, 0.5 * difference.pow(2), difference.abs() - 0.5);
  const torch::Tensor location_sum = (location_terms.sum(2) * positive).sum();

  // Cross entropy of every prior: logsumexp − logit of its target class.
  const torch::Tensor cross_entropy =
      torch::logsumexp(logits, 2) - logits.gather(2, classes.unsqueeze(2)).squeeze(2);  // [B, P]
  torch::Tensor mining = cross_entropy.detach().masked_fill(positive, 0.0);
  const torch::Tensor order = std::get<1>(mining.sort(/*dim=*/1, /*descending=*/true));
  const torch::Tensor rank = std::get<1>(order.sort(/*dim=*/1));
  const torch::Tensor negatives_allowed =
      (positives_per_image.to(torch::kDouble) * options.negatives_per_positive())
          .floor()
          .clamp_max(static_cast<double>(priors - 1))
          .to(torch::kLong);
  const torch::Tensor negative = rank < negatives_allowed;
  const torch::Tensor selected = positive | negative;
  const torch::Tensor confidence_sum = (cross_entropy * selected).sum();

  const torch::Tensor normaliser = positives.clamp_min(1).to(torch::kFloat);
  MultiBoxLoss loss;
  loss.localisation = location_sum / normaliser;
  loss.confidence = confidence_sum / normaliser;
  loss.total = loss.localisation + loss.confidence;
  loss.positives = positives;
  return loss;
}

}  // namespace repro::fp16_amp_ssd_resnet
