// Two-sided Mann-Whitney U test (Wilcoxon rank-sum) of two independent samples.
#pragma once

#include <vector>

namespace repro::stats {

enum class MannWhitneyMethod {
  automatic,   // scipy's "auto": exact when min(n1, n2) <= 8 and there are no ties, else asymptotic
  exact,       // exact null distribution of U (REQUIRES no ties)
  asymptotic,  // normal approximation with tie correction and continuity correction
};

struct MannWhitneyResult {
  double u_statistic = 0.0;  // U of the first sample: rank sum of `first` - n1 (n1 + 1) / 2
  double p_value = 1.0;      // two-sided
  MannWhitneyMethod method_used = MannWhitneyMethod::asymptotic;  // exact or asymptotic
};

// Matches scipy.stats.mannwhitneyu(first, second, use_continuity=True, alternative="two-sided",
// method="auto" | "exact" | "asymptotic") (scipy 1.7 to 1.10). Ties get average ranks.
// Note scipy's "auto" picks the asymptotic test only when BOTH samples have more than 8 values
// (or on ties), so one small sample is enough for the exact test.
// REQUIRES: both samples non-empty, values finite; exact: no ties (else repro::InputError).
MannWhitneyResult mann_whitney_u_test(const std::vector<double>& first,
                                      const std::vector<double>& second,
                                      MannWhitneyMethod method = MannWhitneyMethod::automatic);

}  // namespace repro::stats
