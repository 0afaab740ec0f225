// CPT against static precision over seeds (Table 2's headline, Figure 5's accuracy against
// training GBitOPs), at the scale a tier gives.
#pragma once

#include <string>

#include "common/tier_budget.h"
#include "papers/cyclic_precision_training/claim_ids.h"
#include "papers/cyclic_precision_training/experiment_scale.h"
#include "papers/cyclic_precision_training/image_data.h"
#include "papers/cyclic_precision_training/operation_count.h"

namespace repro {
class StudyContext;
}

namespace repro::cyclic_precision_training {

// Trains static 8/8, CPT 3–8/8 (and progressive 3–8/8 when the scale asks) for scale.seeds
// seeds each, then decides the tier's `claims.cpt_not_worse` and `claims.cpt_better` (and, at
// full scale, `claims.table2_*_accuracy`) when present and scheduled, each through `budget`
// (inconclusive below the paper's budget), and records the check `claims.fewer_bitops`. Adds the
// per-seed table and the accuracy plot, their ids starting with `prefix`.
// Every run is a run unit (experiment_units.h); `operations` (the model's MACs per image) gives
// their cost estimates.
void run_cpt_versus_static(StudyContext& context, const ImageDataset& dataset,
                           const ExperimentScale& scale, const ModelOperations& operations,
                           const std::string& prefix, const TrainingClaims& claims,
                           const TierBudget& budget);

}  // namespace repro::cyclic_precision_training
