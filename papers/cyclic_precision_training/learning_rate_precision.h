// Table 1's pattern: training first at a learning rate and a low precision, then finishing in
// full precision, helps at a low learning rate (low precision explores like a high learning
// rate) but not at a high one. Low precision against full precision in phase 1, over seeds.
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

// Decides the tier's `claims.table1_helps_at_low_lr` and `claims.table1_larger_at_low_lr` when
// present and scheduled, each through `budget`; adds the table and plot, their ids starting with
// `prefix`.
// Every run is a run unit (experiment_units.h); `operations` (the model's MACs per image) gives
// their cost estimates.
void run_learning_rate_precision(StudyContext& context, const ImageDataset& dataset,
                                 const ExperimentScale& scale, const ModelOperations& operations,
                                 const std::string& prefix, const TrainingClaims& claims,
                                 const TierBudget& budget);

}  // namespace repro::cyclic_precision_training
