#include "common/training/result_codec.h"

#include <cmath>
#include <limits>
#include <string>

#include "base/errors.h"
#include "common/quantization/numerics_telemetry.h"

namespace repro::training {

using nlohmann::json;

json double_to_json(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  return value;
}

double double_from_json(const json& value) {
  if (value.is_number()) return value.get<double>();
  if (value.is_string()) {
    const std::string text = value.get<std::string>();
    if (text == "nan") return std::numeric_limits<double>::quiet_NaN();
    if (text == "inf") return std::numeric_limits<double>::infinity();
    if (text == "-inf") return -std::numeric_limits<double>::infinity();
  }
  throw InputError("malformed number in a run unit: " + value.dump() + " (a number, \"nan\", \"inf\" or \"-inf\")");
}

json doubles_to_json(const std::vector<double>& values) {
  json array = json::array();
  for (double value : values) array.push_back(double_to_json(value));
  return array;
}

std::vector<double> doubles_from_json(const json& values) {
  if (!values.is_array()) throw InputError("malformed number list in a run unit: " + values.dump().substr(0, 80));
  std::vector<double> result;
  result.reserve(values.size());
  for (const json& value : values) result.push_back(double_from_json(value));
  return result;
}

json evaluation_result_to_json(const EvaluationResult& result) {
  std::string correct(result.correct_per_example.size(), '0');
  for (std::size_t i = 0; i < correct.size(); ++i) {
    if (result.correct_per_example[i]) correct[i] = '1';
  }
  return {{"accuracy", double_to_json(result.accuracy)},
          {"correct", result.correct},
          {"total", result.total},
          {"mean_loss", double_to_json(result.mean_loss)},
          {"correct_per_example", correct}};
}

EvaluationResult evaluation_result_from_json(const json& value) {
  return read_unit_json("evaluation", [&] {
    EvaluationResult result;
    result.accuracy = double_from_json(value.at("accuracy"));
    result.correct = value.at("correct").get<std::int64_t>();
    result.total = value.at("total").get<std::int64_t>();
    result.mean_loss = double_from_json(value.at("mean_loss"));
    const std::string correct = value.at("correct_per_example").get<std::string>();
    result.correct_per_example.reserve(correct.size());
    for (char bit : correct) {
      if (bit != '0' && bit != '1') throw InputError("malformed evaluation in a run unit: correct_per_example holds '" + std::string(1, bit) + "'");
      result.correct_per_example.push_back(bit == '1' ? 1 : 0);
    }
    return result;
  });
}

json training_history_to_json(const TrainingHistory& history) {
  json evaluations = json::array();
  for (const EvaluationRecord& record : history.evaluations) {
    evaluations.push_back({{"iteration", record.iteration},
                           {"epoch", record.epoch},
                           {"result", evaluation_result_to_json(record.result)}});
  }
  return {{"run_name", history.run_name},
          {"losses", doubles_to_json(history.losses)},
          {"evaluations", evaluations},
          {"final_evaluation", history.final_evaluation ? evaluation_result_to_json(*history.final_evaluation)
                                                         : json(nullptr)},
          {"iterations_completed", history.iterations_completed},
          {"epochs_completed", history.epochs_completed},
          {"skipped_steps", history.skipped_steps},
          {"wall_duration_ms", double_to_json(history.wall_duration_ms)},
          {"training_duration_ms", double_to_json(history.training_duration_ms)},
          {"diverged", history.diverged},
          {"divergence_iteration", history.divergence_iteration ? json(*history.divergence_iteration) : json(nullptr)},
          {"divergence_reason", history.divergence_reason},
          {"numerics", quantization::period_counts_to_json(history.numerics)}};
}

TrainingHistory training_history_from_json(const json& value) {
  return read_unit_json("training history", [&] {
    TrainingHistory history;
    history.run_name = value.at("run_name").get<std::string>();
    history.losses = doubles_from_json(value.at("losses"));
    for (const json& record : value.at("evaluations")) {
      history.evaluations.push_back({record.at("iteration").get<std::int64_t>(), record.at("epoch").get<std::int64_t>(),
                                     evaluation_result_from_json(record.at("result"))});
    }
    if (!value.at("final_evaluation").is_null()) {
      history.final_evaluation = evaluation_result_from_json(value.at("final_evaluation"));
    }
    history.iterations_completed = value.at("iterations_completed").get<std::int64_t>();
    history.epochs_completed = value.at("epochs_completed").get<std::int64_t>();
    history.skipped_steps = value.at("skipped_steps").get<std::int64_t>();
    history.wall_duration_ms = double_from_json(value.at("wall_duration_ms"));
    history.training_duration_ms = double_from_json(value.at("training_duration_ms"));
    history.diverged = value.at("diverged").get<bool>();
    if (!value.at("divergence_iteration").is_null()) {
      history.divergence_iteration = value.at("divergence_iteration").get<std::int64_t>();
    }
    history.divergence_reason = value.at("divergence_reason").get<std::string>();
    history.numerics = quantization::period_counts_from_json_array(value.at("numerics"));
    return history;
  });
}

json step_timing_to_json(const StepTiming& timing) {
  return {{"samples_ms", doubles_to_json(timing.samples_ms)}, {"clock", timing.clock}};
}

StepTiming step_timing_from_json(const json& value) {
  return read_unit_json("step timing", [&] {
    StepTiming timing;
    timing.samples_ms = doubles_from_json(value.at("samples_ms"));
    timing.clock = value.at("clock").get<std::string>();
    timing.summary_ms = stats::summarize_timings(timing.samples_ms);
    return timing;
  });
}

}  // namespace repro::training
