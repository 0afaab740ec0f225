// Timing summary and quantiles against numpy 1.24 (numpy.quantile, default method "linear") and
// the order-statistic median interval computed with scipy 1.10:
//   def median_ci(n, level):
//       j = 1; coverage = 1 - 2 * 0.5**n
//       while 2 * (j + 1) <= n + 1:
//           c = 1 - 2 * stats.binom.cdf(j, n, 0.5)
//           if c < level: break
//           j += 1; coverage = c
//       return j, n + 1 - j, coverage          # 1-based order statistics
#include "stats/timing_summary.h"

#include <gtest/gtest.h>

#include "base/errors.h"
#include "stats/quantile.h"
#include "tests/stats/expect_relative.h"

namespace repro::stats {
namespace {

TEST(QuantileTest, MatchesNumpyLinear) {
  // np.quantile([1.0, 2.0, 3.0, 4.0], [0.1, 0.25, 0.5, 0.9]) -> [1.3, 1.75, 2.5, 3.7]
  const std::vector<double> sorted = {1.0, 2.0, 3.0, 4.0};
  EXPECT_RELATIVE(quantile_of_sorted(sorted, 0.1), 1.3, 1e-15);
  EXPECT_RELATIVE(quantile_of_sorted(sorted, 0.25), 1.75, 1e-15);
  EXPECT_RELATIVE(quantile_of_sorted(sorted, 0.5), 2.5, 1e-15);
  EXPECT_RELATIVE(quantile_of_sorted(sorted, 0.9), 3.7, 1e-15);
  EXPECT_EQ(quantile_of_sorted(sorted, 0.0), 1.0);
  EXPECT_EQ(quantile_of_sorted(sorted, 1.0), 4.0);
  EXPECT_EQ(quantile_of_sorted({7.0}, 0.3), 7.0);
  EXPECT_THROW(quantile_of_sorted({}, 0.5), InputError);
  EXPECT_THROW(quantile_of_sorted(sorted, 1.5), InputError);
}

TEST(TimingSummaryTest, MatchesNumpy) {
  // t = [12.4, 11.9, 13.1, 12.2, 12.8, 15.0, 12.0, 12.5, 12.6, 11.8]
  // np.quantile(t, [0.25, 0.5, 0.75]) -> [12.05, 12.45, 12.75]; np.mean(t) -> 12.629999999999999
  // median_ci(10, 0.95) -> (2, 9, 0.978515625): sorted[1] = 11.9, sorted[8] = 13.1
  const std::vector<double> timings = {12.4, 11.9, 13.1, 12.2, 12.8, 15.0, 12.0, 12.5, 12.6, 11.8};
  const TimingSummary summary = summarize_timings(timings);
  EXPECT_EQ(summary.count, 10);
  EXPECT_EQ(summary.minimum, 11.8);
  EXPECT_EQ(summary.maximum, 15.0);
  EXPECT_RELATIVE(summary.first_quartile, 12.05, 1e-14);
  EXPECT_RELATIVE(summary.median, 12.45, 1e-14);
  EXPECT_RELATIVE(summary.third_quartile, 12.75, 1e-14);
  EXPECT_RELATIVE(summary.interquartile_range(), 0.7, 1e-12);
  EXPECT_RELATIVE(summary.mean, 12.629999999999999, 1e-14);
  EXPECT_EQ(summary.median_interval.lower, 11.9);
  EXPECT_EQ(summary.median_interval.upper, 13.1);
  EXPECT_RELATIVE(summary.median_interval_coverage, 0.978515625, kExactTolerance);
}

// Sorted values 1..n make the order statistic visible in the interval ends.
std::vector<double> one_to(int n) {
  std::vector<double> values;
  for (int i = n; i >= 1; --i) values.push_back(i);  // unsorted on purpose
  return values;
}

TEST(TimingSummaryTest, MedianIntervalOrderStatisticsMatchScipy) {
  struct Case { int n; double level; int lower_order, upper_order; double coverage; };
  const Case cases[] = {
      {5, 0.95, 1, 5, 0.9375},  // too few values: [min, max] below the level
      {6, 0.95, 1, 6, 0.96875},
      {10, 0.95, 2, 9, 0.978515625},
      {20, 0.95, 6, 15, 0.9586105346679688},
      {50, 0.95, 18, 33, 0.9671608624357315},
      {101, 0.95, 41, 61, 0.9539559330706572},
      {50, 0.99, 16, 35, 0.9933995520331891},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(testing::Message() << "n=" << c.n << " level=" << c.level);
    const TimingSummary summary = summarize_timings(one_to(c.n), c.level);
    EXPECT_EQ(summary.median_interval.lower, c.lower_order);
    EXPECT_EQ(summary.median_interval.upper, c.upper_order);
    EXPECT_RELATIVE(summary.median_interval_coverage, c.coverage, kExactTolerance);
  }
}

TEST(TimingSummaryTest, SingleValue) {
  const TimingSummary summary = summarize_timings({3.25});
  EXPECT_EQ(summary.count, 1);
  EXPECT_EQ(summary.median, 3.25);
  EXPECT_EQ(summary.median_interval.lower, 3.25);
  EXPECT_EQ(summary.median_interval.upper, 3.25);
  EXPECT_EQ(summary.median_interval_coverage, 0.0);
}

TEST(TimingSummaryTest, InvalidInputThrows) {
  EXPECT_THROW(summarize_timings({}), InputError);
  EXPECT_THROW(summarize_timings({1.0, std::nan("")}), InputError);
  EXPECT_THROW(summarize_timings({1.0}, 1.5), InputError);
}

}  // namespace
}  // namespace repro::stats
