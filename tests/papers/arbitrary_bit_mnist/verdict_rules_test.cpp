#include "papers/arbitrary_bit_mnist/verdict_rules.h"

#include <cmath>

#include <gtest/gtest.h>

#include "common/errors.h"

namespace repro::arbitrary_bit_mnist {
namespace {

// Accuracy 0.10 below 11 bits, 0.95 at 11, 0.985 from 12 on, float32 0.99.
AccuracyBySeed staircase() {
  return {{10, {0.10, 0.11, 0.09}}, {11, {0.95, 0.96, 0.94}}, {12, {0.985, 0.984, 0.986}},
          {14, {0.99, 0.99, 0.99}}, {32, {0.99, 0.991, 0.989}}};
}

TEST(Inflection, IsTheSmallestBitSizeFromWhichAllAreWithinTheMargin) {
  EXPECT_EQ(inflection_bits(staircase(), 0.01), 12);
  EXPECT_EQ(inflection_bits(staircase(), 0.05), 11);
  EXPECT_EQ(inflection_bits(staircase(), 0.001), 14);
  // A dip above a good bit size moves the inflection above the dip.
  AccuracyBySeed dip = staircase();
  dip[14] = {0.5, 0.5, 0.5};
  EXPECT_EQ(inflection_bits(dip, 0.01), 32);
  EXPECT_THROW(inflection_bits({{12, {0.9}}}, 0.01), InputError);
}

TEST(Inflection, BootstrapOfConsistentSeedsGivesAPointInterval) {
  const auto estimate = estimate_inflection(staircase(), 0.01, 1, 500);
  EXPECT_EQ(estimate.bits, 12);
  EXPECT_EQ(estimate.interval.lower, 12);
  EXPECT_EQ(estimate.interval.upper, 12);
  EXPECT_EQ(estimate.resampled_bits.size(), 500u);
}

TEST(Inflection, BootstrapWidensWhenSeedsDisagree) {
  AccuracyBySeed mixed = staircase();
  mixed[11] = {0.99, 0.99, 0.60};  // one seed fails at 11 bits
  const auto estimate = estimate_inflection(mixed, 0.01, 1, 2000);
  EXPECT_EQ(estimate.interval.lower, 11);
  EXPECT_EQ(estimate.interval.upper, 12);
  EXPECT_EQ(verdict_for_interval_in_band(estimate.interval, 11, 13), Verdict::reproduced);
}

TEST(IntervalInBand, InsideOutsideStraddling) {
  EXPECT_EQ(verdict_for_interval_in_band({11, 13}, 11, 13), Verdict::reproduced);
  EXPECT_EQ(verdict_for_interval_in_band({14, 15}, 11, 13), Verdict::not_reproduced);
  EXPECT_EQ(verdict_for_interval_in_band({9, 10}, 11, 13), Verdict::not_reproduced);
  EXPECT_EQ(verdict_for_interval_in_band({12, 14}, 11, 13), Verdict::inconclusive);
}

TEST(LineFit, RecoversAnExactLine) {
  const auto fit = fit_line({1, 2, 3, 4}, {3, 5, 7, 9});
  EXPECT_NEAR(fit.slope, 2.0, 1e-12);
  EXPECT_NEAR(fit.intercept, 1.0, 1e-12);
  EXPECT_NEAR(fit.r_squared, 1.0, 1e-12);
  EXPECT_LT(fit_line({1, 2, 3, 4}, {1, 4, 9, 16}).r_squared, 0.99);
  EXPECT_THROW(fit_line({1, 1}, {1, 2}), InputError);
}

TEST(SlopeInterval, ExcludesZeroForAClearTrendOnly) {
  const auto rising = slope_interval({1, 1, 2, 2, 3, 3, 4, 4}, {1.0, 1.1, 2.0, 2.1, 3.0, 3.1, 4.0, 4.1}, 3);
  EXPECT_GT(rising.lower, 0.8);
  EXPECT_LT(rising.upper, 1.2);
  const auto flat = slope_interval({1, 1, 2, 2, 3, 3}, {1, 2, 2, 1, 1, 2}, 3);
  EXPECT_LT(flat.lower, 0);
  EXPECT_GT(flat.upper, 0);
}

TEST(PairedRatio, GeometricMeanAndInterval) {
  const auto constant = paired_ratio({1, 2, 4}, {2, 4, 8});
  EXPECT_NEAR(constant.geometric_mean, 0.5, 1e-12);
  EXPECT_NEAR(constant.interval.lower, 0.5, 1e-12);
  EXPECT_NEAR(constant.interval.upper, 0.5, 1e-12);
  const auto noisy = paired_ratio({0.7, 0.8, 0.75, 0.72}, {1, 1, 1, 1});
  EXPECT_LT(noisy.interval.lower, 0.75);
  EXPECT_GT(noisy.interval.upper, 0.75);
  EXPECT_LT(noisy.interval.upper, 1.0);
  EXPECT_LT(noisy.p_value, 0.01);
  EXPECT_THROW(paired_ratio({1, 0}, {1, 1}), InputError);
}

TEST(Curves, FirstTimeReaching) {
  EXPECT_EQ(first_time_reaching({0.25, 0.5, 0.75}, {0.8, 0.95, 0.97}, 0.95), 0.5);
  EXPECT_FALSE(first_time_reaching({0.25, 0.5}, {0.8, 0.9}, 0.95).has_value());
}

TEST(SignTest, ExactBinomialOnDiscordantPairs) {
  EXPECT_NEAR(sign_test_p_value(5, 0), 0.0625, 1e-12);
  EXPECT_NEAR(sign_test_p_value(6, 0), 0.03125, 1e-12);
  EXPECT_EQ(sign_test_p_value(0, 0), 1.0);
}

}  // namespace
}  // namespace repro::arbitrary_bit_mnist
