// Confidence intervals for a binomial proportion successes / trials.
// Match statsmodels.stats.proportion.proportion_confint(successes, trials, alpha=1 - level,
// method="wilson" | "beta" | "jeffreys").
#pragma once

#include <cstdint>
#include <string>

#include "stats/interval.h"

namespace repro::stats {

enum class IntervalMethod {
  wilson,           // score interval (Wilson 1927), no continuity correction
  clopper_pearson,  // "exact" interval from beta quantiles (Clopper & Pearson 1934)
  jeffreys,         // equal-tailed Beta(successes + 1/2, failures + 1/2) posterior interval
};

// "wilson", "clopper-pearson", "jeffreys". Throws repro::InputError naming the value otherwise.
IntervalMethod parse_interval_method(const std::string& name);
std::string to_string(IntervalMethod method);

// REQUIRES: 0 <= successes <= trials, trials > 0, 0 < level < 1 (else repro::InputError).
// Edge cases as statsmodels: Clopper-Pearson gives lower 0 at 0 successes and upper 1 at
// `trials` successes; Wilson is clipped to [0, 1] (it touches 0 or 1 there up to rounding);
// Jeffreys is the plain beta interval (statsmodels does not force 0 / 1 at the edges either).
Interval binomial_interval(std::int64_t successes, std::int64_t trials, IntervalMethod method,
                           double level = 0.95);

}  // namespace repro::stats
