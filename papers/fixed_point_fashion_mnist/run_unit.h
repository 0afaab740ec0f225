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

// The estimated wall time of training `configuration` on `data` on this machine's CPU, two
// trainings at a time on 2 cores (the study's worker threads): epochs × (images × 1.0e-4 s +
// mini-batches × 1.9e-3 s). Calibration: the full tier's first runs on 2026-12-03 (commit e413d7a,
// 60,000 images, batch 32, 5 epochs: 44-52 s each). `repro plan` shows it beside the measured
// seconds of finished units.
double estimated_run_seconds(const Configuration& configuration, const FashionData& data);

// A well-formed result of no meaning for a plan or shard pass (common/run_units.h): accuracy
// stand_in_fraction(key) at every epoch, no numerics.
RunResult stand_in_run_result(const UnitKey& key, const Configuration& configuration, const FashionData& data,
                              std::uint64_t seed);

}  // namespace repro::fixed_point_fashion_mnist
