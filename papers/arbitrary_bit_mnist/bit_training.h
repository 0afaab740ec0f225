// One training run at N bits: plain mini-batch SGD whose weights and biases are stored at N bits
// after every batch (the slides' "truncation applied to the network after each batch"), and
// optionally activations too. A minimal loop of its own (see README.md: it needs the store after
// every step and evaluations at fractions of an epoch on a test subset).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "papers/arbitrary_bit_mnist/bit_formats.h"
#include "papers/arbitrary_bit_mnist/bit_network.h"
#include "papers/arbitrary_bit_mnist/mnist_tensors.h"

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
  std::int64_t evaluation_images = 10000;  // the first n test images (the last evaluation: all)
  std::uint64_t seed = 0;                  // initial weights, batch order, stochastic rounding
};

struct RunResult {
  std::vector<double> epochs;    // data passes completed at each evaluation
  std::vector<double> accuracy;  // test accuracy at each evaluation
  double final_accuracy = 0.0;   // on the whole test set given, after the last iteration
  bool diverged = false;         // a non-finite loss stopped the run
  double duration_seconds = 0.0;
};

// REQUIRES: data loaded; iterations > 0; batch_size > 0.
RunResult train_at_bits(const RunConfig& config, const MnistTensors& data);

}  // namespace repro::arbitrary_bit_mnist
