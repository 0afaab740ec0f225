#include <string>

#include <gtest/gtest.h>

#include "common/claim.h"
#include "base/errors.h"
#include "common/run_options.h"
#include "common/tier.h"
#include "common/verdict.h"

namespace repro {
namespace {

TEST(Tier, RoundTripsEveryTier) {
  for (Tier tier : all_tiers()) EXPECT_EQ(parse_tier(to_string(tier)), tier);
  EXPECT_EQ(join_tiers({Tier::smoke, Tier::full}), "smoke, full");
}

TEST(Tier, UnknownTierNamesTheOption) {
  try {
    parse_tier("medium");
    FAIL();
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("--tier"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("medium"), std::string::npos);
  }
}

TEST(Verdict, RoundTripsAndRejectsUnknown) {
  for (Verdict verdict : {Verdict::reproduced, Verdict::not_reproduced, Verdict::inconclusive,
                          Verdict::skipped}) {
    EXPECT_EQ(parse_verdict(to_string(verdict), "test"), verdict);
  }
  EXPECT_THROW(parse_verdict("maybe", "claims[0].verdict"), InputError);
}

TEST(Device, ParsesCpuAndCuda) {
  EXPECT_EQ(parse_device("cpu"), DeviceKind::cpu);
  EXPECT_EQ(parse_device("cuda"), DeviceKind::cuda);
  EXPECT_THROW(parse_device("tpu"), InputError);
}

TEST(ClaimSpec, PredictionsPerTierWithTheirReasonsElseThePaper) {
  ClaimSpec claim = ClaimSpec("x")
                        .decided_at({Tier::reduced, Tier::full})
                        .predict_at(Tier::reduced, Verdict::inconclusive, "32 images cannot tell");
  EXPECT_FALSE(claim.decided_at_tier(Tier::smoke));
  EXPECT_TRUE(claim.decided_at_tier(Tier::full));
  EXPECT_TRUE(claim.declared_expectation(Tier::reduced).accepts(Verdict::inconclusive));
  EXPECT_EQ(claim.declared_expectation(Tier::reduced).basis, ExpectationBasis::prediction);
  EXPECT_EQ(claim.declared_expectation(Tier::reduced).detail, "32 images cannot tell");
  EXPECT_TRUE(claim.declared_expectation(Tier::full).accepts(Verdict::reproduced));
  EXPECT_EQ(claim.declared_expectation(Tier::full).basis, ExpectationBasis::paper);
}

TEST(ClaimResult, SerialisesEveryField) {
  ClaimResult result;
  result.id = "claim";
  result.text = "text";
  result.verdict = Verdict::not_reproduced;
  result.expected = Expectation::from_paper();
  result.reason = "because";
  result.decision = Decision(Verdict::not_reproduced)
                        .measured({{"value", 1.5}})
                        .rule_id("test.rule")
                        .margin({2.0, "points", "practical"})
                        .detectable({1.1, "points", "2.8 SE"});
  result.decided_at_tiers = {Tier::smoke};
  nlohmann::json json = to_json(result);
  EXPECT_EQ(json["verdict"], "not_reproduced");
  EXPECT_EQ(json["expected_verdict"], "reproduced");
  EXPECT_EQ(json["expected_basis"], "paper");
  EXPECT_EQ(json["accepted_verdicts"][0], "reproduced");
  EXPECT_EQ(json["measured"]["value"], 1.5);
  EXPECT_EQ(json["rule_id"], "test.rule");
  EXPECT_EQ(json["margin"]["derivation"], "practical");
  EXPECT_EQ(json["minimum_detectable_effect"]["value"], 1.1);
  EXPECT_EQ(json["decided_at_tiers"][0], "smoke");
  EXPECT_FALSE(json["matches_expected"].get<bool>());
  EXPECT_FALSE(result.matches_expectation());
}

}  // namespace
}  // namespace repro
