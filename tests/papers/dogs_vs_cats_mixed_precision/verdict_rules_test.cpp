// The dogs_vs_cats_mixed_precision study's decision rules.
#include <gtest/gtest.h>

#include "common/errors.h"
#include "papers/dogs_vs_cats_mixed_precision/verdict_rules.h"

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

TEST(AuthorMcNemar, ExactBelow25ElseCorrectedChiSquareAndTable3) {
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

TEST(AccuracyRules, NoDifferenceLearningAndTable2) {
  EXPECT_EQ(no_significant_difference_rule({4562, 26, 19, 393}, "logs").verdict(), Verdict::reproduced);
  // 30 against 5 discordant images: exact p about 1.5e-5.
  EXPECT_EQ(no_significant_difference_rule({300, 30, 5, 65}, "lopsided").verdict(), Verdict::not_reproduced);
  // 230/400 right: Wilson lower bound 52.6% > 50%; 210/400: 47.6%.
  EXPECT_EQ(both_learn_rule({220, 10, 10, 160}, "x").verdict(), Verdict::reproduced);
  EXPECT_EQ(both_learn_rule({200, 10, 30, 160}, "x").verdict(), Verdict::not_reproduced);
  EXPECT_THROW(both_learn_rule({0, 0, 0, 0}, "x"), InputError);
  EXPECT_EQ(accuracy_matches_rule(91.2, 90.0, 91.7, 90.74, 1.0).verdict(), Verdict::reproduced);
  EXPECT_EQ(accuracy_matches_rule(91.2, 89.5, 91.7, 90.74, 1.0).verdict(), Verdict::not_reproduced);
}

TEST(SpeedRules, RatioIntervalFasterAndBand) {
  const TimeRatio ratio = time_ratio(timing(60.0, 58.0, 62.0), timing(100.0, 95.0, 105.0));
  EXPECT_DOUBLE_EQ(ratio.ratio, 0.6);
  EXPECT_DOUBLE_EQ(ratio.interval.lower, 58.0 / 105.0);
  EXPECT_DOUBLE_EQ(ratio.interval.upper, 62.0 / 95.0);
  EXPECT_EQ(mixed_faster_rule(ratio, "t").verdict(), Verdict::reproduced);
  const TimeRatio overlapping = time_ratio(timing(98.0, 90.0, 106.0), timing(100.0, 95.0, 105.0));
  EXPECT_EQ(mixed_faster_rule(overlapping, "t").verdict(), Verdict::not_reproduced);
  // Published VGG16 training ratio 196/303 = 0.647: 0.6 [0.55, 0.65] meets it within 0.2.
  EXPECT_EQ(ratio_within_band_rule(ratio, 196.0 / 303.0, 0.2, "t").verdict(), Verdict::reproduced);
  const TimeRatio much_faster = time_ratio(timing(20.0, 19.0, 21.0), timing(100.0, 95.0, 105.0));
  EXPECT_EQ(ratio_within_band_rule(much_faster, 196.0 / 303.0, 0.2, "t").verdict(), Verdict::not_reproduced);
  EXPECT_THROW(time_ratio(stats::TimingSummary(), timing(1.0, 1.0, 1.0)), InputError);
}

}  // namespace
}  // namespace repro::dogs_vs_cats
