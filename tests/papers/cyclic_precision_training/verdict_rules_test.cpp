// Verdict-rule tests of cyclic_precision_training: each rule id gives reproduced, not reproduced
// and inconclusive on known numbers (REPRO_RULE_TEST; tests/papers/rule_cases.h).
#include "papers/cyclic_precision_training/verdict_rules.h"

#include <vector>

#include <gtest/gtest.h>

#include "base/errors.h"
#include "papers/cyclic_precision_training/table5_audit.h"
#include "tests/papers/rule_cases.h"

namespace repro::cyclic_precision_training {
namespace {

const std::vector<double> kStatic = {90.0, 90.0, 90.0, 90.0, 90.0};

// --- CPT not worse than static (paired interval against [−0.5, +inf))

REPRO_RULE_TEST(CptNonInferiority, ATightIntervalAboveTheMarginReproduces, kNonInferiorityRule, reproduced) {
  // Differences 0.1, 0.2, 0.0, 0.1, 0.1: mean 0.1, a tight interval above −0.5.
  const Decision decision = paired_non_inferiority({90.1, 90.2, 90.0, 90.1, 90.1}, kStatic, 0.5, "a", "b");
  EXPECT_RULE(decision, kNonInferiorityRule, reproduced);
  EXPECT_NEAR(decision.comparison()->tested_estimate.value, 0.1, 1e-12);
  EXPECT_DOUBLE_EQ(decision.margin()->value, 0.5);
  EXPECT_GT(decision.detectable()->value, 0.0);
}

REPRO_RULE_TEST(CptNonInferiority, TwoPointsWorseIsNotReproduced, kNonInferiorityRule, not_reproduced) {
  EXPECT_RULE(paired_non_inferiority({88.0, 88.1, 87.9, 88.0}, {90.0, 90.0, 90.0, 90.0}, 0.5, "a", "b"),
              kNonInferiorityRule, not_reproduced);
}

REPRO_RULE_TEST(CptNonInferiority, SpreadStraddlingTheMarginIsInconclusive, kNonInferiorityRule, inconclusive) {
  EXPECT_RULE(paired_non_inferiority({92.0, 87.0, 91.0, 88.0}, {90.0, 90.0, 90.0, 90.0}, 0.5, "a", "b"),
              kNonInferiorityRule, inconclusive);
}

TEST(CptNonInferiority, UnpairedInputIsBadInput) {
  EXPECT_THROW(paired_non_inferiority({90.0}, {90.0}, 0.5, "a", "b"), InputError);
  EXPECT_THROW(paired_non_inferiority({90.0, 91.0}, {90.0}, 0.5, "a", "b"), InputError);
}

// --- A better than B (paired interval against [0, +inf))

REPRO_RULE_TEST(CptDirection, AnIntervalAboveZeroReproduces, kDirectionRule, reproduced) {
  EXPECT_RULE(paired_superiority({91.0, 91.2, 90.9}, {90.0, 90.1, 90.0}, "a", "b"), kDirectionRule, reproduced);
}

REPRO_RULE_TEST(CptDirection, AnIntervalBelowZeroIsNotReproduced, kDirectionRule, not_reproduced) {
  EXPECT_RULE(paired_superiority({89.0, 89.2, 88.9}, {90.0, 90.1, 90.0}, "a", "b"), kDirectionRule,
              not_reproduced);
}

REPRO_RULE_TEST(CptDirection, AnIntervalContainingZeroIsInconclusive, kDirectionRule, inconclusive) {
  EXPECT_RULE(paired_superiority({91.0, 89.0, 90.5}, {90.0, 90.0, 90.0}, "a", "b"), kDirectionRule, inconclusive);
}

// --- printed values against our recomputation (exact audits)

REPRO_RULE_TEST(CptSavingAudit, APrintedSavingInsideTheRecomputedRangeReproduces, kSavingRule, reproduced) {
  // Recomputed 37.08..37.20 (three roundings), printed 37.1 ± 0.05.
  const Decision decision =
      printed_value_audit(kSavingRule, "saving", "%", 37.1, 0.05, "half unit", {37.20, 37.08, 37.15}, "roundings");
  EXPECT_RULE(decision, kSavingRule, reproduced);
  EXPECT_DOUBLE_EQ(decision.comparison()->region.lower, 37.08 - 0.05);
  EXPECT_DOUBLE_EQ(decision.comparison()->region.upper, 37.20 + 0.05);
  EXPECT_EQ(decision.detectable()->basis, "exact computation");
}

REPRO_RULE_TEST(CptSavingAudit, APrintedSavingHalfAPointOffIsNotReproduced, kSavingRule, not_reproduced) {
  EXPECT_RULE(printed_value_audit(kSavingRule, "saving", "%", 37.1, 0.05, "half unit", {37.53, 37.60}, "roundings"),
              kSavingRule, not_reproduced);
}

REPRO_EXACT_RULE_TEST(CptSavingAudit, TheAuditTestsAPoint, kSavingRule) {
  const Decision decision =
      printed_value_audit(kSavingRule, "saving", "%", 37.1, 0.05, "half unit", {37.14}, "one rounding");
  EXPECT_EXACT(decision);
  EXPECT_RULE(decision, kSavingRule, reproduced);  // 37.1 lies within 37.14 ± 0.05
}

// Table 5, Transformer 8/8: CPT 1.0e6 against SBM 1.44e6 GBitOPs, printed "Improv." −30.2 %.
REPRO_RULE_TEST(CptImprovementAudit, TheRoundedCellsAllowThePrintedChange, kImprovementFollowsRule, reproduced) {
  const std::vector<double> range = printed_change_percent_range(1.0e6, 0.05e6, 1.44e6, 0.005e6);
  EXPECT_NEAR(range[0], -30.56, 0.01);  // 1.0 / 1.44 − 1
  EXPECT_NEAR(range[1], -34.26, 0.01);  // 0.95 / 1.445 − 1
  EXPECT_NEAR(range[2], -26.83, 0.01);  // 1.05 / 1.435 − 1
  EXPECT_RULE(printed_value_audit(kImprovementFollowsRule, "change", "%", -30.2, 0.05, "half unit", range, "cells"),
              kImprovementFollowsRule, reproduced);
}

REPRO_RULE_TEST(CptImprovementAudit, ReadAsExactTheCellsDoNotGiveIt, kImprovementFollowsRule, not_reproduced) {
  // Were the cells exact (1,000,000 and 1,440,000), the change would be −30.56 %, not −30.2 ± 0.05.
  EXPECT_RULE(printed_value_audit(kImprovementFollowsRule, "change", "%", -30.2, 0.05, "half unit",
                                  printed_change_percent_range(1.0e6, 0.0, 1.44e6, 0.0), "cells"),
              kImprovementFollowsRule, not_reproduced);
}

REPRO_EXACT_RULE_TEST(CptImprovementAudit, TheAuditTestsAPoint, kImprovementFollowsRule) {
  EXPECT_EXACT(printed_value_audit(kImprovementFollowsRule, "change", "%", -10.5, 0.05, "half unit",
                                   printed_change_percent_range(2480.0, 5.0, 2770.0, 5.0), "cells"));
  EXPECT_THROW(printed_change_percent_range(1.0, 0.0, 0.5, 0.5), InputError);
}

TEST(CptSavingAudit, NoRecomputationIsBadInput) {
  EXPECT_THROW(printed_value_audit(kSavingRule, "s", "%", 37.1, 0.05, "h", {}, "none"), InputError);
  EXPECT_THROW(printed_value_audit(kSavingRule, "s", "%", 37.1, -0.05, "h", {37.1}, "one"), InputError);
}

REPRO_RULE_TEST(CptGbitopsAudit, PrintedGbitopsBetweenTheReadingsReproduce, kGbitopsRule, reproduced) {
  EXPECT_RULE(printed_value_audit(kGbitopsRule, "GBitOPs", "GBitOPs", 2.67e8, 0.005e8, "half unit",
                                  {2.69e8, 2.66e8}, "with and without the classifier"),
              kGbitopsRule, reproduced);
}

REPRO_RULE_TEST(CptGbitopsAudit, PrintedGbitopsTenPercentOffAreNotReproduced, kGbitopsRule, not_reproduced) {
  EXPECT_RULE(printed_value_audit(kGbitopsRule, "GBitOPs", "GBitOPs", 2.67e8, 0.005e8, "half unit",
                                  {2.95e8, 2.94e8}, "with and without the classifier"),
              kGbitopsRule, not_reproduced);
}

REPRO_EXACT_RULE_TEST(CptGbitopsAudit, TheAuditTestsAPoint, kGbitopsRule) {
  const Decision decision = printed_value_audit(kGbitopsRule, "GBitOPs", "GBitOPs", 1.68e8, 0.005e8, "half unit",
                                                {1.70e8}, "one reading");
  EXPECT_EXACT(decision);
  EXPECT_RULE(decision, kGbitopsRule, not_reproduced);  // 1.68e8 is below 1.70e8 − 0.005e8
}

// --- our mean accuracy against a published single run ± 1 point

REPRO_RULE_TEST(CptPublishedAccuracy, ATightMeanNearThePublishedRunReproduces, kPublishedAccuracyRule, reproduced) {
  EXPECT_RULE(published_accuracy(72.35, {72.1, 72.4, 72.3}, 1.0, "practical"), kPublishedAccuracyRule, reproduced);
}

REPRO_RULE_TEST(CptPublishedAccuracy, FivePointsBelowIsNotReproduced, kPublishedAccuracyRule, not_reproduced) {
  EXPECT_RULE(published_accuracy(72.35, {67.1, 67.4, 67.3}, 1.0, "practical"), kPublishedAccuracyRule,
              not_reproduced);
}

REPRO_RULE_TEST(CptPublishedAccuracy, AWideSpreadIsInconclusive, kPublishedAccuracyRule, inconclusive) {
  EXPECT_RULE(published_accuracy(72.35, {70.0, 74.5, 72.0}, 1.0, "practical"), kPublishedAccuracyRule,
              inconclusive);
}

}  // namespace
}  // namespace repro::cyclic_precision_training
