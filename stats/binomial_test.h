// Exact two-sided binomial test.
#pragma once

#include <cstdint>

namespace repro::stats {

// P-value of H0: success probability == `probability`, two-sided by the "minimum likelihood"
// rule: the total probability of all outcomes no more likely than `successes` (with scipy's
// relative slack 1e-7 on that comparison). Matches scipy.stats.binomtest(successes, trials,
// probability).pvalue (scipy >= 1.7), including the search scipy does on the far side of the mode.
// REQUIRES: trials > 0, 0 <= successes <= trials, 0 <= probability <= 1 (else repro::InputError).
double binomial_test_p_value(std::int64_t successes, std::int64_t trials, double probability);

}  // namespace repro::stats
