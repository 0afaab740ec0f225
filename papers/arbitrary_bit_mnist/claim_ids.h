// The ids of this study's claims and checks, each declared once: common/claim_id.h.
#pragma once

#include "common/claim_id.h"

namespace repro::arbitrary_bit_mnist {

// The slides' worked filter example and the error analysis (no training).
inline constexpr ClaimId kFilterExample{"filter_example"};
inline constexpr ClaimId kErrorAnalysisLinear{"error_analysis_linear"};
inline constexpr ClaimId kErrorAnalysisForwardDominates{"error_analysis_forward_dominates"};
inline constexpr ClaimId kErrorAnalysisBackwardOrder{"error_analysis_backward_order"};

// Logistic regression against bits.
inline constexpr ClaimId kLogisticAccuracyAgainstBits{"logistic_accuracy_against_bits"};

// The CNN against bits: inflection, convergence, stochastic rounding.
inline constexpr ClaimId kCnnInflection12Bits{"cnn_inflection_12_bits"};
inline constexpr ClaimId kCnnInflection12BitsActivations{"cnn_inflection_12_bits_activations"};
inline constexpr ClaimId kCnnConvergesOver95{"cnn_converges_over_95"};
inline constexpr ClaimId kStochasticRoundingFaster{"stochastic_rounding_faster"};
inline constexpr ClaimId kStochasticRoundingConvergesMore{"stochastic_rounding_converges_more"};

// The architecture sweeps (full tier only).
inline constexpr ClaimId kDenseLayersSlowConvergence{"dense_layers_slow_convergence"};
inline constexpr ClaimId kDenseUnitsHelpAt16Bits{"dense_units_help_at_16_bits"};
inline constexpr ClaimId kBatchSizeSpeedNotAccuracy{"batch_size_speed_not_accuracy"};
inline constexpr ClaimId kInitialWeightsMatter{"initial_weights_matter"};
inline constexpr ClaimId kInitialWeightsPositiveAbout80{"initial_weights_positive_about_80"};
inline constexpr ClaimId kConvLayersConvergence{"conv_layers_convergence"};

}  // namespace repro::arbitrary_bit_mnist
