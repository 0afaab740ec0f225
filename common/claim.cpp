#include "common/claim.h"

#include <algorithm>

namespace repro {

bool ClaimSpec::decided_at_tier(Tier tier) const {
  return std::find(tiers_.begin(), tiers_.end(), tier) != tiers_.end();
}

Verdict ClaimSpec::expected_verdict(Tier tier) const {
  auto found = expected_by_tier_.find(tier);
  return found == expected_by_tier_.end() ? expected_ : found->second;
}

nlohmann::json to_json(const ClaimResult& result) {
  nlohmann::json tiers = nlohmann::json::array();
  for (Tier tier : result.decided_at_tiers) tiers.push_back(to_string(tier));
  return {
      {"id", result.id},
      {"text", result.text},
      {"published", result.published.is_null() ? nlohmann::json::object() : result.published},
      {"measured", result.measured},
      {"rule", result.rule},
      {"verdict", to_string(result.verdict)},
      {"expected_verdict", to_string(result.expected_verdict)},
      {"reason", result.reason},
      {"decided_at_tiers", tiers},
  };
}

}  // namespace repro
