// Newcombe's hybrid score interval of p1 - p2 against statsmodels 0.13.5:
//   from statsmodels.stats.proportion import confint_proportions_2indep
//   confint_proportions_2indep(k1, n1, k2, n2, method="newcomb", compare="diff", alpha=1 - level)
#include "stats/proportion_difference.h"

#include <gtest/gtest.h>

#include "base/errors.h"
#include "tests/stats/expect_relative.h"

namespace repro::stats {
namespace {

struct DifferenceReference {
  std::int64_t successes1, trials1, successes2, trials2;
  double level;
  double lower, upper;
};

const DifferenceReference kReferences[] = {
    {30, 32, 28, 32, 0.95, -0.0955597696526245, 0.22460890909817355},
    {28, 32, 27, 32, 0.95, -0.14738927131416346, 0.2092523434907881},
    {0, 10, 10, 10, 0.95, -1.0, -0.6075093504305241},
    {56, 70, 48, 80, 0.95, 0.05243147240236498, 0.33387265403690614},
    {5, 5, 0, 5, 0.95, 0.38554900569034356, 1.0},
    {56, 70, 48, 80, 0.90, 0.07656419154407207, 0.31364458358294384},
};

TEST(ProportionDifferenceTest, NewcombeMatchesStatsmodels) {
  for (const auto& r : kReferences) {
    SCOPED_TRACE(testing::Message() << r.successes1 << "/" << r.trials1 << " - " << r.successes2
                                    << "/" << r.trials2 << " at " << r.level);
    const Interval interval =
        newcombe_difference_interval(r.successes1, r.trials1, r.successes2, r.trials2, r.level);
    EXPECT_RELATIVE(interval.lower, r.lower, kExactTolerance);
    EXPECT_RELATIVE(interval.upper, r.upper, kExactTolerance);
  }
}

TEST(ProportionDifferenceTest, InvalidInputThrows) {
  EXPECT_THROW(newcombe_difference_interval(3, 2, 1, 2), InputError);
  EXPECT_THROW(newcombe_difference_interval(1, 2, 1, 0), InputError);
  EXPECT_THROW(newcombe_difference_interval(1, 2, 1, 2, 1.5), InputError);
}

}  // namespace
}  // namespace repro::stats
