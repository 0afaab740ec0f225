// Whether a tier trains enough of the paper's protocol to decide the paper's claims. A tier far
// below the paper's budget (a smaller model, a fraction of the training steps) says so: every
// budget-sensitive claim of the study is inconclusive at that tier, with the verdict its numbers
// would give kept in `measured` — the same rule for every claim of the study, so that no claim is
// refuted at a budget at which another is declared undecidable.
#pragma once

#include <string>

#include "common/claim.h"

namespace repro {

class TierBudget {
 public:
  // The tier runs the paper's protocol (or enough of it): decisions stand.
  static TierBudget sufficient(std::string description);
  // The tier is below the paper's budget: `description` says by how much (e.g. "12,000 images x
  // 3 epochs: 12% of the slides' 300,000 image-passes").
  static TierBudget below(std::string description);

  bool is_sufficient() const { return sufficient_; }
  const std::string& description() const { return description_; }

  // `decision` when the budget suffices; otherwise the same decision made inconclusive, its
  // reason prefixed with the budget and its verdict kept as measured.verdict_at_this_budget.
  Decision limit(Decision decision) const;

 private:
  TierBudget(bool sufficient, std::string description)
      : sufficient_(sufficient), description_(std::move(description)) {}
  bool sufficient_;
  std::string description_;
};

}  // namespace repro
