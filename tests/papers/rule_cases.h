// Which verdicts the unit tests of each verdict rule exercise. A rule test registers itself with
// REPRO_RULE_TEST at static-initialisation time and checks its decision with EXPECT_RULE; the
// coverage test (rule_coverage_test.cpp) walks every registered claim of every study and fails
// when its rule has no test giving reproduced, not reproduced and inconclusive.
#pragma once

#include <map>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "common/claim.h"

namespace repro::testing {

bool register_rule_case(const std::string& rule_id, Verdict verdict);
// A rule whose tested quantity is exact (a point: e.g. a printed value against the range its
// inputs allow) cannot straddle its region: its test proves the point and stands for the
// inconclusive case.
inline void expect_exact(const Decision& decision) {
  ASSERT_TRUE(decision.comparison().has_value());
  EXPECT_EQ(decision.comparison()->tested_estimate.interval.lower,
            decision.comparison()->tested_estimate.interval.upper)
      << "an exact rule tests a point";
  EXPECT_NE(decision.verdict(), Verdict::inconclusive);
}
// rule id -> the verdicts its registered tests expect.
const std::map<std::string, std::set<Verdict>>& rule_cases();

// The decision was made by `rule_id` and reached `verdict`.
inline void expect_rule(const Decision& decision, const std::string& rule_id, Verdict verdict) {
  EXPECT_EQ(decision.rule_id(), rule_id);
  EXPECT_EQ(to_string(decision.verdict()), to_string(verdict)) << decision.reason();
}

}  // namespace repro::testing

#define REPRO_RULE_CASE_NAME_INNER(suite, name) suite##_##name##_rule_case
#define REPRO_RULE_CASE_NAME(suite, name) REPRO_RULE_CASE_NAME_INNER(suite, name)
// REPRO_RULE_TEST(Suite, Name, "rule.id", verdict) { ... EXPECT_RULE(decision, "rule.id", verdict); }
#define REPRO_RULE_TEST(suite, name, rule_id, verdict)                                   \
  [[maybe_unused]] static const bool REPRO_RULE_CASE_NAME(suite, name) =                 \
      ::repro::testing::register_rule_case(rule_id, ::repro::Verdict::verdict);          \
  TEST(suite, name)
// REPRO_EXACT_RULE_TEST(Suite, Name, "rule.id") { ...; EXPECT_EXACT(decision); }: the rule tests a
// point, so it can never be inconclusive (registered in place of an inconclusive case).
#define REPRO_EXACT_RULE_TEST(suite, name, rule_id)                                      \
  [[maybe_unused]] static const bool REPRO_RULE_CASE_NAME(suite, name) =                 \
      ::repro::testing::register_rule_case(rule_id, ::repro::Verdict::inconclusive);     \
  TEST(suite, name)
#define EXPECT_EXACT(decision) ::repro::testing::expect_exact(decision)
#define EXPECT_RULE(decision, rule_id, verdict) \
  ::repro::testing::expect_rule(decision, rule_id, ::repro::Verdict::verdict)
