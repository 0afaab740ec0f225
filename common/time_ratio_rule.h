// Decisions on a time ratio (mode / single precision) measured as a ratio of medians with a
// conservative 95% interval (the medians' distribution-free ends): shared by the speed claims of
// every study, so each uses the same practical margin and the same "faster" rule.
#pragma once

#include <string>

#include "common/claim.h"
#include "common/comparison.h"

namespace repro {

// Practical margin of a time ratio, in ratio units: 0.10, stated before any GPU run. Papers print
// their times or ratios to a few digits (half a unit of that is far below 0.10), but a speed-up
// depends on the GPU generation, its driver and the framework: within 0.10 of the published ratio
// counts as the same speed-up; a ratio 0.10 or more away is a different one.
inline constexpr double kTimeRatioMargin = 0.10;
Margin time_ratio_margin();

// "The mode is faster": 1 − ratio against [0, +inf) (direction). Reproduced when the whole
// interval of the ratio lies below 1, not reproduced when it lies above 1, else inconclusive; the
// detectable effect is 2.80 x the standard error behind the ratio's interval.
// REQUIRES: ratio.interval.lower <= ratio.value <= ratio.interval.upper (else repro::InputError).
Decision decide_faster(const std::string& rule_id, const std::string& quantity, const Estimate& ratio);

// Our ratio against published ± kTimeRatioMargin (agreement).
Decision decide_time_ratio_agreement(const std::string& rule_id, const std::string& quantity,
                                     double published_ratio, const Estimate& ratio);

}  // namespace repro
