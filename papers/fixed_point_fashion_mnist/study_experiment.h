// The training experiment of the study: loads the data, trains every configuration the tier's
// plan asks for over its seeds, and decides the training claims.
#pragma once

namespace repro {
class StudyContext;
}

namespace repro::fixed_point_fashion_mnist {

// Smoke: trains on a few hundred real images (synthetic ones without the data set) to exercise
// the pipeline and its plots; decides no training claim. Reduced and full: real FashionMNIST
// only (without it, the runner has skipped the training claims and nothing is trained).
void run_experiment(StudyContext& context);

}  // namespace repro::fixed_point_fashion_mnist
