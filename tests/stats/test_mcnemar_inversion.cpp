// The discordant totals consistent with a published exact McNemar result, against python:
//   from scipy import stats
//   def exact_p(s, n): return min(1.0, 2 * stats.binom.cdf(s, n, 0.5))
//   [n for n in range(2 * s, max_total + 1) if round(exact_p(s, n), decimals) == p]
#include "stats/mcnemar_inversion.h"

#include <gtest/gtest.h>

#include "base/errors.h"

namespace repro::stats {
namespace {

using Totals = std::vector<std::int64_t>;

TEST(McNemarInversionTest, DogsVersusCatsAuditTriples) {
  // s=19, p=0.371, decimals=3, max_total=200 -> [45]
  EXPECT_EQ(discordant_totals_matching_exact_mcnemar(19, 0.371, 3, 200), Totals({45}));
  // s=12, p=0.701, decimals=3, max_total=200 -> [27]
  EXPECT_EQ(discordant_totals_matching_exact_mcnemar(12, 0.701, 3, 200), Totals({27}));
  // s=10, p=0.832, decimals=3, max_total=200 -> [22]
  EXPECT_EQ(discordant_totals_matching_exact_mcnemar(10, 0.832, 3, 200), Totals({22}));
}

TEST(McNemarInversionTest, CoarserRoundingAndEdgeTotals) {
  // s=19, p=0.37, decimals=2, max_total=200 -> [45]
  EXPECT_EQ(discordant_totals_matching_exact_mcnemar(19, 0.37, 2, 200), Totals({45}));
  // s=0, p=1.0, decimals=3, max_total=50 -> [0, 1] (n = 0: nothing to test; n = 1: p = 1)
  EXPECT_EQ(discordant_totals_matching_exact_mcnemar(0, 1.0, 3, 50), Totals({0, 1}));
  // Nothing below 2 * statistic is considered.
  EXPECT_TRUE(discordant_totals_matching_exact_mcnemar(19, 0.371, 3, 44).empty());
}

TEST(McNemarInversionTest, InvalidInputThrows) {
  EXPECT_THROW(discordant_totals_matching_exact_mcnemar(-1, 0.5, 3, 10), InputError);
  EXPECT_THROW(discordant_totals_matching_exact_mcnemar(1, 1.5, 3, 10), InputError);
  EXPECT_THROW(discordant_totals_matching_exact_mcnemar(1, 0.5, -1, 10), InputError);
}

}  // namespace
}  // namespace repro::stats
