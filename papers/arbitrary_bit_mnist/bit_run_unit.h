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

// train_at_bits(config, data), or the finished unit of the same key (units.store).
RunResult train_unit_at_bits(const BitRunUnits& units, const std::string& experiment, const RunConfig& config,
                             const MnistTensors& data);

}  // namespace repro::arbitrary_bit_mnist
