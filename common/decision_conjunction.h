// A claim that holds only when each of several comparisons does (e.g. "both accuracies agree
// with Table 2"): reproduced when every part is reproduced, not reproduced when any part is,
// inconclusive otherwise. The deciding part (the first not reproduced, else the first not
// reproduced-or-better, else the first) gives the comparison, margin and detectable effect;
// every part's verdict and reason are kept in measured.parts.
#pragma once

#include <string>
#include <vector>

#include "common/claim.h"
#include "base/errors.h"

namespace repro {

// REQUIRES: parts non-empty, each carrying the same rule id (else repro::InputError).
inline Decision all_of_decisions(const std::vector<Decision>& parts, const std::string& rule_words) {
  if (parts.empty()) throw InputError("all_of_decisions: no parts");
  std::size_t deciding = parts.size();
  for (std::size_t i = 0; i < parts.size() && deciding == parts.size(); ++i) {
    if (parts[i].verdict() == Verdict::not_reproduced) deciding = i;
  }
  for (std::size_t i = 0; i < parts.size() && deciding == parts.size(); ++i) {
    if (parts[i].verdict() != Verdict::reproduced) deciding = i;
  }
  if (deciding == parts.size()) deciding = 0;
  nlohmann::json measured = nlohmann::json::array();
  std::string reason;
  for (const Decision& part : parts) {
    if (part.rule_id() != parts.front().rule_id()) throw InputError("all_of_decisions: mixed rule ids");
    measured.push_back({{"verdict", to_string(part.verdict())}, {"reason", part.reason()},
                        {"measured", part.measured()}});
    reason += (reason.empty() ? "" : "; ") + part.reason();
  }
  const Decision& chosen = parts[deciding];
  Decision decision(chosen.verdict());
  decision.rule_id(chosen.rule_id())
      .rule(rule_words + " — each part: " + chosen.rule())
      .reason(reason)
      .measured({{"parts", measured}});
  if (chosen.comparison()) decision.comparison(*chosen.comparison());
  if (chosen.margin()) decision.margin(*chosen.margin());
  if (chosen.detectable()) decision.detectable(*chosen.detectable());
  return decision;
}

}  // namespace repro
