// The sweep findings (full tier): accuracy against each role's fraction of fractional bits, the
// batch-size / epoch sweep, and the quantization-mode and rounding variants.
#pragma once

#include <string>
#include <vector>

#include "common/claim_id.h"
#include "papers/fixed_point_fashion_mnist/configuration.h"
#include "papers/fixed_point_fashion_mnist/run_grid.h"

namespace repro {
class StudyContext;
}

namespace repro::fixed_point_fashion_mnist {

// Claim ids decided here.
const std::vector<ClaimId>& sweep_claim_ids();

// Decides every scheduled sweep claim and adds the sweep plots and tables; does nothing for parts
// `configurations` does not have.
void decide_sweep_claims(StudyContext& context, const ResultSet& results,
                         const StudyConfigurations& configurations);

}  // namespace repro::fixed_point_fashion_mnist
