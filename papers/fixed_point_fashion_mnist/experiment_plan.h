// How much of the slides' protocol each tier runs: data sizes, seeds, and which sweeps.
#pragma once

#include <cstdint>
#include <vector>

#include "common/tier.h"
#include "common/tier_budget.h"

namespace repro::fixed_point_fashion_mnist {

struct ExperimentPlan {
  std::int64_t train_images = 0;  // 0: all 60,000
  std::int64_t test_images = 0;   // 0: all 10,000
  std::int64_t epochs = 5;
  int seeds = 5;                  // seeds 1..seeds (every configuration runs on each)
  bool headline = true;           // FP32, baseline, optimized
  bool fractional_sweeps = false; // per role: accuracy against the fraction of fractional bits
  std::vector<double> fractional_fractions;  // F / W values of those sweeps
  bool batch_size_sweep = false;  // accuracy per epoch, one line per batch size
  std::vector<std::int64_t> batch_sizes;
  bool quantization_variants = false;  // asymmetric mode and stochastic rounding of the headline
  int worker_threads = 2;         // runs trained concurrently (one intra-op thread each)
};

// smoke: 512 training and 1,000 test images (real when present), 1 epoch, 2 seeds, headline only.
// reduced: 12,000 training images, 3 epochs, the full 10,000-image test set, 5 seeds, headline
//   only (decides the headline claims).
// full: the slides' protocol (60,000 images, 5 epochs, batch 32) over 5 seeds, every sweep and
//   the symmetric/asymmetric and nearest/stochastic variants.
ExperimentPlan experiment_plan(Tier tier);

// Whether `plan` trains enough of the slides' protocol (60,000 images x 5 epochs) to decide the
// slides' training claims: sufficient at half of its image-passes or more, below otherwise.
TierBudget training_budget(const ExperimentPlan& plan);

}  // namespace repro::fixed_point_fashion_mnist
