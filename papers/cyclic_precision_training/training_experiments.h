// The training half of the study: the precision range test, CPT against static precision and
// Table 1's learning-rate pattern, on the data set and at the scale of the run's tier.
#pragma once

namespace repro {
class StudyContext;
}

namespace repro::cyclic_precision_training {

// Smoke tier: synthetic images (the check `smoke_cpt_trains_with_fewer_bitops` and the tables);
// reduced tier: FashionMNIST (claims `reduced_*`); full tier: CIFAR-100 with ResNet-74 (claims
// `full_*`, on a GPU). Every training is a run unit (experiment_units.h). Does nothing when no
// training claim or check of the tier is scheduled.
void run_training_experiments(StudyContext& context);

}  // namespace repro::cyclic_precision_training
