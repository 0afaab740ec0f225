// Student t tests: Welch's two-sample test and the one-sample / paired test.
#pragma once

#include <vector>

#include "stats/interval.h"

namespace repro::stats {

struct TTestResult {
  double statistic = 0.0;           // t
  double degrees_of_freedom = 0.0;  // Welch-Satterthwaite for the two-sample test, n - 1 else
  double p_value = 1.0;             // two-sided
  double mean_difference = 0.0;     // mean(first) - mean(second), or mean(x) - hypothesized_mean
  Interval confidence_interval;     // of mean_difference, at the level asked for
};

// Welch's two-sample t test (unequal variances), H0: equal means. Matches
// scipy.stats.ttest_ind(first, second, equal_var=False) for statistic and p_value;
// confidence_interval is statsmodels CompareMeans(DescrStatsW(first), DescrStatsW(second))
// .tconfint_diff(alpha=1 - level, usevar="unequal"), with Boost's t quantile: it agrees with
// statsmodels to ~1e-9 relative only, because scipy 1.10's t quantile (stdtrit) is off by that
// much; it agrees with a 40-digit mpmath computation to 1e-10.
// Degenerate data (both samples constant): standard error 0, statistic +-inf (p 0) when the means
// differ, NaN statistic and p when they are equal; degrees_of_freedom NaN, as scipy.
// REQUIRES: first.size() >= 2, second.size() >= 2, values finite, 0 < level < 1 (InputError).
TTestResult welch_t_test(const std::vector<double>& first, const std::vector<double>& second,
                         double level = 0.95);

// One-sample t test of H0: mean == hypothesized_mean, with the t confidence interval of the mean
// minus hypothesized_mean. Matches scipy.stats.ttest_1samp(sample, hypothesized_mean) and its
// .confidence_interval(level) (minus hypothesized_mean; to ~1e-9, see above). Constant samples
// as above.
// REQUIRES: sample.size() >= 2, values finite, 0 < level < 1 (else InputError).
TTestResult one_sample_t_test(const std::vector<double>& sample, double hypothesized_mean = 0.0,
                              double level = 0.95);

// Paired t test: the one-sample test of the differences first[i] - second[i] against 0, e.g.
// the same seeds trained in two precisions. Matches scipy.stats.ttest_rel(first, second).
// REQUIRES: first.size() == second.size() >= 2 (else InputError).
TTestResult paired_t_test(const std::vector<double>& first, const std::vector<double>& second,
                          double level = 0.95);

}  // namespace repro::stats
