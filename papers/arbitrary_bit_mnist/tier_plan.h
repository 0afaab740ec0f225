// How much each tier trains: the sizes of every sweep (README.md gives the reasons).
#pragma once

#include <cstdint>
#include <vector>

#include "common/tier.h"
#include "common/tier_budget.h"
#include "papers/arbitrary_bit_mnist/bit_network.h"

namespace repro::arbitrary_bit_mnist {

inline constexpr std::int64_t kMnistTrainImages = 60000;  // the MNIST training split the slides train on

struct LogisticPlan {
  std::vector<int> bits;
  int trials = 1;                     // per bit size (the slides: 30)
  std::int64_t train_images = 60000;
  std::int64_t test_images = 10000;
  std::int64_t iterations = 1000;     // "accuracy after 1,000 iterations": SGD steps of `batch`
  std::int64_t batch_size = 100;
  double learning_rate = 0.5;
};

struct CnnPlan {
  std::vector<int> bits;              // truncation, weights and biases truncated
  std::vector<int> stochastic_bits;   // also run with stochastic rounding (paired seeds)
  std::vector<int> activation_bits;   // also run with activations truncated (32 is shared)
  int seeds = 1;
  std::int64_t train_images = 60000;
  std::int64_t test_images = 10000;
  std::int64_t evaluation_images = 10000;  // test images at the intermediate evaluations
  std::int64_t epochs = 50;                // "iterations" of the slides: passes over the data
  std::int64_t evaluations_per_epoch = 1;
  std::int64_t batch_size = 128;
  double learning_rate = 0.05;
  double target_accuracy = 0.95;      // "converged" when comparing roundings: accuracy reaches this
  NetworkShape shape;
};

// The slides' architecture sweeps (full tier only).
struct ArchitecturePlan {
  bool run = false;
  int seeds = 3;
  std::vector<int> dense_layers{1, 2, 3, 4, 5};
  std::vector<int> dense_layer_bits{12, 32};
  std::vector<int> dense_units{160, 130, 110, 100, 90, 70, 40};
  std::vector<int> dense_unit_bits{14, 15, 16, 18, 32};
  std::vector<std::int64_t> batch_sizes{32, 64, 128, 256, 512};
  std::vector<double> initial_weight_stds{0.01, 0.1, 0.3};
  std::vector<int> initial_weight_bits{16, 20};
  std::vector<int> conv_layers{1, 2, 3, 4, 5};
  std::vector<int> conv_layer_bits{12, 14, 16, 18, 20, 32};
};

struct TierPlan {
  LogisticPlan logistic;
  CnnPlan cnn;
  ArchitecturePlan architecture;
  bool synthetic_data = false;  // smoke without MNIST: machinery only
};

// REQUIRES: tier is smoke, reduced or full.
TierPlan plan_for(Tier tier, bool mnist_available);

// Whether a plan trains the slides' budget. The CNN: `slides_epochs` passes over all
// `slides_images` training images (50 × 60,000); below it every CNN claim is inconclusive
// (TierBudget::limit). The logistic sweep: `slides_iterations` SGD steps per trial (1,000); fewer
// trials than the slides' 30 only widen the interval, so trials do not enter the budget.
TierBudget cnn_budget(const CnnPlan& plan, std::int64_t slides_epochs, std::int64_t slides_images);
TierBudget logistic_budget(const LogisticPlan& plan, std::int64_t slides_iterations);

}  // namespace repro::arbitrary_bit_mnist
