// A training run as a resumable run unit (common/run_units.h): its key (configuration, seed and
// every setting that changes the result) and its result as JSON, losslessly (raw counts, doubles
// printed to round-trip), so that a reused unit gives bit-identical claims.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "common/run_units.h"
#include "papers/fixed_point_fashion_mnist/fashion_data.h"
#include "papers/fixed_point_fashion_mnist/training_run.h"

namespace repro::fixed_point_fashion_mnist {

// The unit of training `configuration` on `data` with `seed` at `tier` on `device` ("cpu",
// "cuda:0": results differ between devices), experiment "training".
UnitKey run_unit_key(Tier tier, const Configuration& configuration, const FashionData& data, std::uint64_t seed,
                     const std::string& device);

nlohmann::json run_result_to_json(const RunResult& result);
// Throws InputError naming the field for a malformed unit.
RunResult run_result_from_json(const nlohmann::json& value);

}  // namespace repro::fixed_point_fashion_mnist
