// Mann-Whitney U against scipy 1.10:
//   from scipy import stats; stats.mannwhitneyu(x, y, method=...)  (two-sided, continuity)
#include "stats/mann_whitney.h"

#include <gtest/gtest.h>

#include "base/errors.h"
#include "tests/stats/expect_relative.h"

namespace repro::stats {
namespace {

const std::vector<double> kSmallFirst = {1.1, 2.3, 0.7, 4.2, 3.3};
const std::vector<double> kSmallSecond = {2.9, 5.1, 4.4, 6.0, 3.8, 5.5};

TEST(MannWhitneyTest, SmallSamplesWithoutTiesAreExact) {
  // stats.mannwhitneyu(x, y) -> statistic=3.0, pvalue=0.030303030303030304
  const MannWhitneyResult result = mann_whitney_u_test(kSmallFirst, kSmallSecond);
  EXPECT_EQ(result.method_used, MannWhitneyMethod::exact);
  EXPECT_EQ(result.u_statistic, 3.0);
  EXPECT_RELATIVE(result.p_value, 0.030303030303030304, kExactTolerance);
  // The U of the second sample is n1 n2 - U1; the two-sided p is the same.
  const MannWhitneyResult swapped = mann_whitney_u_test(kSmallSecond, kSmallFirst);
  EXPECT_EQ(swapped.u_statistic, 27.0);
  EXPECT_RELATIVE(swapped.p_value, result.p_value, kExactTolerance);
}

TEST(MannWhitneyTest, AsymptoticOnRequest) {
  // stats.mannwhitneyu(x, y, method='asymptotic') -> statistic=3.0, pvalue=0.03576376659097789
  const MannWhitneyResult result =
      mann_whitney_u_test(kSmallFirst, kSmallSecond, MannWhitneyMethod::asymptotic);
  EXPECT_EQ(result.method_used, MannWhitneyMethod::asymptotic);
  EXPECT_RELATIVE(result.p_value, 0.03576376659097789, kExactTolerance);
}

TEST(MannWhitneyTest, TiesUseTheTieCorrectedNormalApproximation) {
  // stats.mannwhitneyu([1,2,2,3,4,5,5,5,6], [3,4,4,6,7,7,8,9,9,10])
  //   -> statistic=15.0, pvalue=0.015413399675980257
  const MannWhitneyResult result = mann_whitney_u_test({1, 2, 2, 3, 4, 5, 5, 5, 6},
                                                       {3, 4, 4, 6, 7, 7, 8, 9, 9, 10});
  EXPECT_EQ(result.method_used, MannWhitneyMethod::asymptotic);
  EXPECT_EQ(result.u_statistic, 15.0);
  EXPECT_RELATIVE(result.p_value, 0.015413399675980257, kExactTolerance);
  EXPECT_THROW(mann_whitney_u_test({1, 2, 2}, {3, 4}, MannWhitneyMethod::exact), InputError);
}

TEST(MannWhitneyTest, LargeSamplesAreAsymptoticUnlessExactIsAsked) {
  // x = np.round(np.linspace(0, 1, 12)**2, 6), y = np.round(np.linspace(0.05, 1.1, 10)**1.5, 6)
  const std::vector<double> x = {0.0,      0.008264, 0.033058, 0.07438,  0.132231, 0.206612,
                                 0.297521, 0.404959, 0.528926, 0.669421, 0.826446, 1.0};
  const std::vector<double> y = {0.01118,  0.068041, 0.150816, 0.252982, 0.371378,
                                 0.504021, 0.649519, 0.806823, 0.975104, 1.15369};
  // stats.mannwhitneyu(x, y) -> statistic=47.0, pvalue=0.40981138833093633
  const MannWhitneyResult automatic = mann_whitney_u_test(x, y);
  EXPECT_EQ(automatic.method_used, MannWhitneyMethod::asymptotic);
  EXPECT_EQ(automatic.u_statistic, 47.0);
  EXPECT_RELATIVE(automatic.p_value, 0.40981138833093633, kExactTolerance);
  // stats.mannwhitneyu(x, y, method='exact') -> pvalue=0.41758241758241765
  const MannWhitneyResult exact = mann_whitney_u_test(x, y, MannWhitneyMethod::exact);
  EXPECT_RELATIVE(exact.p_value, 0.41758241758241765, kExactTolerance);
}

TEST(MannWhitneyTest, OneSmallSampleIsEnoughForExactLikeScipy) {
  const std::vector<double> x = {3.5, 1.25, 9.0};
  const std::vector<double> y = {2.0,  4.5,  6.75, 8.0,  10.5, 11.0,
                                 12.25, 13.5, 14.0, 15.5, 16.0, 17.25};
  // stats.mannwhitneyu(x, y) -> statistic=5.0, pvalue=0.07032967032967033
  const MannWhitneyResult automatic = mann_whitney_u_test(x, y);
  EXPECT_EQ(automatic.method_used, MannWhitneyMethod::exact);
  EXPECT_EQ(automatic.u_statistic, 5.0);
  EXPECT_RELATIVE(automatic.p_value, 0.07032967032967033, kExactTolerance);
  // stats.mannwhitneyu(x, y, method='asymptotic') -> pvalue=0.07119688927525167
  EXPECT_RELATIVE(mann_whitney_u_test(x, y, MannWhitneyMethod::asymptotic).p_value,
                  0.07119688927525167, kExactTolerance);
}

TEST(MannWhitneyTest, AllTiedGivesPOne) {
  // stats.mannwhitneyu([1, 1], [1, 1, 1]) -> statistic=3.0, pvalue=1.0
  const MannWhitneyResult result = mann_whitney_u_test({1, 1}, {1, 1, 1});
  EXPECT_EQ(result.u_statistic, 3.0);
  EXPECT_EQ(result.p_value, 1.0);
}

TEST(MannWhitneyTest, InvalidInputThrows) {
  EXPECT_THROW(mann_whitney_u_test({}, {1.0}), InputError);
  EXPECT_THROW(mann_whitney_u_test({1.0, std::nan("")}, {1.0}), InputError);
}

}  // namespace
}  // namespace repro::stats
