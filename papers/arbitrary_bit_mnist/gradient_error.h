// The slides' error analysis, its second half: "forward propagation dominates the sensitivity" and
// "the back-propagation error is of order ε²". Tested on the weight gradient of one training step
// of a dense network (inputs → ReLU hidden layer → softmax, cross entropy, no biases), computed
// exactly (double) and with N-bit truncating arithmetic (mask:N after every operation, operands
// stored in N bits) in one pass only:
//   forward-only error  = ||g(forward N-bit, backward exact) − g|| / ||g||
//   backward-only error = ||g(forward exact, backward N-bit) − g|| / ||g||
// (g: both layers' weight gradients, Frobenius norm). The order of an error in ε = 2^-(N-9) is the
// slope of log2(mean error) against log2(ε) over the bit sizes. README "Error analysis" gives
// this reading of the slide.
#pragma once

#include <cstdint>
#include <vector>

namespace repro {
class StudyContext;
}

namespace repro::arbitrary_bit_mnist {

struct GradientErrorOptions {
  std::vector<int> bits{16, 18, 20, 22, 24, 26};  // REQUIRES: each in 10..31, at least 3
  int inputs = 784;   // an MNIST image's pixels, drawn U(0, 1)
  int hidden = 100;   // the slides' dense layer
  int classes = 10;
  double weight_std = 0.1;  // N(0, std²) truncated to ±2 std: the CNN's initialization (bit_network.h)
  int trials = 40;          // independent draws of (x, label, weights); REQUIRES: >= 2
  std::uint64_t seed = 0;
};

struct GradientErrorMeasurement {
  std::vector<int> bits;
  std::vector<double> epsilon;                      // 2^-(N-9) per bit size
  std::vector<std::vector<double>> forward_error;   // [bit size][trial]
  std::vector<std::vector<double>> backward_error;  // [bit size][trial]
};

// REQUIRES: options as above (else InputError).
GradientErrorMeasurement measure_gradient_error(const GradientErrorOptions& options);

// Least-squares slope of log2(mean error over trials) against log2(ε), with its 95% bootstrap
// percentile interval (trials resampled, the same indices at every bit size).
struct ErrorOrder {
  double slope = 0.0;
  double lower = 0.0, upper = 0.0;
};
ErrorOrder error_order(const std::vector<double>& epsilon, const std::vector<std::vector<double>>& error_by_trial,
                       std::uint64_t seed, int resamples = 1000);

// Decides claims kErrorAnalysisForwardDominates and kErrorAnalysisBackwardOrder (claim_ids.h)
// when scheduled; adds their plot and table.
void decide_gradient_error(StudyContext& context);

}  // namespace repro::arbitrary_bit_mnist
