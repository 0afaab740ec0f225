// Two one-sided tests (TOST) for the equivalence of two means, Welch form.
#pragma once

#include <vector>

namespace repro::stats {

struct EquivalenceTestResult {
  double lower_statistic = 0.0;     // t of H0: mean difference <= -margin
  double lower_p_value = 1.0;       // one-sided, upper tail
  double upper_statistic = 0.0;     // t of H0: mean difference >= +margin
  double upper_p_value = 1.0;       // one-sided, lower tail
  double degrees_of_freedom = 0.0;  // Welch-Satterthwaite
  double p_value = 1.0;             // max(lower_p_value, upper_p_value)
  bool equivalent = false;          // p_value < alpha
};

// Equivalence of mean(first) and mean(second) within (-margin, +margin), unequal variances.
// Matches statsmodels.stats.weightstats.ttost_ind(first, second, -margin, margin,
// usevar="unequal"), which returns (p_value, (lower_statistic, lower_p_value, df),
// (upper_statistic, upper_p_value, df)).
// REQUIRES: both samples >= 2 values, finite; margin > 0; 0 < alpha < 1 (else InputError).
// Constant samples (standard error 0) give equivalent exactly when |difference| < margin.
EquivalenceTestResult welch_equivalence_test(const std::vector<double>& first,
                                             const std::vector<double>& second, double margin,
                                             double alpha = 0.05);

}  // namespace repro::stats
