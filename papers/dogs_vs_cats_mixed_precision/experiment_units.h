// The study's trainings and timings as run units (common/run_units.h): a single-vs-mixed pair
// (train_single_and_mixed) and a speed measurement (measure_speed) are one unit each, keyed by
// everything that changes their result, so `repro run` resumes them, `repro plan` lists them and
// `repro run --shard K/N` shares them out. Results are stored losslessly (common/training/
// result_codec.h): a reused pair gives the same contingency table and McNemar test; a reused
// timing gives the measured samples (a timing is a measurement: recomputing it gives other samples).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "common/run_units.h"
#include "papers/dogs_vs_cats_mixed_precision/experiments.h"

namespace repro::dogs_vs_cats {

// The pair's unit: experiment "accuracy", configuration network.describe(); the key holds the
// network spec (a weight file by its SHA-256, not its path), the training options, the device and
// a SHA-256 of the images and labels (so shards on machines with the data elsewhere agree).
UnitKey pair_unit_key(Tier tier, const NetworkSpec& network, const ImageSet& data, const PairOptions& options);
// The timing's unit: experiment "speed"; on CUDA the key names the GPU model (timings of another
// GPU are not reused).
UnitKey speed_unit_key(Tier tier, const NetworkSpec& network, const SpeedOptions& options);

nlohmann::json pair_result_to_json(const PairResult& result);
PairResult pair_result_from_json(const nlohmann::json& value);  // InputError naming the field
nlohmann::json speed_result_to_json(const SpeedResult& result);
SpeedResult speed_result_from_json(const nlohmann::json& value);

// Estimated wall seconds (`repro plan`): image passes × the network's multiply-accumulates per
// image × seconds per multiply-accumulate on the device (see experiment_units.cpp for the
// calibration on this machine's CPU and the written prediction for a GPU).
double estimated_pair_seconds(const NetworkSpec& network, const ImageSet& data, const PairOptions& options);
double estimated_speed_seconds(const NetworkSpec& network, const SpeedOptions& options);

// The unit's result: reused from OUT when finished, else computed (or stood in for by a plan or
// shard pass) through `units`.
PairResult obtain_pair(const UnitStore& units, Tier tier, const NetworkSpec& network, const ImageSet& data,
                       const PairOptions& options);
SpeedResult obtain_speed(const UnitStore& units, Tier tier, const NetworkSpec& network, const SpeedOptions& options);

}  // namespace repro::dogs_vs_cats
