// Power: the smallest true effect an estimate's data could detect.
#pragma once

#include <cstdint>
#include <limits>

#include "stats/interval.h"

namespace repro::stats {

// The minimum detectable effect of a two-sided test at `alpha` with `power`, for an estimate with
// standard error `standard_error` and `degrees_of_freedom` (+inf: normal):
//   MDE = (q(1 - alpha/2) + q(power)) * standard_error,
// q the t (or normal) quantile. At alpha 0.05, power 0.8, normal: 2.8016 * SE.
// REQUIRES: standard_error >= 0 and finite, degrees_of_freedom > 0, 0 < alpha < 1,
// 0 < power < 1 (else InputError).
double minimum_detectable_effect(double standard_error,
                                 double degrees_of_freedom = std::numeric_limits<double>::infinity(),
                                 double alpha = 0.05, double power = 0.8);

// The standard error behind a symmetric two-sided confidence interval at `level`:
// (upper - lower) / 2 / q(1 - (1 - level)/2). REQUIRES as above; interval ordered.
double standard_error_of_interval(const Interval& interval,
                                  double degrees_of_freedom = std::numeric_limits<double>::infinity(),
                                  double level = 0.95);

// Standard error of a proportion successes / trials, sqrt(p (1 - p) / n), with p taken as
// (successes + 0.5) / (trials + 1) so that 0 and n successes do not give 0.
// REQUIRES: 0 <= successes <= trials, trials > 0.
double proportion_standard_error(std::int64_t successes, std::int64_t trials);

}  // namespace repro::stats
