// Lossless JSON for the harness's results, for run units (common/run_units.h): a unit read back
// gives the study exactly what the training or measurement returned, so a resumed or sharded run
// decides as an uninterrupted one. Doubles are written to round-trip (nlohmann prints 17
// significant digits); non-finite ones, which JSON cannot hold, as the strings "nan", "inf" and
// "-inf" (a diverged run's losses). Readers throw repro::InputError naming the field.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/errors.h"

#include "common/training/classifier_training.h"
#include "common/training/step_timer.h"

namespace repro::training {

// Runs `read` (a reader of a unit's JSON), turning nlohmann's errors into an InputError
// "malformed <what> in a run unit: ...".
template <typename Read>
auto read_unit_json(const std::string& what, Read&& read) -> decltype(read()) {
  try {
    return read();
  } catch (const nlohmann::json::exception& error) {
    throw InputError("malformed " + what + " in a run unit: " + error.what());
  }
}

nlohmann::json double_to_json(double value);
double double_from_json(const nlohmann::json& value);
nlohmann::json doubles_to_json(const std::vector<double>& values);
std::vector<double> doubles_from_json(const nlohmann::json& values);

// correct_per_example as one string of '0' and '1', one character per example.
nlohmann::json evaluation_result_to_json(const EvaluationResult& result);
EvaluationResult evaluation_result_from_json(const nlohmann::json& value);

// Every field, numerics periods included (period_counts_to_json).
nlohmann::json training_history_to_json(const TrainingHistory& history);
TrainingHistory training_history_from_json(const nlohmann::json& value);

// The samples and the clock; the summary is recomputed from the samples (stats::summarize_timings
// is deterministic), so it equals the measured one.
nlohmann::json step_timing_to_json(const StepTiming& timing);
StepTiming step_timing_from_json(const nlohmann::json& value);

}  // namespace repro::training
