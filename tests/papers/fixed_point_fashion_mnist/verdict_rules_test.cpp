// The fixed-point study's verdict rules: each rule id gives reproduced, not reproduced and
// inconclusive on known numbers (REPRO_RULE_TEST; the coverage walker checks every claim's rule).
#include "papers/fixed_point_fashion_mnist/verdict_rules.h"

#include <cmath>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/errors.h"
#include "tests/papers/rule_cases.h"

namespace repro::fixed_point_fashion_mnist {
namespace {

std::vector<double> shifted(const std::vector<double>& values, double shift) {
  std::vector<double> result;
  for (double value : values) result.push_back(value + shift);
  return result;
}

// Two different noise patterns (sd about 0.15 points): paired differences are not constant.
const std::vector<double> kNoise = {0.0, 0.21, -0.17, 0.08, -0.12};
const std::vector<double> kOtherNoise = {0.1, -0.15, 0.05, 0.2, -0.2};
const std::vector<double> kWideNoise = {0.0, 2.1, -1.7, 0.8, -1.2};

// --- published accuracy (ours − published, both uncertain, against ±2 points)

REPRO_RULE_TEST(FixedPointPublishedAccuracy, AgreesWhenBothAreNarrowAndClose, kPublishedAccuracyRule, reproduced) {
  // A published 90.0 % on 10,000 images against ours 90.0 +- noise.
  const Decision decision = published_accuracy_rule(90.0, 10000, shifted(kNoise, 90.0), 45000, 50000);
  EXPECT_RULE(decision, kPublishedAccuracyRule, reproduced);
  EXPECT_EQ(decision.measured()["published_k_of_n"][0].get<int>(), 9000);
  ASSERT_TRUE(decision.margin().has_value());
  EXPECT_DOUBLE_EQ(decision.margin()->value, kAccuracyMarginPoints);
}

REPRO_RULE_TEST(FixedPointPublishedAccuracy, SixtyPercentIsFarFromThirtyOfThirtyTwo, kPublishedAccuracyRule, not_reproduced) {
  const Decision decision = published_accuracy_rule(93.75, 32, shifted(kNoise, 60.0), 30000, 50000);
  EXPECT_RULE(decision, kPublishedAccuracyRule, not_reproduced);
}

REPRO_RULE_TEST(FixedPointPublishedAccuracy, EightyPercentDoesNotReproduceThirtyOfThirtyTwo, kPublishedAccuracyRule, inconclusive) {
  // The reduced tier's FP32 (80.6 %) against 93.75 % = 30/32: 32 images cannot tell.
  const Decision decision = published_accuracy_rule(93.75, 32, shifted(kNoise, 80.6), 40300, 50000);
  EXPECT_RULE(decision, kPublishedAccuracyRule, inconclusive);
  const auto& difference = decision.comparison()->tested_estimate.interval;
  EXPECT_LT(difference.lower, -15.0);  // the published Wilson interval reaches down to ~79.9 %
  EXPECT_GT(difference.upper, -2.0);
  EXPECT_GT(decision.detectable()->value, 10.0);  // 32 images detect only large differences
}

// --- ordering FP32 > baseline > optimized (two direction steps)

REPRO_RULE_TEST(FixedPointOrdering, ClearDropsReproduce, kOrderingRule, reproduced) {
  EXPECT_RULE(ordering_rule(shifted(kNoise, 90.0), shifted(kOtherNoise, 88.0), shifted(kNoise, 85.0)),
              kOrderingRule, reproduced);
}

REPRO_RULE_TEST(FixedPointOrdering, AReversedStepIsNotReproduced, kOrderingRule, not_reproduced) {
  EXPECT_RULE(ordering_rule(shifted(kNoise, 86.0), shifted(kOtherNoise, 88.0), shifted(kNoise, 85.0)),
              kOrderingRule, not_reproduced);
}

REPRO_RULE_TEST(FixedPointOrdering, NoisyDifferencesAreInconclusive, kOrderingRule, inconclusive) {
  EXPECT_RULE(ordering_rule(shifted(kWideNoise, 88.2), shifted(kOtherNoise, 88.0), shifted(kNoise, 85.0)),
              kOrderingRule, inconclusive);
}

// --- the 9.35-point drop (ours − published, the published drop's own Newcombe interval)

REPRO_RULE_TEST(FixedPointDrop, ANarrowPublishedDropMatchedByOurs, kDropRule, reproduced) {
  // 93.75 % and 84.40 % of 10,000 images: a narrow published interval.
  EXPECT_RULE(drop_rule(9.35, 9375, 8440, 10000, shifted(kNoise, 90.0), shifted(kOtherNoise, 80.65)),
              kDropRule, reproduced);
}

REPRO_RULE_TEST(FixedPointDrop, AThirtyPointDropIsNotNine, kDropRule, not_reproduced) {
  EXPECT_RULE(drop_rule(9.35, 9375, 8440, 10000, shifted(kNoise, 90.0), shifted(kOtherNoise, 60.0)),
              kDropRule, not_reproduced);
}

REPRO_RULE_TEST(FixedPointDrop, ThirtyTwoImagesCannotPinTheDrop, kDropRule, inconclusive) {
  // The slides' drop rests on 30/32 and 27/32: its 95% interval is about -7 to +26 points.
  const Decision decision = drop_rule(9.35, 30, 27, 32, shifted(kNoise, 80.6), shifted(kOtherNoise, 67.2));
  EXPECT_RULE(decision, kDropRule, inconclusive);
  EXPECT_LT(decision.measured()["claimed_drop_newcombe_95_points"][0].get<double>(), -5.0);
}

// --- audits of the printed numbers

REPRO_RULE_TEST(FixedPointKOf32, TheSlidesAccuraciesAreKOf32, kKOf32Rule, reproduced) {
  const Decision decision =
      k_of_n_rule({{"fp32", 93.75, 0.005}, {"baseline", 87.5, 0.05}, {"optimized", 84.4, 0.05}}, 32);
  EXPECT_RULE(decision, kKOf32Rule, reproduced);
  EXPECT_EQ(decision.measured()["optimized"]["nearest_k"].get<int>(), 27);
}

REPRO_RULE_TEST(FixedPointKOf32, EightyFiveIsNoMultipleOfAThirtySecond, kKOf32Rule, not_reproduced) {
  EXPECT_RULE(k_of_n_rule({{"fp32", 93.75, 0.005}, {"other", 85.0, 0.05}}, 32), kKOf32Rule, not_reproduced);
}

REPRO_EXACT_RULE_TEST(FixedPointKOf32, TestsAPoint, kKOf32Rule) {
  EXPECT_EXACT(k_of_n_rule({{"fp32", 93.75, 0.005}}, 32));
}

REPRO_RULE_TEST(FixedPointDropArithmetic, NinePointThreeFiveIsTheDifference, kDropArithmeticRule, reproduced) {
  EXPECT_RULE(drop_arithmetic_rule({"fp32", 93.75, 0.005}, {"optimized", 84.4, 0.05}, {"drop", 9.35, 0.005}),
              kDropArithmeticRule, reproduced);
}

REPRO_RULE_TEST(FixedPointDropArithmetic, TenPointFiveIsNot, kDropArithmeticRule, not_reproduced) {
  EXPECT_RULE(drop_arithmetic_rule({"fp32", 93.75, 0.005}, {"optimized", 84.4, 0.05}, {"drop", 10.5, 0.05}),
              kDropArithmeticRule, not_reproduced);
}

REPRO_EXACT_RULE_TEST(FixedPointDropArithmetic, TestsAPoint, kDropArithmeticRule) {
  EXPECT_EXACT(drop_arithmetic_rule({"fp32", 93.75, 0.005}, {"optimized", 84.4, 0.05}, {"drop", 9.35, 0.005}));
}

REPRO_RULE_TEST(FixedPointPublishedDrop, ThirtyAgainstFiveIsADrop, kPublishedDropRule, reproduced) {
  EXPECT_RULE(published_drop_rule(30, 5, 32), kPublishedDropRule, reproduced);
}

REPRO_RULE_TEST(FixedPointPublishedDrop, FiveAgainstThirtyIsARise, kPublishedDropRule, not_reproduced) {
  EXPECT_RULE(published_drop_rule(5, 30, 32), kPublishedDropRule, not_reproduced);
}

REPRO_RULE_TEST(FixedPointPublishedDrop, ThirtyAgainstTwentySevenCannotTell, kPublishedDropRule, inconclusive) {
  const Decision decision = published_drop_rule(30, 27, 32);
  EXPECT_RULE(decision, kPublishedDropRule, inconclusive);
  EXPECT_NEAR(decision.measured()["drop_newcombe_95_points"][0].get<double>(), -7.1, 0.1);
  EXPECT_NEAR(decision.measured()["drop_newcombe_95_points"][1].get<double>(), 26.1, 0.1);
}

REPRO_RULE_TEST(FixedPointParameterBits, EveryParameterAtSixteenBitsReproduces, kParameterBitsRule, reproduced) {
  const Decision decision = parameter_bits_rule({{"weights", 16}, {"biases", 16}}, 16);
  EXPECT_RULE(decision, kParameterBitsRule, reproduced);
  EXPECT_EQ(decision.measured()["total_bits_by_role"]["biases"], 16);
}

REPRO_RULE_TEST(FixedPointParameterBits, TenBitBiasesAreNotSixteen, kParameterBitsRule, not_reproduced) {
  const Decision decision = parameter_bits_rule({{"weights", 16}, {"biases", 10}}, 16);
  EXPECT_RULE(decision, kParameterBitsRule, not_reproduced);
  EXPECT_NE(decision.comparison()->ours->method.find("biases at 10 bits"), std::string::npos);
}

REPRO_EXACT_RULE_TEST(FixedPointParameterBits, ACountIsExact, kParameterBitsRule) {
  EXPECT_EXACT(parameter_bits_rule({{"weights", 24}, {"biases", 16}}, 16));
  EXPECT_THROW(parameter_bits_rule({}, 16), InputError);
}

// --- the full tier's sweep claims

TEST(FixedPointSweepSensitivity, BestMinusWorstWithItsPoints) {
  SweepSamples sweep{{0.25, 0.5, 0.75},
                     {shifted(kNoise, 80.0), shifted(kNoise, 89.0), shifted(kNoise, 86.0)}};
  const Sensitivity sensitivity = sweep_sensitivity(sweep);
  EXPECT_NEAR(sensitivity.points, 9.0, 1e-9);
  EXPECT_DOUBLE_EQ(sensitivity.best_x, 0.5);
  EXPECT_DOUBLE_EQ(sensitivity.worst_x, 0.25);
  EXPECT_GT(sensitivity.interval.lower, 8.0);
  EXPECT_LT(sensitivity.interval.lower, 9.0);
  EXPECT_GT(sensitivity.interval.upper, 9.0);
}

SweepSamples two_points(double best, double worst, const std::vector<double>& noise = kNoise) {
  return {{0.25, 0.75}, {shifted(noise, worst), shifted(kOtherNoise, best)}};
}

REPRO_RULE_TEST(FixedPointWeightsMatterMost, WeightsFarMoreSensitive, kWeightsMatterMostRule, reproduced) {
  EXPECT_RULE(weights_matter_most_rule({{"weights", two_points(88.0, 60.0)}, {"activations", two_points(88.0, 87.0)}}),
              kWeightsMatterMostRule, reproduced);
}

REPRO_RULE_TEST(FixedPointWeightsMatterMost, ActivationsFarMoreSensitive, kWeightsMatterMostRule, not_reproduced) {
  EXPECT_RULE(weights_matter_most_rule({{"weights", two_points(88.0, 87.0)}, {"activations", two_points(88.0, 60.0)}}),
              kWeightsMatterMostRule, not_reproduced);
}

REPRO_RULE_TEST(FixedPointWeightsMatterMost, SimilarNoisySensitivities, kWeightsMatterMostRule, inconclusive) {
  EXPECT_RULE(weights_matter_most_rule({{"weights", two_points(88.0, 80.0, kWideNoise)},
                                        {"activations", two_points(88.0, 79.5, kWideNoise)}}),
              kWeightsMatterMostRule, inconclusive);
}

REPRO_RULE_TEST(FixedPointSixteenBitWeights, EqualBestPoints, kSixteenBitWeightsRule, reproduced) {
  EXPECT_RULE(sixteen_bit_weights_rule(two_points(88.0, 80.0), two_points(88.1, 80.0)), kSixteenBitWeightsRule,
              reproduced);
}

REPRO_RULE_TEST(FixedPointSixteenBitWeights, ThirtyTwoBitFarBetter, kSixteenBitWeightsRule, not_reproduced) {
  EXPECT_RULE(sixteen_bit_weights_rule(two_points(85.0, 80.0), two_points(90.0, 80.0)), kSixteenBitWeightsRule,
              not_reproduced);
}

REPRO_RULE_TEST(FixedPointSixteenBitWeights, NoisyBestPoints, kSixteenBitWeightsRule, inconclusive) {
  const SweepSamples noisy16{{0.5}, {shifted(kWideNoise, 88.0)}};
  const SweepSamples noisy32{{0.5}, {shifted(kOtherNoise, 88.3)}};
  EXPECT_RULE(sixteen_bit_weights_rule(noisy16, noisy32), kSixteenBitWeightsRule, inconclusive);
}

// --- fractional bits dominate: per role, F/W > 1/2 against F/W < 1/2, paired by seed

// A sweep over F/W 0.25, 0.5, 0.75 with the given mean accuracies and per-seed noise.
SweepSamples three_fractions(double low, double middle, double high, const std::vector<double>& noise) {
  return {{0.25, 0.5, 0.75}, {shifted(noise, low), shifted(noise, middle), shifted(kOtherNoise, high)}};
}

REPRO_RULE_TEST(FixedPointFractionalBits, MoreFractionalBitsBetterForEveryRole, kFractionalBitsDominateRule,
                reproduced) {
  const Decision decision = fractional_bits_dominate_rule(
      {{"weights", three_fractions(70.0, 85.0, 88.0, kNoise)}, {"activations", three_fractions(86.0, 87.0, 88.0, kNoise)}});
  EXPECT_RULE(decision, kFractionalBitsDominateRule, reproduced);
  EXPECT_EQ(decision.measured()["parts"].size(), 2u);
}

REPRO_RULE_TEST(FixedPointFractionalBits, OneRoleBetterWithIntegerBits, kFractionalBitsDominateRule, not_reproduced) {
  EXPECT_RULE(fractional_bits_dominate_rule({{"weights", three_fractions(70.0, 85.0, 88.0, kNoise)},
                                             {"activations", three_fractions(88.0, 87.0, 40.0, kNoise)}}),
              kFractionalBitsDominateRule, not_reproduced);
}

REPRO_RULE_TEST(FixedPointFractionalBits, NoisySidesAreInconclusive, kFractionalBitsDominateRule, inconclusive) {
  EXPECT_RULE(fractional_bits_dominate_rule({{"weights", three_fractions(88.0, 88.0, 88.2, kWideNoise)}}),
              kFractionalBitsDominateRule, inconclusive);
}

TEST(FixedPointFractionalBits, ASweepOnOneSideOfOneHalfIsAnInputError) {
  const SweepSamples upper_only{{0.5, 0.75}, {shifted(kNoise, 80.0), shifted(kNoise, 85.0)}};
  EXPECT_THROW(fractional_bits_dominate_rule({{"weights", upper_only}}), InputError);
  EXPECT_THROW(fractional_bits_dominate_rule({}), InputError);
}

REPRO_RULE_TEST(FixedPointOtherRoles, LittleLoss, kOtherRolesRule, reproduced) {
  EXPECT_RULE(other_roles_rule(shifted(kNoise, 88.0), shifted(kOtherNoise, 87.9)), kOtherRolesRule, reproduced);
}

REPRO_RULE_TEST(FixedPointOtherRoles, LargeLoss, kOtherRolesRule, not_reproduced) {
  EXPECT_RULE(other_roles_rule(shifted(kNoise, 88.0), shifted(kOtherNoise, 83.0)), kOtherRolesRule, not_reproduced);
}

REPRO_RULE_TEST(FixedPointOtherRoles, LossNearTheMargin, kOtherRolesRule, inconclusive) {
  EXPECT_RULE(other_roles_rule(shifted(kNoise, 88.0), shifted(kWideNoise, 87.0)), kOtherRolesRule, inconclusive);
}

REPRO_RULE_TEST(FixedPointVariationIsNoise, EveryPointEqualsItsBest, kVariationIsNoiseRule, reproduced) {
  const SweepSamples flat{{0.25, 0.5, 0.75},
                          {shifted(kNoise, 88.0), shifted(kOtherNoise, 88.05), shifted(kNoise, 87.95)}};
  EXPECT_RULE(variation_is_noise_rule({{"activations", flat}, {"biases", flat}}), kVariationIsNoiseRule, reproduced);
}

REPRO_RULE_TEST(FixedPointVariationIsNoise, EveryPointDiffers, kVariationIsNoiseRule, not_reproduced) {
  const SweepSamples steep{{0.25, 0.5, 0.75},
                           {shifted(kNoise, 70.0), shifted(kOtherNoise, 88.0), shifted(kNoise, 80.0)}};
  EXPECT_RULE(variation_is_noise_rule({{"activations", steep}, {"biases", steep}}), kVariationIsNoiseRule,
              not_reproduced);
}

REPRO_RULE_TEST(FixedPointVariationIsNoise, NoisyPointsCannotTell, kVariationIsNoiseRule, inconclusive) {
  const SweepSamples noisy{{0.25, 0.5, 0.75},
                           {shifted(kWideNoise, 87.5), shifted(kOtherNoise, 88.0), shifted(kWideNoise, 87.8)}};
  EXPECT_RULE(variation_is_noise_rule({{"activations", noisy}}), kVariationIsNoiseRule, inconclusive);
}

}  // namespace
}  // namespace repro::fixed_point_fashion_mnist
