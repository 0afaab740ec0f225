// The ids of this study's claims and checks, each declared once: common/claim_id.h.
#pragma once

#include "common/claim_id.h"

namespace repro::dogs_vs_cats {

// Audit of the printed numbers (Tables 2-5, the text, the released logs), per model.
inline constexpr ClaimId kTable3Vgg16DiscordantTotal{"table3_vgg16_discordant_total"};
inline constexpr ClaimId kTable3Vgg16MatchesReleasedLogs{"table3_vgg16_matches_released_logs"};
inline constexpr ClaimId kTable2Vgg16DifferenceFitsTable3{"table2_vgg16_difference_fits_table3"};
inline constexpr ClaimId kTable2Vgg16MatchesReleasedLogs{"table2_vgg16_matches_released_logs"};
inline constexpr ClaimId kTable4Vgg16PercentFollows{"table4_vgg16_percent_follows"};
inline constexpr ClaimId kTable5Vgg16PercentFollows{"table5_vgg16_percent_follows"};
inline constexpr ClaimId kTextVgg16InferenceSavingFollows{"text_vgg16_inference_saving_follows"};
inline constexpr ClaimId kTable3Inceptionv3DiscordantTotal{"table3_inceptionv3_discordant_total"};
inline constexpr ClaimId kTable3Inceptionv3MatchesReleasedLogs{"table3_inceptionv3_matches_released_logs"};
inline constexpr ClaimId kTable2Inceptionv3DifferenceFitsTable3{"table2_inceptionv3_difference_fits_table3"};
inline constexpr ClaimId kTable2Inceptionv3MatchesReleasedLogs{"table2_inceptionv3_matches_released_logs"};
inline constexpr ClaimId kTable4Inceptionv3PercentFollows{"table4_inceptionv3_percent_follows"};
inline constexpr ClaimId kTable5Inceptionv3PercentFollows{"table5_inceptionv3_percent_follows"};
inline constexpr ClaimId kTextInceptionv3InferenceSavingFollows{"text_inceptionv3_inference_saving_follows"};
inline constexpr ClaimId kTable3Resnet152v2DiscordantTotal{"table3_resnet152v2_discordant_total"};
inline constexpr ClaimId kTable3Resnet152v2MatchesReleasedLogs{"table3_resnet152v2_matches_released_logs"};
inline constexpr ClaimId kTable2Resnet152v2DifferenceFitsTable3{"table2_resnet152v2_difference_fits_table3"};
inline constexpr ClaimId kTable2Resnet152v2MatchesReleasedLogs{"table2_resnet152v2_matches_released_logs"};
inline constexpr ClaimId kTable4Resnet152v2PercentFollows{"table4_resnet152v2_percent_follows"};
inline constexpr ClaimId kTable5Resnet152v2PercentFollows{"table5_resnet152v2_percent_follows"};
inline constexpr ClaimId kTextResnet152v2InferenceSavingFollows{"text_resnet152v2_inference_saving_follows"};
// Audit: the Conclusion against the tables it summarizes.
inline constexpr ClaimId kConclusionTrainingRangeFollowsTable4{"conclusion_training_range_follows_table4"};
inline constexpr ClaimId kConclusionInferenceRangeFollowsTable5{"conclusion_inference_range_follows_table5"};
inline constexpr ClaimId kConclusionLargestGainFollowsTables{"conclusion_largest_gain_follows_tables"};

// Measured per model: reduced (CPU), then full (GPU).
inline constexpr ClaimId kReducedVgg16NoSignificantDifference{"reduced_vgg16_no_significant_difference"};
inline constexpr ClaimId kFullVgg16TrainingFasterMixed{"full_vgg16_training_faster_mixed"};
inline constexpr ClaimId kFullVgg16InferenceFasterMixed{"full_vgg16_inference_faster_mixed"};
inline constexpr ClaimId kFullVgg16TrainingRatioMatchesTable4{"full_vgg16_training_ratio_matches_table4"};
inline constexpr ClaimId kFullVgg16InferenceRatioMatchesTable5{"full_vgg16_inference_ratio_matches_table5"};
inline constexpr ClaimId kFullVgg16NoSignificantDifference{"full_vgg16_no_significant_difference"};
inline constexpr ClaimId kFullVgg16AccuracyMatchesTable2{"full_vgg16_accuracy_matches_table2"};
inline constexpr ClaimId kReducedInceptionv3NoSignificantDifference{"reduced_inceptionv3_no_significant_difference"};
inline constexpr ClaimId kFullInceptionv3TrainingFasterMixed{"full_inceptionv3_training_faster_mixed"};
inline constexpr ClaimId kFullInceptionv3InferenceFasterMixed{"full_inceptionv3_inference_faster_mixed"};
inline constexpr ClaimId kFullInceptionv3TrainingRatioMatchesTable4{"full_inceptionv3_training_ratio_matches_table4"};
inline constexpr ClaimId kFullInceptionv3InferenceRatioMatchesTable5{"full_inceptionv3_inference_ratio_matches_table5"};
inline constexpr ClaimId kFullInceptionv3NoSignificantDifference{"full_inceptionv3_no_significant_difference"};
inline constexpr ClaimId kFullInceptionv3AccuracyMatchesTable2{"full_inceptionv3_accuracy_matches_table2"};
inline constexpr ClaimId kReducedResnet152v2NoSignificantDifference{"reduced_resnet152v2_no_significant_difference"};
inline constexpr ClaimId kFullResnet152v2TrainingFasterMixed{"full_resnet152v2_training_faster_mixed"};
inline constexpr ClaimId kFullResnet152v2InferenceFasterMixed{"full_resnet152v2_inference_faster_mixed"};
inline constexpr ClaimId kFullResnet152v2TrainingRatioMatchesTable4{"full_resnet152v2_training_ratio_matches_table4"};
inline constexpr ClaimId kFullResnet152v2InferenceRatioMatchesTable5{"full_resnet152v2_inference_ratio_matches_table5"};
inline constexpr ClaimId kFullResnet152v2NoSignificantDifference{"full_resnet152v2_no_significant_difference"};
inline constexpr ClaimId kFullResnet152v2AccuracyMatchesTable2{"full_resnet152v2_accuracy_matches_table2"};
// Measured: the Conclusion on our own GPU timings.
inline constexpr ClaimId kConclusionSpeedupDependsOnModel{"conclusion_speedup_depends_on_model"};

// Mechanics checks, per model.
inline constexpr CheckId kSmokeVgg16Mechanics{"smoke_vgg16_mechanics"};
inline constexpr CheckId kReducedVgg16BothLearn{"reduced_vgg16_both_learn"};
inline constexpr CheckId kSmokeInceptionv3Mechanics{"smoke_inceptionv3_mechanics"};
inline constexpr CheckId kReducedInceptionv3BothLearn{"reduced_inceptionv3_both_learn"};
inline constexpr CheckId kSmokeResnet152v2Mechanics{"smoke_resnet152v2_mechanics"};
inline constexpr CheckId kReducedResnet152v2BothLearn{"reduced_resnet152v2_both_learn"};

// One model's claims and checks (the families table3_<model>_discordant_total, ...,
// reduced_<model>_both_learn): the study's code takes a model's ids from here, never builds them.
struct ModelIds {
  const char* model;  // as in kModels (published_audit.h)
  // Audit of the printed numbers.
  ClaimId table3_discordant_total;
  ClaimId table3_matches_released_logs;
  ClaimId table2_difference_fits_table3;
  ClaimId table2_matches_released_logs;
  ClaimId table4_percent_follows;
  ClaimId table5_percent_follows;
  ClaimId text_inference_saving_follows;
  // Measured: reduced tier.
  ClaimId reduced_no_significant_difference;
  // Measured: full tier (GPU).
  ClaimId full_training_faster_mixed;
  ClaimId full_inference_faster_mixed;
  ClaimId full_training_ratio_matches_table4;
  ClaimId full_inference_ratio_matches_table5;
  ClaimId full_no_significant_difference;
  ClaimId full_accuracy_matches_table2;
  // Mechanics checks.
  CheckId smoke_mechanics;
  CheckId reduced_both_learn;
};

inline constexpr ModelIds kVgg16Ids{
    "vgg16",
    kTable3Vgg16DiscordantTotal, kTable3Vgg16MatchesReleasedLogs, kTable2Vgg16DifferenceFitsTable3,
    kTable2Vgg16MatchesReleasedLogs, kTable4Vgg16PercentFollows, kTable5Vgg16PercentFollows,
    kTextVgg16InferenceSavingFollows,
    kReducedVgg16NoSignificantDifference,
    kFullVgg16TrainingFasterMixed, kFullVgg16InferenceFasterMixed,
    kFullVgg16TrainingRatioMatchesTable4, kFullVgg16InferenceRatioMatchesTable5,
    kFullVgg16NoSignificantDifference, kFullVgg16AccuracyMatchesTable2,
    kSmokeVgg16Mechanics, kReducedVgg16BothLearn};
inline constexpr ModelIds kInceptionv3Ids{
    "inceptionv3",
    kTable3Inceptionv3DiscordantTotal, kTable3Inceptionv3MatchesReleasedLogs, kTable2Inceptionv3DifferenceFitsTable3,
    kTable2Inceptionv3MatchesReleasedLogs, kTable4Inceptionv3PercentFollows, kTable5Inceptionv3PercentFollows,
    kTextInceptionv3InferenceSavingFollows,
    kReducedInceptionv3NoSignificantDifference,
    kFullInceptionv3TrainingFasterMixed, kFullInceptionv3InferenceFasterMixed,
    kFullInceptionv3TrainingRatioMatchesTable4, kFullInceptionv3InferenceRatioMatchesTable5,
    kFullInceptionv3NoSignificantDifference, kFullInceptionv3AccuracyMatchesTable2,
    kSmokeInceptionv3Mechanics, kReducedInceptionv3BothLearn};
inline constexpr ModelIds kResnet152v2Ids{
    "resnet152v2",
    kTable3Resnet152v2DiscordantTotal, kTable3Resnet152v2MatchesReleasedLogs, kTable2Resnet152v2DifferenceFitsTable3,
    kTable2Resnet152v2MatchesReleasedLogs, kTable4Resnet152v2PercentFollows, kTable5Resnet152v2PercentFollows,
    kTextResnet152v2InferenceSavingFollows,
    kReducedResnet152v2NoSignificantDifference,
    kFullResnet152v2TrainingFasterMixed, kFullResnet152v2InferenceFasterMixed,
    kFullResnet152v2TrainingRatioMatchesTable4, kFullResnet152v2InferenceRatioMatchesTable5,
    kFullResnet152v2NoSignificantDifference, kFullResnet152v2AccuracyMatchesTable2,
    kSmokeResnet152v2Mechanics, kReducedResnet152v2BothLearn};

// Every model's ids, in the order of kModels (published_audit.h).
inline constexpr ModelIds kModelIds[] = {kVgg16Ids, kInceptionv3Ids, kResnet152v2Ids};

}  // namespace repro::dogs_vs_cats
