// The speed claims' rule (no LibTorch): a published time ratio (mode / single precision) against
// ours, agreement within ±kSpeedRatioMargin (speed_claims.h says why 0.10).
#pragma once

#include <string>

#include "common/claim.h"
#include "common/comparison.h"
#include "common/time_ratio_rule.h"

namespace repro::fp16_amp_ssd_resnet {

inline constexpr const char* kSpeedRatioRule = "fp16_amp_ssd_resnet.speed_ratio";
// Margin of a time ratio (mode / single precision): common/time_ratio_rule.h's 0.10 (the paper's
// ratios are printed to two decimals, ±0.005, far inside it). The claims compare with the paper's
// baseline: single precision with TF32 off (its GPUs had no TF32); the TF32 ratio is reported.
inline constexpr double kSpeedRatioMargin = kTimeRatioMargin;

// `ours`: the ratio of medians with its conservative interval (medians' distribution-free ends).
Decision speed_ratio_rule(const std::string& quantity, double published_ratio, const Estimate& ours);

}  // namespace repro::fp16_amp_ssd_resnet
