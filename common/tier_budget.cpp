#include "common/tier_budget.h"

namespace repro {

TierBudget TierBudget::sufficient(std::string description) { return {true, std::move(description)}; }

TierBudget TierBudget::below(std::string description) { return {false, std::move(description)}; }

Decision TierBudget::limit(Decision decision) const {
  if (sufficient_ || decision.verdict() == Verdict::skipped) return decision;
  nlohmann::json measured = decision.measured().is_object() ? decision.measured() : nlohmann::json::object();
  if (!decision.measured().is_object() && !decision.measured().is_null()) measured["value"] = decision.measured();
  measured["verdict_at_this_budget"] = to_string(decision.verdict());
  measured["tier_budget"] = description_;
  Decision limited(Verdict::inconclusive);
  limited.measured(std::move(measured))
      .rule(decision.rule() + "; at a tier below the paper's budget every such claim is inconclusive")
      .reason("below the paper's budget (" + description_ + "): undecidable at this tier; its numbers "
              "alone would give " + to_string(decision.verdict()) + " — " + decision.reason())
      .rule_id(decision.rule_id());
  if (decision.comparison()) limited.comparison(*decision.comparison());
  if (decision.margin()) limited.margin(*decision.margin());
  if (decision.detectable()) limited.detectable(*decision.detectable());
  return limited;
}

}  // namespace repro
