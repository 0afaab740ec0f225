// Every registered claim of every study names its verdict rule, and that rule has unit tests
// (REPRO_RULE_TEST, in this binary) giving each of reproduced, not reproduced and inconclusive.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "common/study_registry.h"
#include "tests/papers/rule_cases.h"

namespace repro {
namespace {

TEST(RuleCoverage, EveryClaimNamesARuleWithTestsOfEachVerdict) {
  const std::vector<Verdict> required = {Verdict::reproduced, Verdict::not_reproduced,
                                         Verdict::inconclusive};
  int claims = 0;
  for (const StudyDefinition* study : registered_studies()) {
    for (const ClaimSpec& claim : study->claims()) {
      ++claims;
      const std::string where = study->id() + "/" + claim.id();
      if (claim.declared_expectation(Tier::full).accepts(Verdict::skipped) &&
          claim.declared_expectation(Tier::smoke).accepts(Verdict::skipped)) {
        continue;  // declared undecidable here (e.g. needs the authors' FPGA): no rule runs
      }
      ASSERT_FALSE(claim.rule_id().empty()) << where << " names no verdict rule";
      const auto found = testing::rule_cases().find(claim.rule_id());
      ASSERT_NE(found, testing::rule_cases().end())
          << where << ": rule " << claim.rule_id() << " has no REPRO_RULE_TEST";
      for (Verdict verdict : required) {
        EXPECT_EQ(found->second.count(verdict), 1u)
            << where << ": rule " << claim.rule_id() << " has no test giving " << to_string(verdict);
      }
    }
  }
  EXPECT_GT(claims, 50);
}

}  // namespace
}  // namespace repro
