// The arbitrary-bit study's curve statistics and verdict rules: each rule id gives reproduced,
// not reproduced and inconclusive on known numbers (REPRO_RULE_TEST, tests/papers/rule_cases.h).
#include "papers/arbitrary_bit_mnist/verdict_rules.h"

#include <cmath>

#include <gtest/gtest.h>

#include "base/errors.h"
#include "tests/papers/rule_cases.h"

namespace repro::arbitrary_bit_mnist {
namespace {

// Accuracy 0.10 below 11 bits, 0.95 at 11, 0.985 from 12 on, float32 0.99.
AccuracyBySeed staircase() {
  return {{10, {0.10, 0.11, 0.09}}, {11, {0.95, 0.96, 0.94}}, {12, {0.985, 0.984, 0.986}},
          {14, {0.99, 0.99, 0.99}}, {32, {0.99, 0.991, 0.989}}};
}

TEST(ArbitraryBitInflection, IsTheSmallestBitSizeFromWhichAllAreWithinTheMargin) {
  EXPECT_EQ(inflection_bits(staircase(), 0.01), 12);
  EXPECT_EQ(inflection_bits(staircase(), 0.05), 11);
  EXPECT_EQ(inflection_bits(staircase(), 0.001), 14);
  // A dip above a good bit size moves the inflection above the dip.
  AccuracyBySeed dip = staircase();
  dip[14] = {0.5, 0.5, 0.5};
  EXPECT_EQ(inflection_bits(dip, 0.01), 32);
  EXPECT_THROW(inflection_bits({{12, {0.9}}}, 0.01), InputError);
}

TEST(ArbitraryBitInflection, BootstrapOfConsistentSeedsGivesAPointInterval) {
  const auto estimate = estimate_inflection(staircase(), 0.01, 1, 500);
  EXPECT_EQ(estimate.bits, 12);
  EXPECT_EQ(estimate.interval.lower, 12);
  EXPECT_EQ(estimate.interval.upper, 12);
  EXPECT_EQ(estimate.resampled_bits.size(), 500u);
}

TEST(ArbitraryBitInflection, BootstrapWidensWhenSeedsDisagree) {
  AccuracyBySeed mixed = staircase();
  mixed[11] = {0.99, 0.99, 0.60};  // one seed fails at 11 bits
  const auto estimate = estimate_inflection(mixed, 0.01, 1, 2000);
  EXPECT_EQ(estimate.interval.lower, 11);
  EXPECT_EQ(estimate.interval.upper, 12);
}

TEST(ArbitraryBitLineFit, RecoversAnExactLine) {
  const auto fit = fit_line({1, 2, 3, 4}, {3, 5, 7, 9});
  EXPECT_NEAR(fit.slope, 2.0, 1e-12);
  EXPECT_NEAR(fit.intercept, 1.0, 1e-12);
  EXPECT_NEAR(fit.r_squared, 1.0, 1e-12);
  EXPECT_LT(fit_line({1, 2, 3, 4}, {1, 4, 9, 16}).r_squared, 0.99);
  EXPECT_THROW(fit_line({1, 1}, {1, 2}), InputError);
}

TEST(ArbitraryBitSlopeInterval, ExcludesZeroForAClearTrendOnly) {
  const auto rising = slope_interval({1, 1, 2, 2, 3, 3, 4, 4}, {1.0, 1.1, 2.0, 2.1, 3.0, 3.1, 4.0, 4.1}, 3);
  EXPECT_GT(rising.lower, 0.8);
  EXPECT_LT(rising.upper, 1.2);
  const auto flat = slope_interval({1, 1, 2, 2, 3, 3}, {1, 2, 2, 1, 1, 2}, 3);
  EXPECT_LT(flat.lower, 0);
  EXPECT_GT(flat.upper, 0);
}

TEST(ArbitraryBitPairedRatio, GeometricMeanAndInterval) {
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

TEST(ArbitraryBitCurves, FirstTimeReaching) {
  EXPECT_EQ(first_time_reaching({0.25, 0.5, 0.75}, {0.8, 0.95, 0.97}, 0.95), 0.5);
  EXPECT_FALSE(first_time_reaching({0.25, 0.5}, {0.8, 0.9}, 0.95).has_value());
}

TEST(ArbitraryBitSignTest, ExactBinomialOnDiscordantPairs) {
  EXPECT_NEAR(sign_test_p_value(5, 0), 0.0625, 1e-12);
  EXPECT_NEAR(sign_test_p_value(6, 0), 0.03125, 1e-12);
  EXPECT_EQ(sign_test_p_value(0, 0), 1.0);
}

// --- the steepest rise and the bit grid

TEST(ArbitraryBitSteepestRise, IsTheMidpointOfTheSteepestStep) {
  EXPECT_DOUBLE_EQ(steepest_rise_bits(staircase()), 10.5);  // 0.10 -> 0.95 between 10 and 11
  const Estimate estimate = estimate_steepest_rise(staircase(), 1, 500);
  EXPECT_DOUBLE_EQ(estimate.interval.lower, 10.5);
  EXPECT_DOUBLE_EQ(estimate.interval.upper, 10.5);
  EXPECT_THROW(steepest_rise_bits({{12, {0.9}}}), InputError);
  EXPECT_THROW(steepest_rise_bits({{12, {0.9}}, {32, {0.9, 0.9}}}), InputError);
}

TEST(ArbitraryBitSteepestRise, GridSpacingIsTheWiderNeighbouringGap) {
  EXPECT_DOUBLE_EQ(grid_spacing_at({10, 11, 12, 13, 14, 16, 20, 32}, 12), 1.0);
  EXPECT_DOUBLE_EQ(grid_spacing_at({12, 14, 16, 18, 20, 32}, 18), 2.0);
  EXPECT_DOUBLE_EQ(grid_spacing_at({10, 14, 16}, 12), 4.0);
  EXPECT_THROW(grid_spacing_at({12}, 12), InputError);
}

// --- filter example (exact)

REPRO_RULE_TEST(ArbitraryBitFilter, ThePrintedOutputAndPatternReproduce, kFilterRule, reproduced) {
  EXPECT_RULE(filter_example_rule(1.984375, 0.5e-6, 1.984375, 0x3FFE6666u, 0x3FFE6666u), kFilterRule, reproduced);
}

REPRO_RULE_TEST(ArbitraryBitFilter, AnotherPatternIsNotReproduced, kFilterRule, not_reproduced) {
  EXPECT_RULE(filter_example_rule(1.984375, 0.5e-6, 1.984375, 0x3FFE6666u, 0x3FFE6667u), kFilterRule,
              not_reproduced);
}

REPRO_EXACT_RULE_TEST(ArbitraryBitFilter, TheRuleTestsPoints, kFilterRule) {
  const Decision decision = filter_example_rule(1.984375, 0.5e-6, 1.98, 0x3FFE6666u, 0x3FFE6666u);
  EXPECT_EXACT(decision);
  EXPECT_RULE(decision, kFilterRule, not_reproduced);
}

// --- error analysis: slope above 0 and R² >= 0.99

REPRO_RULE_TEST(ArbitraryBitErrorLinear, APositiveSlopeAndAGoodFitReproduce, kErrorLinearRule, reproduced) {
  EXPECT_RULE(error_linear_rule({1e-6, {0.9e-6, 1.1e-6}, "bootstrap"}, 0.999, 0.99), kErrorLinearRule, reproduced);
}

REPRO_RULE_TEST(ArbitraryBitErrorLinear, ACurvedErrorIsNotLinear, kErrorLinearRule, not_reproduced) {
  EXPECT_RULE(error_linear_rule({1e-6, {0.9e-6, 1.1e-6}, "bootstrap"}, 0.90, 0.99), kErrorLinearRule,
              not_reproduced);
}

REPRO_RULE_TEST(ArbitraryBitErrorLinear, ASlopeIntervalAcrossZeroIsInconclusive, kErrorLinearRule, inconclusive) {
  EXPECT_RULE(error_linear_rule({1e-7, {-1e-7, 3e-7}, "bootstrap"}, 0.995, 0.99), kErrorLinearRule, inconclusive);
}

// --- logistic regression: rise of more than a point, plateau equivalent within ±1 point

const std::vector<double> kFloat32 = {0.920, 0.921, 0.919, 0.922, 0.918, 0.920};

std::vector<double> shifted(const std::vector<double>& values, double by) {
  std::vector<double> result;
  for (double v : values) result.push_back(v + by);
  return result;
}

REPRO_RULE_TEST(ArbitraryBitLogistic, ARiseToFloat32Reproduces, kLogisticRule, reproduced) {
  const Margin margin{1.0, "points", "test"};
  EXPECT_RULE(logistic_rise_rule(shifted(kFloat32, -0.5), shifted(kFloat32, -0.001), kFloat32, 1.0, margin),
              kLogisticRule, reproduced);
}

REPRO_RULE_TEST(ArbitraryBitLogistic, AFlatCurveDoesNotRise, kLogisticRule, not_reproduced) {
  const Margin margin{1.0, "points", "test"};
  EXPECT_RULE(logistic_rise_rule(shifted(kFloat32, 0.0005), kFloat32, kFloat32, 1.0, margin), kLogisticRule,
              not_reproduced);
}

REPRO_RULE_TEST(ArbitraryBitLogistic, ANoisyPlateauIsInconclusive, kLogisticRule, inconclusive) {
  const Margin margin{1.0, "points", "test"};
  const std::vector<double> noisy = {0.90, 0.93, 0.89, 0.935, 0.895, 0.925};
  EXPECT_RULE(logistic_rise_rule(shifted(kFloat32, -0.5), noisy, kFloat32, 1.0, margin), kLogisticRule,
              inconclusive);
}

// --- the inflection (steepest rise) against 12 ± 1 bits

const Margin kOneBit{1.0, "bits", "test"};

REPRO_RULE_TEST(ArbitraryBitInflection, ARiseAtTwelveReproduces, kInflectionRule, reproduced) {
  EXPECT_RULE(inflection_rule(12, {11.5, {11.5, 12.5}, "bootstrap"}, kOneBit), kInflectionRule, reproduced);
}

REPRO_RULE_TEST(ArbitraryBitInflection, ARiseAtNineIsNotReproduced, kInflectionRule, not_reproduced) {
  EXPECT_RULE(inflection_rule(12, estimate_steepest_rise({{8, {0.1, 0.1}}, {9, {0.1, 0.12}}, {10, {0.9, 0.91}},
                                                         {12, {0.95, 0.95}}, {32, {0.96, 0.96}}},
                                                        3, 500),
                              kOneBit),
              kInflectionRule, not_reproduced);
}

REPRO_RULE_TEST(ArbitraryBitInflection, SeedsThatDisagreeAreInconclusive, kInflectionRule, inconclusive) {
  EXPECT_RULE(inflection_rule(12, {12.5, {11.5, 14.5}, "bootstrap"}, kOneBit), kInflectionRule, inconclusive);
}

// --- shares of runs: "usually" converges (> 1/2), converges more often with stochastic rounding

REPRO_RULE_TEST(ArbitraryBitConvergence, MostRunsReachingTheTargetReproduce, kConvergenceRule, reproduced) {
  EXPECT_RULE(share_at_least_rule(kConvergenceRule, "share", 20, 20, 0.5, "test"), kConvergenceRule, reproduced);
}

REPRO_RULE_TEST(ArbitraryBitConvergence, NoRunReachingTheTargetIsNotReproduced, kConvergenceRule, not_reproduced) {
  EXPECT_RULE(share_at_least_rule(kConvergenceRule, "share", 0, 15, 0.5, "test"), kConvergenceRule, not_reproduced);
}

REPRO_RULE_TEST(ArbitraryBitConvergence, FewRunsAreInconclusive, kConvergenceRule, inconclusive) {
  EXPECT_RULE(share_at_least_rule(kConvergenceRule, "share", 2, 3, 0.5, "test"), kConvergenceRule, inconclusive);
  EXPECT_THROW(share_at_least_rule(kConvergenceRule, "share", 4, 3, 0.5, "test"), InputError);
}

REPRO_RULE_TEST(ArbitraryBitConvergesMore, AllDiscordantPairsOneWayReproduce, kConvergesMoreRule, reproduced) {
  EXPECT_RULE(share_at_least_rule(kConvergesMoreRule, "share", 8, 8, 0.5, "test"), kConvergesMoreRule, reproduced);
}

REPRO_RULE_TEST(ArbitraryBitConvergesMore, AllDiscordantPairsTheOtherWayAreNot, kConvergesMoreRule, not_reproduced) {
  EXPECT_RULE(share_at_least_rule(kConvergesMoreRule, "share", 0, 8, 0.5, "test"), kConvergesMoreRule,
              not_reproduced);
}

REPRO_RULE_TEST(ArbitraryBitConvergesMore, ASplitIsInconclusive, kConvergesMoreRule, inconclusive) {
  EXPECT_RULE(share_at_least_rule(kConvergesMoreRule, "share", 3, 5, 0.5, "test"), kConvergesMoreRule, inconclusive);
}

// --- stochastic rounding's speed-up against 0.75 ± 0.1

const Margin kSpeedupMargin{0.1, "ratio", "test"};

REPRO_RULE_TEST(ArbitraryBitSpeedup, AQuarterFewerEpochsReproduce, kSpeedupRule, reproduced) {
  EXPECT_RULE(speedup_rule(0.75, paired_ratio({0.74, 0.76, 0.75, 0.77}, {1, 1, 1, 1}), kSpeedupMargin), kSpeedupRule,
              reproduced);
}

REPRO_RULE_TEST(ArbitraryBitSpeedup, HalfTheEpochsIsNotAQuarter, kSpeedupRule, not_reproduced) {
  EXPECT_RULE(speedup_rule(0.75, paired_ratio({0.5, 0.52, 0.49, 0.5}, {1, 1, 1, 1}), kSpeedupMargin), kSpeedupRule,
              not_reproduced);
}

REPRO_RULE_TEST(ArbitraryBitSpeedup, AWideRatioIsInconclusive, kSpeedupRule, inconclusive) {
  EXPECT_RULE(speedup_rule(0.75, paired_ratio({0.5, 1.0, 0.7}, {1, 1, 1}), kSpeedupMargin), kSpeedupRule,
              inconclusive);
}

// --- slope trends (dense layers, dense units)

REPRO_RULE_TEST(ArbitraryBitTrends, SlopesInTheirDirectionsReproduce, kTrendsRule, reproduced) {
  EXPECT_RULE(trends_rule(kTrendsRule, {{"epochs", {1.0, {0.5, 1.5}, "b"}, true}, {"accuracy", {-0.2, {-0.3, -0.1}, "b"}, false}},
                          "test"),
              kTrendsRule, reproduced);
}

REPRO_RULE_TEST(ArbitraryBitTrends, ASlopeTheWrongWayIsNotReproduced, kTrendsRule, not_reproduced) {
  EXPECT_RULE(trends_rule(kTrendsRule, {{"epochs", {1.0, {0.5, 1.5}, "b"}, true}, {"accuracy", {0.2, {0.1, 0.3}, "b"}, false}},
                          "test"),
              kTrendsRule, not_reproduced);
}

REPRO_RULE_TEST(ArbitraryBitTrends, ASlopeAcrossZeroIsInconclusive, kTrendsRule, inconclusive) {
  EXPECT_RULE(trends_rule(kTrendsRule, {{"units", {0.1, {-0.1, 0.3}, "b"}, true}}, "test"), kTrendsRule, inconclusive);
}

// --- batch size: accuracy equivalent within ±1 point, epochs rise with the batch

const Margin kOnePoint{1.0, "points", "test"};

REPRO_RULE_TEST(ArbitraryBitBatch, EqualAccuracyAndSlowerLargeBatchesReproduce, kBatchRule, reproduced) {
  EXPECT_RULE(batch_size_rule({0.1, {-0.3, 0.5}, "w"}, {2.0, {1.0, 3.0}, "b"}, kOnePoint), kBatchRule, reproduced);
}

REPRO_RULE_TEST(ArbitraryBitBatch, AThreePointGapIsNotReproduced, kBatchRule, not_reproduced) {
  EXPECT_RULE(batch_size_rule({3.0, {2.5, 3.5}, "w"}, {2.0, {1.0, 3.0}, "b"}, kOnePoint), kBatchRule, not_reproduced);
}

REPRO_RULE_TEST(ArbitraryBitBatch, AWideAccuracyIntervalIsInconclusive, kBatchRule, inconclusive) {
  EXPECT_RULE(batch_size_rule({0.5, {-0.5, 1.5}, "w"}, {2.0, {1.0, 3.0}, "b"}, kOnePoint), kBatchRule, inconclusive);
}

// --- initial weights: each difference outside its margin

REPRO_RULE_TEST(ArbitraryBitInitialWeights, ClearDifferencesReproduce, kInitialWeightsRule, reproduced) {
  EXPECT_RULE(initial_weights_rule({{"accuracy", "points", {5.0, {3.0, 7.0}, "w"}, kOnePoint},
                                    {"epochs", "epochs", {-4.0, {-6.0, -2.0}, "w"}, {1.0, "epochs", "test"}}}),
              kInitialWeightsRule, reproduced);
}

REPRO_RULE_TEST(ArbitraryBitInitialWeights, NoDifferenceIsNotReproduced, kInitialWeightsRule, not_reproduced) {
  EXPECT_RULE(initial_weights_rule({{"accuracy", "points", {0.1, {-0.2, 0.4}, "w"}, kOnePoint}}), kInitialWeightsRule,
              not_reproduced);
}

REPRO_RULE_TEST(ArbitraryBitInitialWeights, AnIntervalAcrossTheMarginIsInconclusive, kInitialWeightsRule, inconclusive) {
  EXPECT_RULE(initial_weights_rule({{"accuracy", "points", {1.0, {0.2, 1.8}, "w"}, kOnePoint}}), kInitialWeightsRule,
              inconclusive);
}

// --- conv layers (exact counts)

const Margin kThresholdMargin{1.5, "bits", "test"};

REPRO_RULE_TEST(ArbitraryBitConvLayers, TheSlidesPatternReproduces, kConvLayersRule, reproduced) {
  EXPECT_RULE(conv_layers_rule(2.0, 0, 18, 18, kThresholdMargin), kConvLayersRule, reproduced);
}

REPRO_RULE_TEST(ArbitraryBitConvLayers, ADeepNetworkConvergingIsNotReproduced, kConvLayersRule, not_reproduced) {
  EXPECT_RULE(conv_layers_rule(2.0, 3, 18, 18, kThresholdMargin), kConvLayersRule, not_reproduced);
}

REPRO_EXACT_RULE_TEST(ArbitraryBitConvLayers, TheRuleTestsCounts, kConvLayersRule) {
  const Decision decision = conv_layers_rule(2.0, 0, 14, 18, kThresholdMargin);
  EXPECT_EXACT(decision);
  EXPECT_RULE(decision, kConvLayersRule, not_reproduced);
}

// --- forward propagation dominates: forward / backward error above 1 at every bit size

REPRO_RULE_TEST(ArbitraryBitForwardDominates, ALargerForwardErrorAtEveryBitSizeReproduces, kForwardDominatesRule,
                reproduced) {
  const std::vector<BitsRatio> ratios = {{16, paired_ratio({40, 42, 38, 41}, {1, 1.1, 0.9, 1})},
                                         {20, paired_ratio({30, 33, 29, 31}, {1, 1, 1.2, 0.8})}};
  EXPECT_RULE(forward_dominates_rule(ratios), kForwardDominatesRule, reproduced);
}

REPRO_RULE_TEST(ArbitraryBitForwardDominates, ASmallerForwardErrorAtOneBitSizeIsNotReproduced,
                kForwardDominatesRule, not_reproduced) {
  const std::vector<BitsRatio> ratios = {{16, paired_ratio({40, 42, 38, 41}, {1, 1.1, 0.9, 1})},
                                         {20, paired_ratio({0.2, 0.25, 0.22, 0.21}, {1, 1, 1.2, 0.8})}};
  EXPECT_RULE(forward_dominates_rule(ratios), kForwardDominatesRule, not_reproduced);
}

REPRO_RULE_TEST(ArbitraryBitForwardDominates, ARatioIntervalAcrossOneIsInconclusive, kForwardDominatesRule,
                inconclusive) {
  const std::vector<BitsRatio> ratios = {{16, paired_ratio({0.5, 2.0, 0.8, 1.6}, {1, 1, 1, 1})}};
  EXPECT_RULE(forward_dominates_rule(ratios), kForwardDominatesRule, inconclusive);
}

// --- the order of the back-propagation error: slope against 2 ± 0.5

const Margin kHalfAnOrder{0.5, "", "test"};

REPRO_RULE_TEST(ArbitraryBitErrorOrder, ASlopeNearTwoReproduces, kErrorOrderRule, reproduced) {
  EXPECT_RULE(error_order_rule(2.0, {1.98, {1.9, 2.1}, "bootstrap"}, kHalfAnOrder), kErrorOrderRule, reproduced);
}

REPRO_RULE_TEST(ArbitraryBitErrorOrder, AFirstOrderSlopeIsNotReproduced, kErrorOrderRule, not_reproduced) {
  EXPECT_RULE(error_order_rule(2.0, {1.01, {0.97, 1.05}, "bootstrap"}, kHalfAnOrder), kErrorOrderRule,
              not_reproduced);
}

REPRO_RULE_TEST(ArbitraryBitErrorOrder, ASlopeIntervalAcrossTheMarginIsInconclusive, kErrorOrderRule, inconclusive) {
  EXPECT_RULE(error_order_rule(2.0, {1.5, {1.2, 1.8}, "bootstrap"}, kHalfAnOrder), kErrorOrderRule, inconclusive);
}

// --- positive initial weights reach about 80 % (± 5 points) at every bit size

const Margin kAboutEighty{5.0, "points", "test"};

REPRO_RULE_TEST(ArbitraryBitPositiveInitial, EightyAtBothBitSizesReproduces, kPositiveInitialRule, reproduced) {
  EXPECT_RULE(positive_initial_accuracy_rule(0.8, {{16, {0.79, 0.80, 0.81}}, {20, {0.78, 0.80, 0.79}}}, kAboutEighty),
              kPositiveInitialRule, reproduced);
}

REPRO_RULE_TEST(ArbitraryBitPositiveInitial, NinetyEightIsNotAboutEighty, kPositiveInitialRule, not_reproduced) {
  EXPECT_RULE(positive_initial_accuracy_rule(0.8, {{16, {0.79, 0.80, 0.81}}, {20, {0.98, 0.981, 0.979}}},
                                             kAboutEighty),
              kPositiveInitialRule, not_reproduced);
}

REPRO_RULE_TEST(ArbitraryBitPositiveInitial, SeedsSpreadAcrossTheMarginAreInconclusive, kPositiveInitialRule,
                inconclusive) {
  EXPECT_RULE(positive_initial_accuracy_rule(0.8, {{16, {0.70, 0.85, 0.80}}}, kAboutEighty), kPositiveInitialRule,
              inconclusive);
}

TEST(ArbitraryBitPositiveInitial, OneSeedIsAnInputError) {
  EXPECT_THROW(positive_initial_accuracy_rule(0.8, {{16, {0.8}}}, kAboutEighty), InputError);
  EXPECT_THROW(positive_initial_accuracy_rule(0.8, {}, kAboutEighty), InputError);
}

}  // namespace
}  // namespace repro::arbitrary_bit_mnist
