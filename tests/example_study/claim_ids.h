// The ids of this study's claims and checks, each declared once: common/claim_id.h.
#pragma once

#include "common/claim_id.h"

namespace repro::example_study {

inline constexpr ClaimId kHeadsShareIsHalf{"heads_share_is_half"};
inline constexpr CheckId kEveryFlipCounted{"every_flip_counted"};

}  // namespace repro::example_study
