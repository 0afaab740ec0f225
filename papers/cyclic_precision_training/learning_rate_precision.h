// Table 1's pattern: training first at a learning rate and a low precision, then finishing in
// full precision, helps at a low learning rate (low precision explores like a high learning
// rate) but not at a high one. Low precision against full precision in phase 1, over seeds.
#pragma once

#include <string>

#include "common/tier_budget.h"
#include "papers/cyclic_precision_training/experiment_scale.h"
#include "papers/cyclic_precision_training/image_data.h"
#include "papers/cyclic_precision_training/operation_count.h"

namespace repro {
class StudyContext;
}

namespace repro::cyclic_precision_training {

// Decides `<prefix>table1_low_precision_helps_at_low_lr` and
// `<prefix>table1_benefit_larger_at_low_lr` when scheduled, each through `budget`; adds the
// table and plot.
// Every run is a run unit (experiment_units.h); `operations` (the model's MACs per image) gives
// their cost estimates.
void run_learning_rate_precision(StudyContext& context, const ImageDataset& dataset,
                                 const ExperimentScale& scale, const ModelOperations& operations,
                           const std::string& prefix,
                                 const TierBudget& budget);

}  // namespace repro::cyclic_precision_training
