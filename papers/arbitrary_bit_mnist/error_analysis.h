// The slides' error analysis: the forward error of N-bit arithmetic grows linearly with the
// dimensions of the weight matrices (S~ ≈ S − (Π MᵢNᵢWᵢ)(Σ 1/Wᵢ)·ε). Checked empirically on one
// dense unit: S = Σⱼ wⱼxⱼ over a width W, computed exactly and in N-bit truncating arithmetic.
#pragma once

#include <cstdint>
#include <vector>

namespace repro {
class StudyContext;
}

namespace repro::arbitrary_bit_mnist {

enum class Summation {
  sequential,  // s_k = trunc(s_{k-1} + trunc(w_k x_k)): a dot product's usual loop
  pairwise,    // a balanced tree of truncated additions
};

struct ForwardErrorOptions {
  int bits = 20;                     // REQUIRES: 9..31
  std::vector<int> widths{8, 16, 32, 64, 128, 256, 512};
  int trials = 200;                  // random (w, x) draws per width
  bool signed_operands = false;      // w, x ~ U(-1, 1) instead of U(0, 1)
  Summation summation = Summation::sequential;
  std::uint64_t seed = 0;
};

// Mean relative forward error (S - S~) / |S| per width, and per trial (for bootstrapping).
struct ForwardErrorMeasurement {
  std::vector<int> widths;
  std::vector<double> mean_relative_error;
  std::vector<std::vector<double>> relative_error_by_trial;  // [width][trial]
  std::vector<double> predicted_relative_error;             // predict_relative_error(bits, W)
};

ForwardErrorMeasurement measure_forward_error(const ForwardErrorOptions& options);

// The first-order prediction for positive operands and sequential summation: each truncation
// loses on average κ·ε of its value (ε = 2^-(N-9), κ = E[1/m]/2 = 1/(4 ln 2) for mantissas m
// spread log-uniformly over [1, 2)); the operands and the product contribute 3 such losses and
// partial sum s_k, of expected size (k / W)·S, one more, so (S - S~)/S ≈ κε(3 + (W + 1)/2 - 1/W):
// linear in W, the one-layer instance of the slides' formula.
double predict_relative_error(int bits, int width);

// Decides claim kErrorAnalysisLinear (claim_ids.h) when scheduled; adds its plot and table.
void decide_error_analysis(StudyContext& context);

}  // namespace repro::arbitrary_bit_mnist
