// CPT against static precision over seeds (Table 2's headline, Figure 5's accuracy against
// training GBitOPs), at the scale a tier gives.
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

// Trains static 8/8, CPT 3–8/8 (and progressive 3–8/8 when the scale asks) for scale.seeds
// seeds each, then decides `<prefix>cpt_not_worse_than_static` and
// `<prefix>cpt_better_than_static` (and, at full scale, `<prefix>table2_resnet74_cifar100_*`)
// when scheduled, each through `budget` (inconclusive below the paper's budget), and records the
// check `<prefix>cpt_trains_with_fewer_bitops`. Adds the per-seed table and the accuracy plot.
// Every run is a run unit (experiment_units.h); `operations` (the model's MACs per image) gives
// their cost estimates.
void run_cpt_versus_static(StudyContext& context, const ImageDataset& dataset,
                           const ExperimentScale& scale, const ModelOperations& operations,
                           const std::string& prefix,
                           const TierBudget& budget);

}  // namespace repro::cyclic_precision_training
