// One training run of the study: a configuration (FP32 or fixed-point role formats), its
// hyperparameters and a seed, trained with Adam and evaluated on the test set after every epoch.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <torch/types.h>

#include "common/quantization/numerics_telemetry.h"
#include "papers/fixed_point_fashion_mnist/fashion_data.h"
#include "papers/fixed_point_fashion_mnist/configuration.h"

namespace repro::fixed_point_fashion_mnist {

struct RunResult {
  std::string configuration;
  std::uint64_t seed = 0;
  std::int64_t test_correct = 0;   // after the last epoch
  std::int64_t test_total = 0;
  std::vector<double> epoch_test_accuracy;  // after each epoch, in [0, 1]
  std::vector<double> epoch_train_loss;     // mean training loss of each epoch
  bool diverged = false;
  std::string divergence_reason;
  double duration_ms = 0.0;
  nlohmann::json policy;  // the precision policy trained (PrecisionPolicy::to_json)
  // Numerical-health telemetry per epoch (empty for FP32: nothing is quantized).
  std::vector<quantization::NumericsPeriod> numerics;

  double accuracy() const {
    return test_total > 0 ? static_cast<double>(test_correct) / test_total : 0.0;
  }
};

// Trains `configuration` from the initial weights drawn for `seed` (the same for every
// configuration) on data.train_*, shuffled by `seed`, and evaluates on data.test_* after every
// epoch. Under the default reading, parameters are stored in their formats after every Adam step
// (and once at the start); configuration.reading chooses another reading of the slides' flow.
// Quantized runs record their numerical health (RunResult::numerics).
// Thread-safe: runs may train concurrently (model construction is serialized).
RunResult train_configuration(const Configuration& configuration, const FashionData& data,
                              std::uint64_t seed, const torch::Device& device);

}  // namespace repro::fixed_point_fashion_mnist
