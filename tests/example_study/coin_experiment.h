// The study's one experiment: flip the tier's coins, seed by seed (each a run unit), and decide
// `heads_share_is_half` on the pooled flips; record the check `every_flip_counted`.
#pragma once

namespace repro {
class StudyContext;
}

namespace repro::example_study {

// Does nothing when neither the claim nor the check is scheduled.
void run_coin_experiment(StudyContext& context);

}  // namespace repro::example_study
