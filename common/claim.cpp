#include "common/claim.h"

#include <algorithm>

namespace repro {

bool ClaimSpec::decided_at_tier(Tier tier) const {
  return std::find(tiers_.begin(), tiers_.end(), tier) != tiers_.end();
}

ClaimSpec& ClaimSpec::predict(Verdict verdict, std::string reason) {
  prediction_ = Expectation::predicted(verdict, std::move(reason));
  return *this;
}

ClaimSpec& ClaimSpec::predict_at(Tier tier, Verdict verdict, std::string reason) {
  prediction_by_tier_[tier] = Expectation::predicted(verdict, std::move(reason));
  return *this;
}

Expectation ClaimSpec::declared_expectation(Tier tier) const {
  auto found = prediction_by_tier_.find(tier);
  if (found != prediction_by_tier_.end()) return found->second;
  if (prediction_) return *prediction_;
  return Expectation::from_paper();
}

nlohmann::json to_json(const ClaimResult& result) {
  nlohmann::json tiers = nlohmann::json::array();
  for (Tier tier : result.decided_at_tiers) tiers.push_back(to_string(tier));
  nlohmann::json accepted = nlohmann::json::array();
  for (Verdict verdict : result.expected.accepted) accepted.push_back(to_string(verdict));
  const Decision* decision = result.decision ? &*result.decision : nullptr;
  const auto optional_json = [](const auto& value) {
    return value ? to_json(*value) : nlohmann::json(nullptr);
  };
  return {
      {"id", result.id},
      {"text", result.text},
      {"published", result.published.is_null() ? nlohmann::json::object() : result.published},
      {"measured", decision ? decision->measured() : nlohmann::json(nullptr)},
      {"rule", decision ? decision->rule() : std::string()},
      {"rule_id", decision ? decision->rule_id() : std::string()},
      {"comparison", decision ? optional_json(decision->comparison()) : nlohmann::json(nullptr)},
      {"margin", decision ? optional_json(decision->margin()) : nlohmann::json(nullptr)},
      {"minimum_detectable_effect", decision ? optional_json(decision->detectable()) : nlohmann::json(nullptr)},
      {"verdict", to_string(result.verdict)},
      {"expected_verdict", result.expected.name()},
      {"accepted_verdicts", accepted},
      {"expected_basis", to_string(result.expected.basis)},
      {"expected_detail", result.expected.detail},
      {"matches_expected", result.matches_expectation()},
      {"reason", result.reason},
      {"decided_at_tiers", tiers},
  };
}

}  // namespace repro
