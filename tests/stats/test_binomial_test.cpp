// Exact two-sided binomial test against scipy 1.10:
//   from scipy import stats; stats.binomtest(k, n, p).pvalue
#include "stats/binomial_test.h"

#include <gtest/gtest.h>

#include "base/errors.h"
#include "tests/stats/expect_relative.h"

namespace repro::stats {
namespace {

struct BinomialTestReference {
  std::int64_t successes;
  std::int64_t trials;
  double probability;
  double p_value;
};

const BinomialTestReference kReferences[] = {
    {3, 10, 0.5, 0.34375},
    {7, 20, 0.3, 0.6294979666766769},
    {2, 20, 0.3, 0.05262794872972706},
    {12, 20, 0.3, 0.005936084198097523},
    {0, 10, 0.5, 0.001953125},
    {10, 10, 0.5, 0.001953125},
    {6, 10, 0.5, 0.75390625},
    {95, 100, 0.9, 0.13014985175191435},
    {40, 1000, 0.05, 0.16736875164155246},
    {5, 5, 0.2, 0.0003200000000000001},
    {0, 7, 0.0, 1.0},
    {7, 7, 1.0, 1.0},
};

TEST(BinomialTestTest, MatchesScipyBinomtest) {
  for (const auto& reference : kReferences) {
    SCOPED_TRACE(testing::Message() << "binomtest(" << reference.successes << ", "
                                    << reference.trials << ", " << reference.probability << ")");
    EXPECT_RELATIVE(
        binomial_test_p_value(reference.successes, reference.trials, reference.probability),
        reference.p_value, kExactTolerance);
  }
}

TEST(BinomialTestTest, InvalidInputThrows) {
  EXPECT_THROW(binomial_test_p_value(3, 0, 0.5), InputError);
  EXPECT_THROW(binomial_test_p_value(11, 10, 0.5), InputError);
  EXPECT_THROW(binomial_test_p_value(-1, 10, 0.5), InputError);
  EXPECT_THROW(binomial_test_p_value(3, 10, 1.5), InputError);
}

}  // namespace
}  // namespace repro::stats
