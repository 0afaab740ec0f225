// McNemar's test of two paired classifiers from their discordant counts.
//
// b = only_first_correct (items the first classifier got right and the second wrong),
// c = only_second_correct (the reverse). Under H0 each discordant item is equally likely to
// fall either way, so min(b, c) ~ Binomial(b + c, 1/2). Matches statsmodels
// `statsmodels.stats.contingency_tables.mcnemar([[n00, b], [c, n11]], exact=..., correction=...)`.
#pragma once

#include <cstdint>
#include <string>

namespace repro::stats {

enum class McNemarMethod {
  exact,                 // statistic min(b, c); p = min(1, 2 * BinomCDF(min(b, c); b + c, 1/2))
  mid_p,                 // exact p minus the point probability: min(1, 2 * (CDF(min) - pmf(min) / 2))
  chi_square,            // statistic (b - c)^2 / (b + c); p from chi-square with 1 degree of freedom
  chi_square_corrected,  // Edwards' correction: (|b - c| - 1)^2 / (b + c); same p (statsmodels
                         // does not clip |b - c| - 1 at 0, neither do we: b == c gives 1 / (b + c))
};

// "exact", "mid-p", "chi2", "chi2-cc". Throws repro::InputError naming the value otherwise.
McNemarMethod parse_mcnemar_method(const std::string& name);
// The inverse of parse_mcnemar_method.
std::string to_string(McNemarMethod method);

struct McNemarResult {
  McNemarMethod method = McNemarMethod::exact;
  double statistic = 0.0;
  double p_value = 1.0;
};

// REQUIRES: only_first_correct >= 0, only_second_correct >= 0 (else repro::InputError).
// b + c == 0 (no discordant pair, nothing to test): statistic 0 and p 1 for every method
// (statsmodels gives p 1 for the exact test and NaN for the chi-square ones).
McNemarResult mcnemar_test(std::int64_t only_first_correct, std::int64_t only_second_correct,
                           McNemarMethod method);

}  // namespace repro::stats
