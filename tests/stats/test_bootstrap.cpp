// Seeded bootstrap. The references come from a pure-python std::mt19937_64 (checked against the
// standard's 10000th output 9981545732273789042 for the default seed 5489) with the same index
// rejection rule, and numpy.quantile (linear) of the resample statistics:
//   def draw(g, n):
//       rejected_below = (2**64 - n) % n
//       v = g()
//       while v < rejected_below: v = g()
//       return v % n
//   stats = [statistic([sample[draw(g, n)] for _ in range(n)]) for r in range(resamples)]
//   np.quantile(sorted(stats), [(1 - level) / 2, (1 + level) / 2])
#include "stats/bootstrap.h"

#include <algorithm>
#include <random>

#include <gtest/gtest.h>

#include "base/errors.h"
#include "stats/quantile.h"
#include "tests/stats/expect_relative.h"

namespace repro::stats {
namespace {

const std::vector<double> kSample = {12.4, 11.9, 13.1, 12.2, 12.8, 15.0, 12.0, 12.5, 12.6, 11.8};

double mean_of(const std::vector<double>& values) {
  double sum = 0.0;
  for (double value : values) sum += value;  // left to right, as python's sum()
  return sum / static_cast<double>(values.size());
}

double median_of(const std::vector<double>& values) {
  std::vector<double> sorted(values);
  std::sort(sorted.begin(), sorted.end());
  return quantile_of_sorted(sorted, 0.5);
}

TEST(BootstrapTest, GeneratorIsTheStandardMersenneTwister) {
  std::mt19937_64 generator;  // seed 5489
  generator.discard(9999);
  EXPECT_EQ(generator(), 9981545732273789042ULL);
}

TEST(BootstrapTest, MeanMatchesPythonReimplementation) {
  // resamples=200, seed=42, level=0.95, statistic=mean
  //   -> interval [12.19, 13.280500000000002], first statistics [12.45, 12.68, 12.570000000000002]
  const auto options = BootstrapOptions().resamples(200).seed(42).level(0.95);
  const std::vector<double> statistics = bootstrap_statistics(kSample, mean_of, options);
  ASSERT_EQ(statistics.size(), 200u);
  EXPECT_RELATIVE(statistics[0], 12.45, 1e-14);
  EXPECT_RELATIVE(statistics[1], 12.68, 1e-14);
  EXPECT_RELATIVE(statistics[2], 12.570000000000002, 1e-14);
  const Interval interval = bootstrap_percentile_interval(kSample, mean_of, options);
  EXPECT_RELATIVE(interval.lower, 12.19, 1e-14);
  EXPECT_RELATIVE(interval.upper, 13.280500000000002, 1e-14);
}

TEST(BootstrapTest, MedianMatchesPythonReimplementation) {
  // resamples=100, seed=7, level=0.9, statistic=np.median
  //   -> interval [12.047500000000001, 12.7], first statistics [12.4, 12.65, 12.5]
  // (np.median averages the middle pair as (a + b) / 2, quantile_of_sorted as b - (b - a) / 2:
  // equal to 1e-14 relative.)
  const auto options = BootstrapOptions().resamples(100).seed(7).level(0.9);
  const std::vector<double> statistics = bootstrap_statistics(kSample, median_of, options);
  EXPECT_RELATIVE(statistics[0], 12.4, 1e-14);
  EXPECT_RELATIVE(statistics[1], 12.65, 1e-14);
  EXPECT_RELATIVE(statistics[2], 12.5, 1e-14);
  const Interval interval = bootstrap_percentile_interval(kSample, median_of, options);
  EXPECT_RELATIVE(interval.lower, 12.047500000000001, 1e-14);
  EXPECT_RELATIVE(interval.upper, 12.7, 1e-14);
}

TEST(BootstrapTest, DeterministicForASeedAndDifferentAcrossSeeds) {
  const auto options = BootstrapOptions().resamples(500).seed(123);
  const Interval first = bootstrap_percentile_interval(kSample, mean_of, options);
  const Interval again = bootstrap_percentile_interval(kSample, mean_of, options);
  EXPECT_EQ(first.lower, again.lower);
  EXPECT_EQ(first.upper, again.upper);
  const std::vector<double> other =
      bootstrap_statistics(kSample, mean_of, BootstrapOptions().resamples(500).seed(124));
  EXPECT_NE(bootstrap_statistics(kSample, mean_of, options), other);
  EXPECT_LT(first.lower, mean_of(kSample));
  EXPECT_GT(first.upper, mean_of(kSample));
}

TEST(BootstrapTest, ConstantSampleGivesAPointInterval) {
  const Interval interval =
      bootstrap_percentile_interval({2.5, 2.5, 2.5}, mean_of, BootstrapOptions().resamples(50));
  EXPECT_EQ(interval.lower, 2.5);
  EXPECT_EQ(interval.upper, 2.5);
}

TEST(BootstrapTest, InvalidInputThrows) {
  EXPECT_THROW(bootstrap_percentile_interval({}, mean_of), InputError);
  EXPECT_THROW(bootstrap_percentile_interval(kSample, mean_of, BootstrapOptions().resamples(0)),
               InputError);
  EXPECT_THROW(bootstrap_percentile_interval(kSample, mean_of, BootstrapOptions().level(1.0)),
               InputError);
}

}  // namespace
}  // namespace repro::stats
