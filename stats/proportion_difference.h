// Confidence interval of the difference of two independent binomial proportions.
#pragma once

#include <cstdint>

#include "stats/interval.h"

namespace repro::stats {

// Newcombe's hybrid score interval (method 10 of Newcombe 1998, Statistics in Medicine 17:873)
// for p1 - p2, p1 = successes1 / trials1, p2 = successes2 / trials2, built from the two Wilson
// intervals (l1, u1) and (l2, u2):
//   lower = p1 - p2 - sqrt((p1 - l1)^2 + (u2 - p2)^2)
//   upper = p1 - p2 + sqrt((u1 - p1)^2 + (p2 - l2)^2)
// Matches statsmodels.stats.proportion.confint_proportions_2indep(successes1, trials1,
// successes2, trials2, method="newcomb", compare="diff", alpha=1 - level).
// REQUIRES: trials > 0, 0 <= successes <= trials for both, 0 < level < 1 (else InputError).
Interval newcombe_difference_interval(std::int64_t successes1, std::int64_t trials1,
                                      std::int64_t successes2, std::int64_t trials2,
                                      double level = 0.95);

}  // namespace repro::stats
