// The example study's rule gives each verdict (rule_cases.h: the coverage the studies' rules have).
#include <gtest/gtest.h>

#include "tests/example_study/verdict_rules.h"
#include "tests/papers/rule_cases.h"

namespace repro::example_study {
namespace {

REPRO_RULE_TEST(ExampleHeadsShare, ManyFlipsNearHalf, kHeadsShareRule, reproduced) {
  EXPECT_RULE(heads_share_rule(5010, 10000, 50.0, 5.0), kHeadsShareRule, reproduced);
}
REPRO_RULE_TEST(ExampleHeadsShare, ManyFlipsOfABentCoin, kHeadsShareRule, not_reproduced) {
  EXPECT_RULE(heads_share_rule(7000, 10000, 50.0, 5.0), kHeadsShareRule, not_reproduced);
}
REPRO_RULE_TEST(ExampleHeadsShare, TooFewFlipsToTell, kHeadsShareRule, inconclusive) {
  EXPECT_RULE(heads_share_rule(6, 10, 50.0, 5.0), kHeadsShareRule, inconclusive);
}

TEST(ExampleHeadsShare, EveryVerdictOfTheRuleIsTested) {
  const auto found = testing::rule_cases().find(kHeadsShareRule);
  ASSERT_NE(found, testing::rule_cases().end());
  EXPECT_EQ(found->second.size(), 3u);
}

}  // namespace
}  // namespace repro::example_study
