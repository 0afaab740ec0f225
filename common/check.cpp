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

CheckResult check_result(const CheckSpec& spec, const CheckOutcome& outcome) {
  return {spec.id(), spec.text(), to_string(outcome.status()), outcome.measured(), outcome.rule(), outcome.reason(),
          tier_names(spec.tiers())};
}

}  // namespace repro
