// A run at N bits as a resumable run unit (common/run_units.h): the key (the whole RunConfig, the
// data's name and sizes), the result as lossless JSON, and train_unit_at_bits, which reuses a
// finished unit or trains and writes it.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "common/run_units.h"
#include "papers/arbitrary_bit_mnist/bit_training.h"

namespace repro::arbitrary_bit_mnist {

// Where a sweep's runs are units. store null: every run trains and nothing is written.
struct BitRunUnits {
  const UnitStore* store = nullptr;
  Tier tier = Tier::smoke;
  std::string data;  // what the runs train on, e.g. "MNIST" (checksummed) or "synthetic seed 42"
};

UnitKey bit_run_unit_key(const BitRunUnits& units, const std::string& experiment, const RunConfig& config,
                         const MnistTensors& data);
nlohmann::json bit_run_result_to_json(const RunResult& result);
// Throws InputError for a malformed unit.
RunResult bit_run_result_from_json(const nlohmann::json& value);

// Calibration of estimated_bit_run_seconds on this machine (2 cores, one training at a time): a
// fixed cost per layer and mini-batch step (LibTorch's per-operation overhead dominates these small
// models) and a cost per multiply-accumulate, solved from the reduced tier's two kinds of unit
// measured on 2026-12-03: logistic regression, 1,000 steps of 100 images, 1.37 s (mean of 66);
// the CNN (4 and 8 channels, 100 dense units), 138 steps of 128 images and 17,000 evaluated
// images, 4.27 s (mean of 35).
inline constexpr double kStepSecondsPerLayer = 9.0e-4;
inline constexpr double kSecondsPerMac = 2.0e-10;
// Wider convolutions use the CPU better: papers/arbitrary_bit_mnist/bench/bit_cnn_step_benchmark
// (2026-12-03, one thread, batch 128): 23.6 ms a step at 4 and 8 channels (the formula above:
// 24.7 ms) and 192 ms at the full tier's 32 and 64 (10.98 M forward MACs an image): 4.47e-11 s per
// MAC after the per-layer cost. Between 4 and 32 first-layer channels the cost per MAC is
// interpolated log-linearly in the channel count; beyond, the end values hold.
inline constexpr double kSecondsPerMacAt32Channels = 4.47e-11;

// The cost per multiply-accumulate of a network whose first convolution has `first_channels`.
double seconds_per_mac(int first_channels);

// The estimated wall time of `config` on `data`: iterations × (per-layer step cost + 3 × forward
// MACs × batch × cost per MAC) + the evaluations' forward MACs.
double estimated_bit_run_seconds(const RunConfig& config, const MnistTensors& data);

// A well-formed result of no meaning for a plan or shard pass (common/run_units.h): a curve rising
// to stand_in_fraction(key) at the configuration's evaluation points, no numerics.
RunResult stand_in_bit_run_result(const UnitKey& key, const RunConfig& config);

// train_at_bits(config, data), or the finished unit of the same key (units.store).
RunResult train_unit_at_bits(const BitRunUnits& units, const std::string& experiment, const RunConfig& config,
                             const MnistTensors& data);

}  // namespace repro::arbitrary_bit_mnist
