// One training run at N bits: plain mini-batch SGD whose weights and biases are stored at N bits
// after every batch (the slides' "truncation applied to the network after each batch"), and
// optionally activations too. The loop, batching, shuffling, evaluations and divergence checks
// are common/training's train_classifier; this file adds only the study's precision handling
// (the N-bit store in the on_iteration_end hook, the stochastic-rounding iteration in
// on_iteration_start) and the accuracy curve the sweeps read.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/quantization/numerics_telemetry.h"
#include "papers/arbitrary_bit_mnist/bit_formats.h"
#include "papers/arbitrary_bit_mnist/bit_network.h"
#include "papers/arbitrary_bit_mnist/mnist_tensors.h"

namespace repro {
class StudyContext;
}

namespace repro::arbitrary_bit_mnist {

// What is held at N bits (the slides do not say; README.md).
enum class Truncated {
  parameters,              // weights and biases, stored at N bits after every update
  parameters_and_activations,  // and every layer's output in the forward pass
};
std::string to_string(Truncated truncated);

struct RunConfig {
  NetworkShape shape;
  int bits = 32;
  BitRounding rounding = BitRounding::truncation;
  Truncated truncated = Truncated::parameters;
  double learning_rate = 0.05;
  std::int64_t batch_size = 128;
  std::int64_t iterations = 1000;          // mini-batch updates in all
  std::int64_t evaluate_every = 0;         // iterations between evaluations; 0: only at the end
  std::int64_t evaluation_images = 10000;  // the curve's test images: the first n of the test set
  std::uint64_t seed = 0;                  // initial weights, batch order, stochastic rounding
};

// The curve has one point per scheduled evaluation: after every `evaluate_every`-th iteration
// and after the last one. A run that diverged keeps, from the divergence on, the final accuracy
// of the broken network at every remaining scheduled point.
struct RunResult {
  std::vector<double> epochs;    // data passes completed at each evaluation
  std::vector<double> accuracy;  // accuracy on the first evaluation_images test images
  double final_accuracy = 0.0;   // on the whole test set given, after the last iteration
  bool diverged = false;         // a non-finite loss or parameter stopped the run
  std::string divergence_reason;  // the harness's, e.g. "loss is nan"; empty when not diverged
  double duration_seconds = 0.0;
  // Numerical-health telemetry, one period per epoch and per scheduled evaluation (every
  // parameter counted under role weights; activations, when truncated, under activations).
  std::vector<quantization::NumericsPeriod> numerics;
};

// Batches are drawn without replacement, a fresh permutation per data pass (the harness's, from
// `seed` and the pass), the ragged tail of a pass dropped.
// REQUIRES: data loaded; iterations > 0; evaluate_every >= 0; evaluation_images > 0;
// 0 < batch_size <= training images (else repro::InputError naming the setting).
RunResult train_at_bits(const RunConfig& config, const MnistTensors& data);

// Reports the numerics of a sweep's runs (training::report_numerics): configurations
// "<label>, N bits, truncation" / "..., stochastic", runs "... seed i" for the i-th run of a width.
void report_bit_numerics(StudyContext& context, const std::string& label,
                         const std::map<int, std::vector<RunResult>>& truncation,
                         const std::map<int, std::vector<RunResult>>& stochastic);

}  // namespace repro::arbitrary_bit_mnist
