// The ids of this study's claims and checks, each declared once: common/claim_id.h.
#pragma once

#include "common/claim_id.h"

namespace repro::fixed_point_fashion_mnist {

// Audit of the published numbers (published_audit.cpp).
inline constexpr ClaimId kPublishedAccuraciesAreKOf32{"published_accuracies_are_k_of_32"};
inline constexpr ClaimId kClaimedDropIsFp32MinusOptimized{"claimed_drop_is_fp32_minus_optimized"};
inline constexpr ClaimId kPublishedDropIsSignificant{"published_drop_is_significant"};
inline constexpr ClaimId kAllParametersAt16Bits{"all_parameters_at_16_bits"};

// Headline training claims: accuracies, ordering, drop (headline_claims.cpp).
inline constexpr ClaimId kFp32AccuracyConsistent{"fp32_accuracy_consistent"};
inline constexpr ClaimId kBaselineAccuracyConsistent{"baseline_accuracy_consistent"};
inline constexpr ClaimId kOptimizedAccuracyConsistent{"optimized_accuracy_consistent"};
inline constexpr ClaimId kAccuracyOrdering{"accuracy_ordering"};
inline constexpr ClaimId kDropOf935Points{"drop_of_9_35_points"};

// Full-tier sweep findings (sweep_claims.cpp).
inline constexpr ClaimId kWeightsMatterMost{"weights_matter_most"};
inline constexpr ClaimId kSixteenBitWeightsRival32{"sixteen_bit_weights_rival_32"};
inline constexpr ClaimId kOtherRolesQuantizeDeeply{"other_roles_quantize_deeply"};
inline constexpr ClaimId kFractionalBitsDominate{"fractional_bits_dominate"};
inline constexpr ClaimId kSweepVariationIsNoise{"sweep_variation_is_noise"};

}  // namespace repro::fixed_point_fashion_mnist
