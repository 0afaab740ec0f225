// Which discordant totals are consistent with a published exact McNemar result?
//
// Papers often print only the statistic min(b, c) and a rounded p-value. The audit recovers
// the possible numbers of discordant pairs n = b + c from them.
#pragma once

#include <cstdint>
#include <vector>

namespace repro::stats {

// Every total n in [2 * statistic, max_total] (min(b, c) = statistic needs n >= 2 * statistic),
// in increasing order, whose exact two-sided McNemar p-value min(1, 2 * BinomCDF(statistic; n, 1/2))
// rounded to `decimals` decimals equals p_value_rounded (rounding half away from zero; both
// sides are compared as integers p * 10^decimals).
// REQUIRES: statistic >= 0, 0 <= decimals <= 15, 0 <= p_value_rounded <= 1 (else InputError).
std::vector<std::int64_t> discordant_totals_matching_exact_mcnemar(std::int64_t statistic,
                                                                   double p_value_rounded,
                                                                   int decimals,
                                                                   std::int64_t max_total);

}  // namespace repro::stats
