// The headline claims (published accuracies, their ordering, the 9.35-point drop) decided from
// the FP32, baseline and optimized runs, with the accuracy and training-curve plots.
#pragma once

#include <string>
#include <vector>

#include "common/claim_id.h"
#include "common/tier_budget.h"
#include "papers/fixed_point_fashion_mnist/run_grid.h"

namespace repro {
class StudyContext;
}

namespace repro::fixed_point_fashion_mnist {

// Claim ids decided here.
const std::vector<ClaimId>& headline_claim_ids();

// Decides every scheduled headline claim from `results` (which must hold kFp32, kBaseline and
// kOptimized with >= 2 seeds each) and adds the per-configuration accuracy plot and table and the
// training curves. `configurations` lists every configuration name to plot and tabulate, in order.
// Below the slides' budget (`budget`), every headline decision is inconclusive (TierBudget::limit).
void decide_headline_claims(StudyContext& context, const TierBudget& budget, const ResultSet& results,
                            const std::vector<std::string>& configurations);

}  // namespace repro::fixed_point_fashion_mnist
