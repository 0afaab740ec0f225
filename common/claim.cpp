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

ClaimResult claim_result(const ClaimSpec& spec, const nlohmann::json& published_entries, Verdict verdict,
                         const Expectation& expected, std::string reason, const Decision* decision) {
  ClaimResult result;
  result.id = spec.id();
  result.text = spec.text();
  for (const auto& [key, entry] : published_entries.items()) {
    result.published.push_back(PublishedValue::from_entry(key, entry, "published.json", key));
  }
  result.verdict = to_string(verdict);
  result.expected_verdict = expected.name();
  for (Verdict accepted : expected.accepted) result.accepted_verdicts.push_back(to_string(accepted));
  result.expected_basis = to_string(expected.basis);
  result.expected_detail = expected.detail;
  result.recorded_match = expected.accepts(verdict);
  result.reason = std::move(reason);
  result.decided_at_tiers = tier_names(spec.tiers());
  if (decision != nullptr) {
    result.measured = decision->measured();
    result.rule = decision->rule();
    result.rule_id = decision->rule_id();
    if (decision->comparison()) result.comparison = comparison_record(*decision->comparison());
    if (decision->margin()) result.margin = margin_record(*decision->margin());
    if (decision->detectable()) result.detectable_effect = detectable_record(*decision->detectable());
  }
  return result;
}

}  // namespace repro
