// The plan per tier: how many seeds flip how many coins each.
#pragma once

#include <cstdint>

#include "common/tier.h"

namespace repro::example_study {

struct ExperimentScale {
  int seeds = 3;
  std::int64_t flips_per_seed = 1000;
};

// smoke: 3 seeds × 1,000 flips; reduced: 5 seeds × 20,000. REQUIRES: tier smoke or reduced.
ExperimentScale experiment_scale(Tier tier);

}  // namespace repro::example_study
