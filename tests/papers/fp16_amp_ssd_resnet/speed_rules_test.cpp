// The speed claims' rule: a published time ratio against ours within ±0.10.
#include "papers/fp16_amp_ssd_resnet/speed_ratio_rule.h"

#include "tests/papers/rule_cases.h"

namespace repro::fp16_amp_ssd_resnet {
namespace {

REPRO_RULE_TEST(Fp16SpeedRatio, ANarrowRatioNearThePublished, kSpeedRatioRule, reproduced) {
  const Decision decision = speed_ratio_rule("time(fp16) / time(fp32)", 0.50, {0.52, {0.50, 0.55}, "medians"});
  EXPECT_RULE(decision, kSpeedRatioRule, reproduced);
  EXPECT_DOUBLE_EQ(decision.margin()->value, kSpeedRatioMargin);
  EXPECT_GT(decision.detectable()->value, 0.0);
}

REPRO_RULE_TEST(Fp16SpeedRatio, AMuchLargerSpeedUp, kSpeedRatioRule, not_reproduced) {
  EXPECT_RULE(speed_ratio_rule("time(fp16) / time(fp32)", 0.50, {0.25, {0.22, 0.28}, "medians"}), kSpeedRatioRule,
              not_reproduced);
}

REPRO_RULE_TEST(Fp16SpeedRatio, AWideIntervalAcrossTheMargin, kSpeedRatioRule, inconclusive) {
  EXPECT_RULE(speed_ratio_rule("time(fp16) / time(fp32)", 0.50, {0.55, {0.45, 0.70}, "medians"}), kSpeedRatioRule,
              inconclusive);
}

}  // namespace
}  // namespace repro::fp16_amp_ssd_resnet
