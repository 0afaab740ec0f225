// decide_comparison and its builders, TierBudget, and the results row of a claim.
#include <gtest/gtest.h>

#include "common/comparison_decision.h"
#include "common/expectation.h"
#include "common/tier_budget.h"

namespace repro {
namespace {

const Margin kMargin{2.0, "points", "practical"};
const DetectableEffect kEffect{1.0, "points", "test"};

Decision agreement(double lower, double upper) {
  return decide_comparison("test.agreement",
                           agreement_with("accuracy", "%", 90.0, {0.5 * (lower + upper), {lower, upper}, "t"}, kMargin),
                           kMargin, kEffect);
}

TEST(ComparisonDecision, VerdictFollowsThePlacementOfTheInterval) {
  EXPECT_EQ(agreement(89.0, 91.0).verdict(), Verdict::reproduced);
  EXPECT_EQ(agreement(80.0, 85.0).verdict(), Verdict::not_reproduced);
  EXPECT_EQ(agreement(85.0, 89.0).verdict(), Verdict::inconclusive);
  const Decision decision = agreement(89.0, 91.0);
  EXPECT_EQ(decision.rule_id(), "test.agreement");
  EXPECT_NE(decision.rule().find("practical"), std::string::npos) << decision.rule();
  EXPECT_NE(decision.reason().find("lies inside"), std::string::npos) << decision.reason();
  EXPECT_DOUBLE_EQ(decision.comparison()->region.lower, 88.0);
  EXPECT_DOUBLE_EQ(decision.comparison()->region.upper, 92.0);
}

TEST(ComparisonDecision, BuildersSetTheirRegions) {
  const Estimate difference{0.3, {-0.1, 0.7}, "paired t"};
  EXPECT_DOUBLE_EQ(direction_of("a − b", "points", difference).region.lower, 0.0);
  EXPECT_DOUBLE_EQ(equivalence_of("a − b", "points", difference, kMargin).region.upper, 2.0);
  EXPECT_DOUBLE_EQ(non_inferiority_of("a − b", "points", difference, kMargin).region.lower, -2.0);
  const Comparison within = published_within("x", "", 9.35, {9.35, {9.29, 9.41}, "rounding"});
  EXPECT_EQ(within.tested_estimate.interval.lower, within.tested_estimate.interval.upper);
  EXPECT_DOUBLE_EQ(within.region.lower, 9.29);
  const Comparison two = difference_from_published("acc", "%", {93.75, {80.0, 98.0}, "Wilson"},
                                                   {80.6, {80.0, 81.2}, "t"}, {-13.15, {-18.0, 0.5}, "MOVER"}, kMargin);
  EXPECT_EQ(two.kind, RuleKind::difference_agreement);
  EXPECT_EQ(decide_comparison("r", two, kMargin, kEffect).verdict(), Verdict::inconclusive);
}

// decide_differs is equivalence turned around: outside ±margin is a difference shown.
TEST(ComparisonDecision, DiffersIsTheNegationOfEquivalence) {
  const auto differs = [](double lower, double upper) {
    return decide_differs("test.differs", "a − b", "points", {0.5 * (lower + upper), {lower, upper}, "t"}, kMargin,
                          kEffect);
  };
  EXPECT_EQ(differs(2.5, 4.0).verdict(), Verdict::reproduced);
  EXPECT_EQ(differs(-4.0, -2.1).verdict(), Verdict::reproduced);
  EXPECT_EQ(differs(-1.0, 1.5).verdict(), Verdict::not_reproduced);
  EXPECT_EQ(differs(1.0, 3.0).verdict(), Verdict::inconclusive);
  const Decision decision = differs(2.5, 4.0);
  EXPECT_EQ(decision.rule_id(), "test.differs");
  EXPECT_NE(decision.rule().find("entirely outside ±2 points"), std::string::npos) << decision.rule();
  EXPECT_DOUBLE_EQ(decision.comparison()->region.upper, 2.0);
}

TEST(TierBudget, BelowTheBudgetEveryDecisionIsInconclusiveAndKeepsItsVerdict) {
  const Decision limited = TierBudget::below("12% of the image-passes").limit(agreement(80.0, 85.0));
  EXPECT_EQ(limited.verdict(), Verdict::inconclusive);
  EXPECT_EQ(limited.rule_id(), "test.agreement");
  EXPECT_EQ(limited.measured()["verdict_at_this_budget"], "not_reproduced");
  EXPECT_TRUE(limited.margin().has_value());
  EXPECT_NE(limited.reason().find("12% of the image-passes"), std::string::npos);
  EXPECT_EQ(TierBudget::sufficient("all of it").limit(agreement(80.0, 85.0)).verdict(), Verdict::not_reproduced);
}

TEST(Expectation, UnstableAcceptsEitherVerdict) {
  const Expectation unstable = Expectation::measured({Verdict::reproduced, Verdict::inconclusive}, "two runs");
  EXPECT_TRUE(unstable.unstable());
  EXPECT_EQ(unstable.name(), "unstable");
  EXPECT_TRUE(unstable.accepts(Verdict::inconclusive));
  EXPECT_FALSE(unstable.accepts(Verdict::not_reproduced));
  const Expectation stable = Expectation::measured({Verdict::reproduced, Verdict::reproduced}, "two runs");
  EXPECT_FALSE(stable.unstable());
  EXPECT_EQ(to_string(stable.basis), "measured");
  EXPECT_THROW(Expectation::predicted(Verdict::reproduced, ""), std::logic_error);
}

}  // namespace
}  // namespace repro
