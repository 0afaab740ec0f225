// Verdict-rule tests of fp16_amp_ssd_resnet (REPRO_RULE_TEST; tests/papers/rule_cases.h): one test
// per verdict per rule id of papers/fp16_amp_ssd_resnet/verdict_rules.h.
#include <gtest/gtest.h>

#include "base/errors.h"
#include "papers/fp16_amp_ssd_resnet/verdict_rules.h"
#include "tests/papers/rule_cases.h"

namespace repro::fp16_amp_ssd_resnet {
namespace {

// --- Internal-consistency audits ---------------------------------------------------------------

PrintedRatio ratio(const char* name, double numerator, double printed) {
  return {name, {numerator, 0.05}, {35.1, 0.05}, {printed, 0.005}};
}

REPRO_RULE_TEST(Fp16RatioFollows, PaperRatiosFollow, kRatioFollowsRule, reproduced) {
  // 17.5 / 35.1 = 0.499, 18.7 / 35.1 = 0.533.
  EXPECT_RULE(ratio_follows_rule({ratio("half", 17.5, 0.50), ratio("AMP", 18.7, 0.53)}), kRatioFollowsRule,
              reproduced);
}
REPRO_RULE_TEST(Fp16RatioFollows, WrongRatio, kRatioFollowsRule, not_reproduced) {
  EXPECT_RULE(ratio_follows_rule({ratio("half", 17.5, 0.50), ratio("AMP", 18.7, 0.60)}), kRatioFollowsRule,
              not_reproduced);
  EXPECT_THROW(ratio_follows_rule({ratio("half", 0.01, 0.5)}), InputError);
}
// 11,156,778 parameters at 2 bytes are 22.3 MB or 21.3 MiB.
REPRO_RULE_TEST(Fp16ModelSize, TwentyOneMegabytesIsOneReading, kModelSizeRule, reproduced) {
  const Decision decision = model_size_rule(21.0, 0.5, 22313556);
  EXPECT_RULE(decision, kModelSizeRule, reproduced);
  EXPECT_NEAR(decision.measured().at("mebibytes").get<double>(), 21.28, 0.01);
  EXPECT_NEAR(decision.measured().at("megabytes_1e6").get<double>(), 22.31, 0.01);
}
REPRO_RULE_TEST(Fp16ModelSize, SinglePrecisionSizeIsNot, kModelSizeRule, not_reproduced) {
  EXPECT_RULE(model_size_rule(21.0, 0.5, 2 * 22313556), kModelSizeRule, not_reproduced);  // 42.6-44.6
}
REPRO_EXACT_RULE_TEST(Fp16ModelSize, IsExact, kModelSizeRule) {
  EXPECT_EXACT(model_size_rule(21.0, 0.5, 22313556));
  EXPECT_THROW(model_size_rule(21.0, 0.5, 0), InputError);
}

REPRO_EXACT_RULE_TEST(Fp16RatioFollows, IsExact, kRatioFollowsRule) {
  EXPECT_EXACT(ratio_follows_rule({ratio("half", 17.5, 0.50)}));
}

// SSD300 at 0.33 with 2,069 iterations per epoch: read as hours per epoch 0.574 s/iteration.
// Prediction = 35.1 / 50,000 x (MAC ratio) x 8.
TimeUnitInputs time_unit(double multiply_accumulate_ratio, double time_half_unit) {
  TimeUnitInputs inputs;
  inputs.ssd_time = {0.33, time_half_unit};
  inputs.resnet_seconds_per_epoch = {35.1, 0.05};
  inputs.resnet_images_per_epoch = 50000;
  inputs.multiply_accumulate_ratio = multiply_accumulate_ratio;
  inputs.batch = 8;
  inputs.iterations_per_epoch = 2069;
  return inputs;
}

REPRO_RULE_TEST(Fp16TimeUnit, HoursReadingMuchCloser, kTimeUnitRule, reproduced) {
  // Prediction 0.574 s/iteration: the hours reading fits, the seconds reading is 1.74x off.
  EXPECT_RULE(time_unit_rule(time_unit(102.2, 0.005)), kTimeUnitRule, reproduced);
}
REPRO_RULE_TEST(Fp16TimeUnit, SecondsReadingCloser, kTimeUnitRule, not_reproduced) {
  // Prediction 0.281 s/iteration: the seconds reading is 1.17x off, the hours reading 2.04x.
  EXPECT_RULE(time_unit_rule(time_unit(50.0, 0.005)), kTimeUnitRule, not_reproduced);
  EXPECT_THROW(time_unit_rule(time_unit(0.0, 0.005)), InputError);
}
REPRO_RULE_TEST(Fp16TimeUnit, RoundingStraddlesTheThreshold, kTimeUnitRule, inconclusive) {
  // Prediction about 0.533 s/iteration puts the preference at ln 1.5; a coarse printed time
  // (0.33 ± 0.02) lets it fall on either side.
  EXPECT_RULE(time_unit_rule(time_unit(94.9, 0.02)), kTimeUnitRule, inconclusive);
}

REPRO_RULE_TEST(Fp16LogsOrder, ClearlyBetter, kLogsOrderRule, reproduced) {
  EXPECT_RULE(ordering_rule(kLogsOrderRule, {accuracy_pair("a − b", 95.0, 90.0, 10000),
                                             printed_pair("mAP a − b", "", {0.736, 0.0005}, {0.65, 0.005})}),
              kLogsOrderRule, reproduced);
}
REPRO_RULE_TEST(Fp16LogsOrder, SingleMapBelowHalf, kLogsOrderRule, not_reproduced) {
  EXPECT_RULE(ordering_rule(kLogsOrderRule, {accuracy_pair("single − half", 92.48, 93.09, 10000),
                                             printed_pair("mAP single − half", "", {0.65, 0.005}, {0.7115, 0.00005})}),
              kLogsOrderRule, not_reproduced);
}
REPRO_RULE_TEST(Fp16LogsOrder, HalfAccuracyGainWithinSampling, kLogsOrderRule, inconclusive) {
  // +0.61 points on 10,000 test images: the MOVER interval reaches below 0.
  const Decision decision = ordering_rule(kLogsOrderRule, {accuracy_pair("half − single", 93.09, 92.48, 10000)});
  EXPECT_RULE(decision, kLogsOrderRule, inconclusive);
  EXPECT_GT(decision.detectable()->value, 0.0);
}

REPRO_RULE_TEST(Fp16AmpSlower, PaperTimes, kAmpSlowerRule, reproduced) {
  EXPECT_RULE(ordering_rule(kAmpSlowerRule, {printed_pair("AMP − half", "s", {18.7, 0.05}, {17.5, 0.05}),
                                             printed_pair("AMP − half", "", {0.30, 0.005}, {0.23, 0.005})}),
              kAmpSlowerRule, reproduced);
}
REPRO_RULE_TEST(Fp16AmpSlower, AmpFaster, kAmpSlowerRule, not_reproduced) {
  EXPECT_RULE(ordering_rule(kAmpSlowerRule, {printed_pair("AMP − half", "s", {17.5, 0.05}, {18.7, 0.05})}),
              kAmpSlowerRule, not_reproduced);
}
REPRO_RULE_TEST(Fp16AmpSlower, WithinRounding, kAmpSlowerRule, inconclusive) {
  EXPECT_RULE(ordering_rule(kAmpSlowerRule, {printed_pair("AMP − half", "s", {17.55, 0.05}, {17.5, 0.05})}),
              kAmpSlowerRule, inconclusive);
}

// --- Full-tier accuracy, loss and mAP claims -----------------------------------------------------

REPRO_RULE_TEST(Fp16AboutNinety, LogLevelAccuracies, kAboutNinetyRule, reproduced) {
  EXPECT_RULE(about_ninety_rule({{"single", 9248, 10000}, {"half", 9309, 10000}, {"amp", 9291, 10000}}),
              kAboutNinetyRule, reproduced);
}
REPRO_RULE_TEST(Fp16AboutNinety, OneModeFails, kAboutNinetyRule, not_reproduced) {
  EXPECT_RULE(about_ninety_rule({{"single", 9248, 10000}, {"half", 5000, 10000}}), kAboutNinetyRule,
              not_reproduced);
  EXPECT_THROW(about_ninety_rule({{"single", 1, 0}}), InputError);
}
REPRO_RULE_TEST(Fp16AboutNinety, AtTheMarginsEnd, kAboutNinetyRule, inconclusive) {
  // 95.00 % of 10,000: Wilson [94.57, 95.41] straddles 95.
  EXPECT_RULE(about_ninety_rule({{"single", 9500, 10000}}), kAboutNinetyRule, inconclusive);
}

// Three seeds per mode, paired: the seed's noise (±0.004) is shared across modes.
REPRO_RULE_TEST(Fp16LossOrder, HalfLowestOnEverySeed, kLossOrderRule, reproduced) {
  EXPECT_RULE(lower_loss_rule({"half", {0.300, 0.304, 0.296}},
                              {{"single", {0.320, 0.325, 0.317}}, {"amp", {0.310, 0.315, 0.306}}}),
              kLossOrderRule, reproduced);
}
REPRO_RULE_TEST(Fp16LossOrder, HalfAboveSingleOnEverySeed, kLossOrderRule, not_reproduced) {
  EXPECT_RULE(lower_loss_rule({"half", {0.350, 0.354, 0.346}},
                              {{"single", {0.320, 0.325, 0.317}}, {"amp", {0.310, 0.315, 0.306}}}),
              kLossOrderRule, not_reproduced);
}
REPRO_RULE_TEST(Fp16LossOrder, SeedsDisagreeOnTheOrder, kLossOrderRule, inconclusive) {
  EXPECT_RULE(lower_loss_rule({"half", {0.300, 0.330, 0.290}}, {{"single", {0.320, 0.310, 0.300}}}), kLossOrderRule,
              inconclusive);
}
TEST(Fp16LossOrder, OneSeedOrUnequalSeedsAreInputErrors) {
  EXPECT_THROW(lower_loss_rule({"half", {0.3}}, {{"single", {0.32}}}), InputError);
  EXPECT_THROW(lower_loss_rule({"half", {0.3, 0.31}}, {{"single", {0.32, 0.33, 0.34}}}), InputError);
}

REPRO_RULE_TEST(Fp16Map, WithinTwoPoints, kMapRule, reproduced) {
  EXPECT_RULE(map_rule({73.0, 73.2, 72.9}, 73.6), kMapRule, reproduced);
}
REPRO_RULE_TEST(Fp16Map, FarBelow, kMapRule, not_reproduced) {
  EXPECT_RULE(map_rule({70.0, 70.3, 69.8}, 73.6), kMapRule, not_reproduced);
}
REPRO_RULE_TEST(Fp16Map, SeedsSpreadAcrossTheMargin, kMapRule, inconclusive) {
  EXPECT_RULE(map_rule({70.0, 74.0, 72.0}, 73.6), kMapRule, inconclusive);
  EXPECT_THROW(map_rule({73.0}, 73.6), InputError);
}

}  // namespace
}  // namespace repro::fp16_amp_ssd_resnet
