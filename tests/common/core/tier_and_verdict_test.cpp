#include <string>

#include <gtest/gtest.h>

#include "common/claim.h"
#include "common/errors.h"
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

TEST(ClaimSpec, ExpectedVerdictPerTier) {
  ClaimSpec claim = ClaimSpec("x")
                        .decided_at({Tier::reduced, Tier::full})
                        .expect(Verdict::reproduced)
                        .expect_at(Tier::reduced, Verdict::inconclusive);
  EXPECT_FALSE(claim.decided_at_tier(Tier::smoke));
  EXPECT_TRUE(claim.decided_at_tier(Tier::full));
  EXPECT_EQ(claim.expected_verdict(Tier::reduced), Verdict::inconclusive);
  EXPECT_EQ(claim.expected_verdict(Tier::full), Verdict::reproduced);
}

TEST(ClaimResult, SerialisesEveryField) {
  ClaimResult result;
  result.id = "claim";
  result.text = "text";
  result.verdict = Verdict::not_reproduced;
  result.expected_verdict = Verdict::reproduced;
  result.reason = "because";
  result.measured = {{"value", 1.5}};
  result.decided_at_tiers = {Tier::smoke};
  nlohmann::json json = to_json(result);
  EXPECT_EQ(json["verdict"], "not_reproduced");
  EXPECT_EQ(json["expected_verdict"], "reproduced");
  EXPECT_EQ(json["measured"]["value"], 1.5);
  EXPECT_EQ(json["decided_at_tiers"][0], "smoke");
  EXPECT_FALSE(result.matches_expectation());
}

}  // namespace
}  // namespace repro
