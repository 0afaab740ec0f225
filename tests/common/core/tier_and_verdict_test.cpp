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
  ClaimSpec claim = ClaimSpec(ClaimId{"x"})
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

TEST(ClaimResult, OfADecisionSerialisesEveryField) {
  const ClaimSpec spec = ClaimSpec(ClaimId{"claim"}).text("text").decided_at({Tier::smoke});
  const Decision decision = Decision(Verdict::not_reproduced)
                                .measured({{"value", 1.5}})
                                .rule_id("test.rule")
                                .margin({2.0, "points", "practical"})
                                .detectable({1.1, "points", "2.8 SE"});
  const nlohmann::json published = {{"table_2_value", {{"value", 3}, {"unit", "%"}, {"provenance", "Table 2, p. 4"},
                                                       {"note", "kept as written"}}}};
  const ClaimResult result =
      claim_result(spec, published, Verdict::not_reproduced, Expectation::from_paper(), "because", &decision);
  nlohmann::json json = to_json(result);
  EXPECT_EQ(json["id"], "claim");
  EXPECT_EQ(json["text"], "text");
  EXPECT_EQ(json["verdict"], "not_reproduced");
  EXPECT_EQ(json["expected_verdict"], "reproduced");
  EXPECT_EQ(json["expected_basis"], "paper");
  EXPECT_EQ(json["accepted_verdicts"][0], "reproduced");
  EXPECT_EQ(json["measured"]["value"], 1.5);
  EXPECT_EQ(json["rule_id"], "test.rule");
  EXPECT_EQ(json["margin"]["derivation"], "practical");
  EXPECT_EQ(json["minimum_detectable_effect"]["value"], 1.1);
  EXPECT_EQ(json["comparison"], nullptr);
  EXPECT_EQ(json["decided_at_tiers"][0], "smoke");
  EXPECT_EQ(json["reason"], "because");
  EXPECT_EQ(json["published"], published);  // the entry as written, its note too
  EXPECT_FALSE(json["matches_expected"].get<bool>());
  EXPECT_FALSE(result.matches_expected());
}

TEST(ClaimResult, WithoutADecisionHasNoMeasurementAndMatchesAnAcceptedVerdict) {
  const ClaimSpec spec = ClaimSpec(ClaimId{"claim"});
  const ClaimResult result = claim_result(spec, nlohmann::json::object(), Verdict::skipped,
                                          Expectation::not_scheduled("full tier only"), "full tier only", nullptr);
  const nlohmann::json json = to_json(result);
  EXPECT_EQ(json["measured"], nullptr);
  EXPECT_EQ(json["rule_id"], "");
  EXPECT_EQ(json["margin"], nullptr);
  EXPECT_EQ(json["published"], nlohmann::json::object());
  EXPECT_EQ(json["expected_basis"], "schedule");
  EXPECT_EQ(json["decided_at_tiers"], (nlohmann::json{"smoke", "reduced", "full"}));
  EXPECT_TRUE(result.matches_expected());
}

}  // namespace
}  // namespace repro
