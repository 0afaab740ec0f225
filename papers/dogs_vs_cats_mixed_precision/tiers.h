// What each tier of the study runs (see README.md "Tiers").
#pragma once

#include <string>
#include <vector>

#include "papers/dogs_vs_cats_mixed_precision/experiments.h"

namespace repro {
class StudyContext;
}

namespace repro::dogs_vs_cats {

// smoke: tiny synthetic images through shrunk versions of the three networks, fp32 and mixed,
// the whole accuracy and speed path; records the checks smoke_<model>_mechanics.
void run_smoke_tier(StudyContext& context);
// reduced: the real images in <data-dir>/dogs-vs-cats/train at a reduced size, shrunk networks
// trained from scratch, fp32 vs amp-bf16; records reduced_<model>_both_learn and decides
// reduced_<model>_no_significant_difference, inconclusive by the tier's budget (TierBudget).
void run_reduced_tier(StudyContext& context);
// full (GPU): speed tables of the full networks at 224x224, batch 64; the accuracy protocol when
// the full data set and the user's weight files are present.
void run_full_tier(StudyContext& context);

// Tables 2-3 / 4-5 beside ours, recorded into the results (and the timings' samples).
void add_accuracy_table(StudyContext& context, const std::vector<PairResult>& pairs,
                        const std::string& scope);
void add_speed_table(StudyContext& context, const std::vector<SpeedResult>& speeds,
                     const std::string& scope);

// The mixed precision of a run on this device: amp-fp16 on CUDA, amp-bf16 on CPU.
training::PrecisionMode mixed_mode_for(const StudyContext& context);
torch::Device torch_device(const StudyContext& context);

}  // namespace repro::dogs_vs_cats
