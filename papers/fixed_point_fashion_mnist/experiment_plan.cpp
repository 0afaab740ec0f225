#include "papers/fixed_point_fashion_mnist/experiment_plan.h"

#include <fmt/format.h>

namespace repro::fixed_point_fashion_mnist {

ExperimentPlan experiment_plan(Tier tier) {
  ExperimentPlan plan;
  switch (tier) {
    case Tier::smoke:
      plan.train_images = 512;
      plan.test_images = 1000;
      plan.epochs = 1;
      plan.seeds = 2;
      break;
    case Tier::reduced:
      plan.train_images = 12000;
      plan.test_images = 0;
      plan.epochs = 3;
      plan.seeds = 5;
      break;
    case Tier::full:
      plan.train_images = 0;
      plan.test_images = 0;
      plan.epochs = 5;
      plan.seeds = 5;
      plan.fractional_sweeps = true;
      plan.fractional_fractions = {0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875};
      plan.batch_size_sweep = true;
      plan.batch_sizes = {16, 32, 64, 128};
      plan.quantization_variants = true;
      break;
  }
  return plan;
}

TierBudget training_budget(const ExperimentPlan& plan) {
  constexpr double kSlidesImagePasses = 60000.0 * 5.0;
  const double images = plan.train_images == 0 ? 60000.0 : static_cast<double>(plan.train_images);
  const double share = images * static_cast<double>(plan.epochs) / kSlidesImagePasses;
  const std::string description = fmt::format(
      "{:.0f} training images x {} epochs: {:.0f}% of the slides' 60,000 x 5 image-passes", images,
      plan.epochs, 100.0 * share);
  return share >= 0.5 ? TierBudget::sufficient(description) : TierBudget::below(description);
}

}  // namespace repro::fixed_point_fashion_mnist
