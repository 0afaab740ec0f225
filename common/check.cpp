#include "common/check.h"

#include <algorithm>

namespace repro {

std::string to_string(CheckStatus status) {
  switch (status) {
    case CheckStatus::passed: return "passed";
    case CheckStatus::failed: return "failed";
    case CheckStatus::skipped: return "skipped";
  }
  return "unknown";
}

bool CheckSpec::decided_at_tier(Tier tier) const {
  return std::find(tiers_.begin(), tiers_.end(), tier) != tiers_.end();
}

nlohmann::json to_json(const CheckSpec& spec, const CheckOutcome& outcome) {
  nlohmann::json tiers = nlohmann::json::array();
  for (Tier tier : spec.tiers()) tiers.push_back(to_string(tier));
  return {{"id", spec.id()},
          {"text", spec.text()},
          {"status", to_string(outcome.status())},
          {"measured", outcome.measured()},
          {"rule", outcome.rule()},
          {"reason", outcome.reason()},
          {"decided_at_tiers", tiers}};
}

}  // namespace repro
