#include "papers/fixed_point_fashion_mnist/experiment_plan.h"

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

}  // namespace repro::fixed_point_fashion_mnist
