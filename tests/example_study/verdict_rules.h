// The study's verdict rule: a pure function of measured numbers (common/comparison_decision.h).
#pragma once

#include <cstdint>

#include "common/claim.h"

namespace repro::example_study {

inline constexpr const char* kHeadsShareRule = "example_study.heads_share";

// The heads share of `heads` of `flips` (Wilson 95% interval, in percent) against
// `published_percent` ± `margin_points`. REQUIRES: 0 <= heads <= flips, flips > 0.
Decision heads_share_rule(std::int64_t heads, std::int64_t flips, double published_percent, double margin_points);

}  // namespace repro::example_study
