// The ids of this study's claims and checks, each declared once: common/claim_id.h.
#pragma once

#include "common/claim_id.h"

namespace repro::fp16_amp_ssd_resnet {

// Audit of the published numbers (published_audit.cpp).
inline constexpr ClaimId kResnet18RatiosFollowFromTimes{"resnet18_ratios_follow_from_times"};
inline constexpr ClaimId kSsd300TimesAreHoursPerEpoch{"ssd300_times_are_hours_per_epoch"};
inline constexpr ClaimId kResnet18HalfModelSize{"resnet18_half_model_size"};
inline constexpr ClaimId kAbstractSingleMostAccurate{"abstract_single_most_accurate"};
inline constexpr ClaimId kConclusionHalfMoreAccurateThanSingle{"conclusion_half_more_accurate_than_single"};
inline constexpr ClaimId kConclusionAmpMoreAccurateThanHalf{"conclusion_amp_more_accurate_than_half"};
inline constexpr ClaimId kConclusionAmpSlowerThanHalf{"conclusion_amp_slower_than_half"};

// Smoke mechanics checks, not claims of the paper (smoke_checks.cpp).
inline constexpr CheckId kSmokeEveryModeTrainsBothModels{"smoke_every_mode_trains_both_models"};
inline constexpr CheckId kSmokeCheckpointResumeBitIdentical{"smoke_checkpoint_resume_bit_identical"};
inline constexpr CheckId kSmokeLossScalerSkipsOverflowingSteps{"smoke_loss_scaler_skips_overflowing_steps"};
inline constexpr CheckId kSmokeVoc07AveragePrecisionHandCases{"smoke_voc07_average_precision_hand_cases"};

// Speed ratios on a CUDA GPU, full tier (speed_claims.cpp).
inline constexpr ClaimId kResnet18HalfSpeedRatio{"resnet18_half_speed_ratio"};
inline constexpr ClaimId kResnet18AmpSpeedRatio{"resnet18_amp_speed_ratio"};
inline constexpr ClaimId kSsd300HalfSpeedRatio{"ssd300_half_speed_ratio"};
inline constexpr ClaimId kSsd300AmpSpeedRatio{"ssd300_amp_speed_ratio"};

// Accuracy, loss and mAP with the data sets, full tier (accuracy_claims.cpp).
inline constexpr ClaimId kResnet18AllModesAbout90Percent{"resnet18_all_modes_about_90_percent"};
inline constexpr ClaimId kResnet18HalfTestLossLowest{"resnet18_half_test_loss_lowest"};
inline constexpr ClaimId kSsd300AmpMap{"ssd300_amp_map"};
inline constexpr ClaimId kSsd300AmpLowestTestLoss{"ssd300_amp_lowest_test_loss"};
inline constexpr ClaimId kSsd300HalfLossBelowSingle{"ssd300_half_loss_below_single"};

}  // namespace repro::fp16_amp_ssd_resnet
