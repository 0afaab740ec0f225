// t tests against scipy 1.10 / statsmodels 0.13.5 (calls next to each case): statistics and
// p-values to 1e-10 relative.
// Confidence intervals: scipy 1.10's t quantile (special.stdtrit, cdflib) is off by ~1e-9
// relative (stats.t.cdf(stats.t.ppf(0.975, 6), 6) = 0.9749999999200966), and statsmodels uses it
// too. So the intervals are checked to 1e-10 against mpmath at 40 digits (the t quantile by
// findroot on the regularized incomplete beta; script:
//   t_cdf(x, df) = 1 - betainc(df/2, 1/2, 0, df/(df+x^2), regularized=True)/2   (x > 0)
//   q = findroot(lambda x: t_cdf(x, df) - (1 + level)/2, 2); mean -+ q * standard_error)
// and to 1e-8 against scipy / statsmodels.
#include "stats/t_test.h"

#include <cmath>

#include <gtest/gtest.h>

#include "base/errors.h"
#include "tests/stats/expect_relative.h"

namespace repro::stats {
namespace {

const std::vector<double> kFirst = {0.81, 0.84, 0.79, 0.86, 0.83, 0.80};
const std::vector<double> kSecond = {0.78, 0.80, 0.77, 0.83, 0.79, 0.76, 0.81};

TEST(WelchTTest, MatchesScipyAndStatsmodels) {
  // stats.ttest_ind(a, b, equal_var=False)
  //   -> statistic=2.142960182564718, pvalue=0.056937321260620205
  // CompareMeans(DescrStatsW(a), DescrStatsW(b)).tconfint_diff(alpha=0.05, usevar='unequal')
  //   -> (-0.0010734714043440646, 0.06154966188053419)
  const TTestResult result = welch_t_test(kFirst, kSecond);
  EXPECT_RELATIVE(result.statistic, 2.142960182564718, kExactTolerance);
  EXPECT_RELATIVE(result.p_value, 0.056937321260620205, kExactTolerance);
  // ttost_ind reports the same Welch degrees of freedom: 10.31192917631069
  EXPECT_RELATIVE(result.degrees_of_freedom, 10.31192917631069, kExactTolerance);
  EXPECT_RELATIVE(result.confidence_interval.lower, -0.0010734714043440646, 1e-8);
  EXPECT_RELATIVE(result.confidence_interval.upper, 0.06154966188053419, 1e-8);
  // mpmath: (-0.00107347140456945, 0.061549661880759926)
  EXPECT_RELATIVE(result.confidence_interval.lower, -0.00107347140456945, kExactTolerance);
  EXPECT_RELATIVE(result.confidence_interval.upper, 0.061549661880759926, kExactTolerance);
  EXPECT_NEAR(result.mean_difference, 0.82166666666666666 - 0.79142857142857143, 1e-14);
  // ... tconfint_diff(alpha=0.1, usevar='unequal') -> (0.0047417605819281596, 0.05573442989426197)
  const TTestResult ninety = welch_t_test(kFirst, kSecond, 0.90);
  EXPECT_RELATIVE(ninety.confidence_interval.lower, 0.0047417605819281596, 1e-8);
  EXPECT_RELATIVE(ninety.confidence_interval.upper, 0.05573442989426197, 1e-8);
  // mpmath: (0.0047417605819184214, 0.055734429894272055)
  EXPECT_RELATIVE(ninety.confidence_interval.lower, 0.0047417605819184214, kExactTolerance);
  EXPECT_RELATIVE(ninety.confidence_interval.upper, 0.055734429894272055, kExactTolerance);
}

TEST(WelchTTest, SwappingSamplesNegatesStatistic) {
  const TTestResult forward = welch_t_test(kFirst, kSecond);
  const TTestResult backward = welch_t_test(kSecond, kFirst);
  EXPECT_DOUBLE_EQ(backward.statistic, -forward.statistic);
  EXPECT_DOUBLE_EQ(backward.p_value, forward.p_value);
}

TEST(PairedTTest, MatchesScipyTtestRel) {
  // stats.ttest_rel(d1, d2) -> statistic=2.669105052233699, pvalue=0.05585800118600895, df=4
  // .confidence_interval(0.95) -> (-3.1368282504253865e-05, 0.0015913682825042597)
  const std::vector<double> d1 = {0.9712, 0.9698, 0.9725, 0.9701, 0.9719};
  const std::vector<double> d2 = {0.9705, 0.9701, 0.9711, 0.9690, 0.9709};
  const TTestResult result = paired_t_test(d1, d2);
  EXPECT_RELATIVE(result.statistic, 2.669105052233699, kExactTolerance);
  EXPECT_RELATIVE(result.p_value, 0.05585800118600895, kExactTolerance);
  EXPECT_EQ(result.degrees_of_freedom, 4.0);
  EXPECT_RELATIVE(result.confidence_interval.lower, -3.1368282504253865e-05, 1e-8);
  EXPECT_RELATIVE(result.confidence_interval.upper, 0.0015913682825042597, 1e-8);
  // mpmath on the same double differences: (-3.1368282504252558e-5, 0.0015913682825042584)
  EXPECT_RELATIVE(result.confidence_interval.lower, -3.1368282504252558e-5, kExactTolerance);
  EXPECT_RELATIVE(result.confidence_interval.upper, 0.0015913682825042584, kExactTolerance);
}

TEST(OneSampleTTest, MatchesScipyTtest1samp) {
  // r = stats.ttest_1samp(x, 1.0) -> statistic=0.5291502622129186, pvalue=0.6156970841341753, df=6
  // r.confidence_interval(0.95) -> (0.6375771262857094, 1.562422873714291)  (of the mean)
  // r.confidence_interval(0.9)  -> (0.73277344467971, 1.4672265553202901)
  const std::vector<double> x = {1.2, 0.7, 1.9, 1.1, 0.4, 1.5, 0.9};
  const TTestResult result = one_sample_t_test(x, 1.0);
  EXPECT_RELATIVE(result.statistic, 0.5291502622129186, kExactTolerance);
  EXPECT_RELATIVE(result.p_value, 0.6156970841341753, kExactTolerance);
  EXPECT_EQ(result.degrees_of_freedom, 6.0);
  // Our interval is of mean - hypothesized_mean: add 1.0 back.
  EXPECT_RELATIVE(result.confidence_interval.lower + 1.0, 0.6375771262857094, 1e-8);
  EXPECT_RELATIVE(result.confidence_interval.upper + 1.0, 1.562422873714291, 1e-8);
  // mpmath: (0.63757712584097938, 1.5624228741590206)
  EXPECT_RELATIVE(result.confidence_interval.lower + 1.0, 0.63757712584097938, kExactTolerance);
  EXPECT_RELATIVE(result.confidence_interval.upper + 1.0, 1.5624228741590206, kExactTolerance);
  const TTestResult ninety = one_sample_t_test(x, 1.0, 0.9);
  EXPECT_RELATIVE(ninety.confidence_interval.lower + 1.0, 0.73277344467971, 1e-8);
  EXPECT_RELATIVE(ninety.confidence_interval.upper + 1.0, 1.4672265553202901, 1e-8);
  // mpmath: (0.73277344465655554, 1.4672265553434445)
  EXPECT_RELATIVE(ninety.confidence_interval.lower + 1.0, 0.73277344465655554, kExactTolerance);
  EXPECT_RELATIVE(ninety.confidence_interval.upper + 1.0, 1.4672265553434445, kExactTolerance);
}

TEST(TTest, ConstantSamplesFollowScipy) {
  const TTestResult equal = welch_t_test({1.0, 1.0}, {1.0, 1.0, 1.0});
  EXPECT_TRUE(std::isnan(equal.statistic));
  EXPECT_TRUE(std::isnan(equal.p_value));
  const TTestResult different = welch_t_test({2.0, 2.0}, {1.0, 1.0, 1.0});
  EXPECT_TRUE(std::isinf(different.statistic));
  EXPECT_GT(different.statistic, 0.0);
  EXPECT_EQ(different.p_value, 0.0);
}

TEST(TTest, InvalidInputThrows) {
  EXPECT_THROW(welch_t_test({1.0}, {1.0, 2.0}), InputError);
  EXPECT_THROW(welch_t_test({1.0, std::nan("")}, {1.0, 2.0}), InputError);
  EXPECT_THROW(paired_t_test({1.0, 2.0}, {1.0, 2.0, 3.0}), InputError);
  EXPECT_THROW(one_sample_t_test({1.0, 2.0}, 0.0, 0.0), InputError);
}

}  // namespace
}  // namespace repro::stats
