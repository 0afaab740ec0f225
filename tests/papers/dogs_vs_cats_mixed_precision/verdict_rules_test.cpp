// The dogs_vs_cats_mixed_precision study's decision rules.
#include <gtest/gtest.h>

#include "base/errors.h"
#include "common/time_ratio_rule.h"
#include "papers/dogs_vs_cats_mixed_precision/verdict_rules.h"
#include "stats/paired_proportion_difference.h"
#include "tests/papers/rule_cases.h"

namespace repro::dogs_vs_cats {
namespace {

stats::TimingSummary timing(double median, double lower, double upper) {
  stats::TimingSummary summary;
  summary.count = 30;
  summary.minimum = lower;
  summary.median = median;
  summary.median_interval = {lower, upper};
  return summary;
}

TEST(DogsVsCatsAuthorMcNemar, ExactBelow25ElseCorrectedChiSquareAndTable3) {
  // The released logs' tables give Table 3 (all have a cell below 25: exact test).
  const ContingencyTable vgg{4562, 26, 19, 393};
  EXPECT_EQ(author_mcnemar_method(vgg), stats::McNemarMethod::exact);
  EXPECT_EQ(author_mcnemar(vgg).statistic, 19.0);
  EXPECT_NEAR(author_mcnemar(vgg).p_value, 0.371, 0.0005);
  EXPECT_NEAR(author_mcnemar({4938, 10, 12, 40}).p_value, 0.832, 0.0005);
  // Every cell >= 25: chi-square with continuity correction, (|40 - 25| - 1)^2 / 65.
  const ContingencyTable large{300, 40, 25, 35};
  EXPECT_EQ(author_mcnemar_method(large), stats::McNemarMethod::chi_square_corrected);
  EXPECT_NEAR(author_mcnemar(large).statistic, 196.0 / 65.0, 1e-12);
}

TEST(DogsVsCatsChecks, BothLearnAboveChance) {
  // 230/400 right: Wilson lower bound 52.6% > 50%; 210/400: 47.6%.
  EXPECT_EQ(both_learn_check({220, 10, 10, 160}, "x").status(), CheckStatus::passed);
  EXPECT_EQ(both_learn_check({200, 10, 30, 160}, "x").status(), CheckStatus::failed);
  EXPECT_THROW(both_learn_check({0, 0, 0, 0}, "x"), InputError);
}

// Newcombe's paired interval (method 10, uncorrected phi): reference values computed by hand
// in Python from the formula in stats/paired_proportion_difference.h (Wilson limits with
// z = 1.959963984540054).
TEST(DogsVsCatsPairedInterval, NewcombeMethod10HandValues) {
  const stats::Interval first = stats::paired_proportion_difference_interval(300, 30, 10, 60);
  EXPECT_NEAR(first.lower, 0.019405993304798218, 1e-9);
  EXPECT_NEAR(first.upper, 0.08136453135385188, 1e-9);
  const stats::Interval second = stats::paired_proportion_difference_interval(1, 1, 7, 12);
  EXPECT_NEAR(second.lower, -0.5016625403015134, 1e-9);
  EXPECT_NEAR(second.upper, -0.036052553488836514, 1e-9);
  EXPECT_THROW(stats::paired_proportion_difference_interval(-1, 1, 1, 1), InputError);
  EXPECT_THROW(stats::paired_proportion_difference_interval(0, 0, 0, 0), InputError);
}

// --- Audits of the printed numbers (exact: reproduced or not reproduced) ---------------------

REPRO_RULE_TEST(DogsVsCatsDiscordantTotal, LoggedTotalAllowed, kDiscordantTotalRule, reproduced) {
  EXPECT_RULE(discordant_total_rule({40, 41, 42, 43, 44, 45, 46}, 45), kDiscordantTotalRule, reproduced);
}
REPRO_RULE_TEST(DogsVsCatsDiscordantTotal, LoggedTotalNotAllowed, kDiscordantTotalRule, not_reproduced) {
  EXPECT_RULE(discordant_total_rule({40, 41}, 45), kDiscordantTotalRule, not_reproduced);
  EXPECT_RULE(discordant_total_rule({}, 45), kDiscordantTotalRule, not_reproduced);
}
REPRO_EXACT_RULE_TEST(DogsVsCatsDiscordantTotal, IsExact, kDiscordantTotalRule) {
  EXPECT_EXACT(discordant_total_rule({44, 45, 46}, 46));
}

REPRO_RULE_TEST(DogsVsCatsTable3FromLogs, VggLogsGiveTable3, kTable3FromLogsRule, reproduced) {
  EXPECT_RULE(table3_from_logs_rule({4562, 26, 19, 393}, 19, 0.371, 3), kTable3FromLogsRule, reproduced);
}
REPRO_RULE_TEST(DogsVsCatsTable3FromLogs, WrongPOrStatistic, kTable3FromLogsRule, not_reproduced) {
  EXPECT_RULE(table3_from_logs_rule({4562, 26, 19, 393}, 19, 0.5, 3), kTable3FromLogsRule, not_reproduced);
  EXPECT_RULE(table3_from_logs_rule({4562, 26, 19, 393}, 18, 0.371, 3), kTable3FromLogsRule, not_reproduced);
}
REPRO_EXACT_RULE_TEST(DogsVsCatsTable3FromLogs, IsExact, kTable3FromLogsRule) {
  EXPECT_EXACT(table3_from_logs_rule({4938, 10, 12, 40}, 10, 0.832, 3));
}

REPRO_RULE_TEST(DogsVsCatsDifferenceFits, OneImageWithinTwo, kDifferenceFitsRule, reproduced) {
  EXPECT_RULE(difference_fits_rule(1, 2), kDifferenceFitsRule, reproduced);
}
REPRO_RULE_TEST(DogsVsCatsDifferenceFits, VggNeedsFarMore, kDifferenceFitsRule, not_reproduced) {
  EXPECT_RULE(difference_fits_rule(48, 7), kDifferenceFitsRule, not_reproduced);
  EXPECT_RULE(difference_fits_rule(0, -1), kDifferenceFitsRule, not_reproduced);  // Table 3 allows no b+c
}
REPRO_EXACT_RULE_TEST(DogsVsCatsDifferenceFits, IsExact, kDifferenceFitsRule) {
  EXPECT_EXACT(difference_fits_rule(4, 3));
}

REPRO_RULE_TEST(DogsVsCatsTable2FromLogs, LogsRoundToPrinted, kTable2FromLogsRule, reproduced) {
  // (4562 + 26) / 5000 = 91.76 %, (4562 + 19) / 5000 = 91.62 %.
  EXPECT_RULE(table2_from_logs_rule({4562, 26, 19, 393}, 91.76, 91.62), kTable2FromLogsRule, reproduced);
}
REPRO_RULE_TEST(DogsVsCatsTable2FromLogs, Table2DiffersFromLogs, kTable2FromLogsRule, not_reproduced) {
  EXPECT_RULE(table2_from_logs_rule({4562, 26, 19, 393}, 91.7, 90.74), kTable2FromLogsRule, not_reproduced);
  EXPECT_THROW(table2_from_logs_rule({0, 0, 0, 0}, 1.0, 1.0), InputError);
}
REPRO_EXACT_RULE_TEST(DogsVsCatsTable2FromLogs, IsExact, kTable2FromLogsRule) {
  EXPECT_EXACT(table2_from_logs_rule({4562, 26, 19, 393}, 91.76, 91.7));
}

PrintedSaving saving(double numerator, double denominator, double printed, double percent_half_unit) {
  PrintedSaving value;
  value.numerator_ms = numerator;
  value.denominator_ms = denominator;
  value.time_half_unit = 0.5;
  value.printed_percent = printed;
  value.percent_half_unit = percent_half_unit;
  return value;
}

REPRO_RULE_TEST(DogsVsCatsSpeedupPercent, Vgg35Follows, kSpeedupPercentRule, reproduced) {
  // 1 − 196/303 = 35.3 %.
  EXPECT_RULE(printed_saving_rule(kSpeedupPercentRule, "t4", saving(196, 303, 35, 0.5)), kSpeedupPercentRule,
              reproduced);
}
REPRO_RULE_TEST(DogsVsCatsSpeedupPercent, FortyDoesNotFollow, kSpeedupPercentRule, not_reproduced) {
  EXPECT_RULE(printed_saving_rule(kSpeedupPercentRule, "t4", saving(196, 303, 40, 0.5)), kSpeedupPercentRule,
              not_reproduced);
  EXPECT_THROW(printed_saving_rule(kSpeedupPercentRule, "t4", saving(0.2, 303, 40, 0.5)), InputError);
}
REPRO_EXACT_RULE_TEST(DogsVsCatsSpeedupPercent, IsExact, kSpeedupPercentRule) {
  EXPECT_EXACT(printed_saving_rule(kSpeedupPercentRule, "t5", saving(100, 138, 28, 0.5)));
}

REPRO_RULE_TEST(DogsVsCatsInferenceSaving, Vgg5446Follows, kInferenceSavingRule, reproduced) {
  // 1 − 138/303 = 54.455 %; the times' rounding allows [54.21, 54.69] %.
  EXPECT_RULE(printed_saving_rule(kInferenceSavingRule, "text", saving(138, 303, 54.46, 0.005)),
              kInferenceSavingRule, reproduced);
}
REPRO_RULE_TEST(DogsVsCatsInferenceSaving, SixtyDoesNotFollow, kInferenceSavingRule, not_reproduced) {
  EXPECT_RULE(printed_saving_rule(kInferenceSavingRule, "text", saving(138, 303, 60.0, 0.005)),
              kInferenceSavingRule, not_reproduced);
}
REPRO_EXACT_RULE_TEST(DogsVsCatsInferenceSaving, IsExact, kInferenceSavingRule) {
  EXPECT_EXACT(printed_saving_rule(kInferenceSavingRule, "text", saving(97, 195, 50.26, 0.005)));
}

REPRO_RULE_TEST(DogsVsCatsConclusion, NothingDifferentReproduces, kConclusionFollowsRule, reproduced) {
  const Decision decision = conclusion_follows_rule("training 32-45 % faster", {}, 2);
  EXPECT_RULE(decision, kConclusionFollowsRule, reproduced);
  EXPECT_EQ(decision.measured().at("parts_checked"), 2);
  EXPECT_TRUE(decision.measured().at("mismatches").empty());
}
REPRO_RULE_TEST(DogsVsCatsConclusion, AnEndThatDiffersIsNotReproduced, kConclusionFollowsRule, not_reproduced) {
  const Decision decision = conclusion_follows_rule("inference 10-45 % faster", {"upper end 45 against 40"}, 2);
  EXPECT_RULE(decision, kConclusionFollowsRule, not_reproduced);
  EXPECT_EQ(decision.measured().at("mismatches")[0], "upper end 45 against 40");
  EXPECT_NE(decision.comparison()->ours->method.find("upper end 45 against 40"), std::string::npos);
}
REPRO_EXACT_RULE_TEST(DogsVsCatsConclusion, IsExact, kConclusionFollowsRule) {
  EXPECT_EXACT(conclusion_follows_rule("ResNet152V2 gains most", {"a", "b"}, 2));
  EXPECT_THROW(conclusion_follows_rule("s", {"a", "b", "c"}, 2), InputError);
  EXPECT_THROW(conclusion_follows_rule("s", {}, 0), InputError);
}

// --- Accuracy claims ---------------------------------------------------------------------------

REPRO_RULE_TEST(DogsVsCatsPairedEquivalence, FewDiscordantOnManyImages, kPairedEquivalenceRule, reproduced) {
  // 26 vs 19 of 5,000: +0.14 points, Newcombe interval well inside ±1.
  const Decision decision = paired_equivalence_rule({4562, 26, 19, 393}, "logs");
  EXPECT_RULE(decision, kPairedEquivalenceRule, reproduced);
  EXPECT_GT(decision.measured().at("mcnemar_p_value_information_only").get<double>(), 0.05);
  EXPECT_GT(decision.detectable()->value, 0.0);
}
REPRO_RULE_TEST(DogsVsCatsPairedEquivalence, LopsidedDiscordance, kPairedEquivalenceRule, not_reproduced) {
  // 40 vs 5 of 400: +8.75 points.
  EXPECT_RULE(paired_equivalence_rule({300, 40, 5, 55}, "lopsided"), kPairedEquivalenceRule, not_reproduced);
}
REPRO_RULE_TEST(DogsVsCatsPairedEquivalence, NotSignificantIsNotEquivalent, kPairedEquivalenceRule,
                inconclusive) {
  // 15 vs 10 of 400: McNemar p about 0.42, but the interval (+1.25 points, about ±2) leaves ±1.
  const Decision decision = paired_equivalence_rule({300, 15, 10, 75}, "small");
  EXPECT_RULE(decision, kPairedEquivalenceRule, inconclusive);
  EXPECT_GT(decision.measured().at("mcnemar_p_value_information_only").get<double>(), 0.05);
  EXPECT_THROW(paired_equivalence_rule({0, 0, 0, 0}, "x"), InputError);
}

REPRO_RULE_TEST(DogsVsCatsTable2Agreement, InceptionLevelAccuracies, kTable2AgreementRule, reproduced) {
  // Ours 98.46 / 98.38 % of 5,000 against Table 2's 98.46 / 98.38: MOVER about ±0.5 points.
  EXPECT_RULE(accuracy_matches_table2_rule({4915, 8, 4, 73}, 98.46, 98.38, 5000), kTable2AgreementRule,
              reproduced);
}
REPRO_RULE_TEST(DogsVsCatsTable2Agreement, NinetyAgainstNinetyEight, kTable2AgreementRule, not_reproduced) {
  EXPECT_RULE(accuracy_matches_table2_rule({4450, 50, 50, 450}, 98.46, 98.38, 5000), kTable2AgreementRule,
              not_reproduced);
}
REPRO_RULE_TEST(DogsVsCatsTable2Agreement, VggLevelSamplingTooWide, kTable2AgreementRule, inconclusive) {
  // Equal to Table 2's VGG16 91.70 / 90.74 %, but two Wilson intervals on 5,000 images at ~91 %
  // give a MOVER interval of about ±1.1 points: wider than the ±1 margin.
  EXPECT_RULE(accuracy_matches_table2_rule({4530, 55, 7, 408}, 91.7, 90.74, 5000), kTable2AgreementRule,
              inconclusive);
}

TEST(DogsVsCatsSpeedRules, RatioOfMediansWithConservativeInterval) {
  const TimeRatio ratio = time_ratio(timing(60.0, 58.0, 62.0), timing(100.0, 95.0, 105.0));
  EXPECT_DOUBLE_EQ(ratio.ratio, 0.6);
  EXPECT_DOUBLE_EQ(ratio.interval.lower, 58.0 / 105.0);
  EXPECT_DOUBLE_EQ(ratio.interval.upper, 62.0 / 95.0);
  EXPECT_THROW(time_ratio(stats::TimingSummary(), timing(1.0, 1.0, 1.0)), InputError);
}

REPRO_RULE_TEST(DogsVsCatsMixedFaster, WholeIntervalBelowOne, kMixedFasterRule, reproduced) {
  // 0.6 [0.552, 0.653]: 1 − ratio lies in [0.347, 0.448], inside [0, +inf).
  const Decision decision = mixed_faster_rule(time_ratio(timing(60.0, 58.0, 62.0), timing(100.0, 95.0, 105.0)), "t");
  EXPECT_RULE(decision, kMixedFasterRule, reproduced);
  EXPECT_GT(decision.detectable()->value, 0.0);
}

REPRO_RULE_TEST(DogsVsCatsMixedFaster, WholeIntervalAboveOne, kMixedFasterRule, not_reproduced) {
  // Mixed slower: 1.3 [1.19, 1.42].
  EXPECT_RULE(mixed_faster_rule(time_ratio(timing(130.0, 125.0, 135.0), timing(100.0, 95.0, 105.0)), "t"),
              kMixedFasterRule, not_reproduced);
}

REPRO_RULE_TEST(DogsVsCatsMixedFaster, IntervalAcrossOne, kMixedFasterRule, inconclusive) {
  // 0.98 [0.857, 1.116]: the data cannot tell faster from slower.
  EXPECT_RULE(mixed_faster_rule(time_ratio(timing(98.0, 90.0, 106.0), timing(100.0, 95.0, 105.0)), "t"),
              kMixedFasterRule, inconclusive);
}

// Table 4's VGG16 training ratio: 196 / 303 = 0.647.
constexpr double kVggTrainingRatio = 196.0 / 303.0;

REPRO_RULE_TEST(DogsVsCatsRatioMatches, NarrowIntervalNearTable4, kRatioMatchesRule, reproduced) {
  // 0.65 [0.63, 0.67] inside [0.547, 0.747].
  const Decision decision =
      ratio_matches_rule(time_ratio(timing(65.0, 64.0, 66.0), timing(100.0, 99.0, 101.0)), kVggTrainingRatio, "t");
  EXPECT_RULE(decision, kRatioMatchesRule, reproduced);
  EXPECT_DOUBLE_EQ(decision.margin()->value, kTimeRatioMargin);
}

REPRO_RULE_TEST(DogsVsCatsRatioMatches, MuchLargerSpeedUp, kRatioMatchesRule, not_reproduced) {
  // 0.2 [0.18, 0.22]: entirely below 0.547.
  EXPECT_RULE(ratio_matches_rule(time_ratio(timing(20.0, 19.0, 21.0), timing(100.0, 95.0, 105.0)), kVggTrainingRatio,
                                 "t"),
              kRatioMatchesRule, not_reproduced);
}

REPRO_RULE_TEST(DogsVsCatsRatioMatches, WideIntervalAcrossTheMargin, kRatioMatchesRule, inconclusive) {
  // 0.6 [0.5, 0.72] straddles 0.547: the ±0.20 band of before would have called this reproduced.
  EXPECT_RULE(ratio_matches_rule(time_ratio(timing(60.0, 54.0, 66.0), timing(100.0, 92.0, 108.0)), kVggTrainingRatio,
                                 "t"),
              kRatioMatchesRule, inconclusive);
}

// --- the speed-up depends on the model: the extremes' ratios 0.10 or more apart

TimeRatio ratio_of(double value, double lower, double upper) { return {value, {lower, upper}}; }

REPRO_RULE_TEST(DogsVsCatsSpeedupDepends, RatiosFarApartInBothTablesReproduce, kSpeedupDependsRule, reproduced) {
  // 0.55 [0.54, 0.56] − 0.70 [0.69, 0.71]: −0.15 [−0.17, −0.13], outside ±0.10.
  const Decision decision = speedup_depends_on_model_rule(
      {{"training", ratio_of(0.55, 0.54, 0.56), ratio_of(0.70, 0.69, 0.71)},
       {"inference", ratio_of(0.60, 0.59, 0.61), ratio_of(0.90, 0.88, 0.92)}});
  EXPECT_RULE(decision, kSpeedupDependsRule, reproduced);
  EXPECT_EQ(decision.measured()["parts"].size(), 2u);
}

REPRO_RULE_TEST(DogsVsCatsSpeedupDepends, EqualRatiosInOneTableAreNotReproduced, kSpeedupDependsRule,
                not_reproduced) {
  // Inference: 0.80 [0.79, 0.81] − 0.82 [0.81, 0.83]: −0.02 [−0.04, 0.00], inside ±0.10.
  EXPECT_RULE(speedup_depends_on_model_rule({{"training", ratio_of(0.55, 0.54, 0.56), ratio_of(0.70, 0.69, 0.71)},
                                             {"inference", ratio_of(0.80, 0.79, 0.81), ratio_of(0.82, 0.81, 0.83)}}),
              kSpeedupDependsRule, not_reproduced);
}

REPRO_RULE_TEST(DogsVsCatsSpeedupDepends, WideRatiosAreInconclusive, kSpeedupDependsRule, inconclusive) {
  // 0.55 [0.45, 0.65] − 0.70 [0.60, 0.80]: [−0.35, 0.05] straddles −0.10.
  EXPECT_RULE(speedup_depends_on_model_rule({{"training", ratio_of(0.55, 0.45, 0.65), ratio_of(0.70, 0.60, 0.80)}}),
              kSpeedupDependsRule, inconclusive);
  EXPECT_THROW(speedup_depends_on_model_rule({}), InputError);
}

}  // namespace
}  // namespace repro::dogs_vs_cats
