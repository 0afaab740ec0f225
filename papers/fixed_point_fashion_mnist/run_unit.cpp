#include "papers/fixed_point_fashion_mnist/run_unit.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "base/errors.h"
#include "common/training/result_codec.h"
#include "kernels/rounding.h"

namespace repro::fixed_point_fashion_mnist {

UnitKey run_unit_key(Tier tier, const Configuration& configuration, const FashionData& data, std::uint64_t seed,
                     const std::string& device) {
  const FlowReading& reading = configuration.reading;
  return UnitKey{"fixed_point_fashion_mnist", tier, /*experiment=*/"training",
                 /*configuration=*/configuration.name, /*seed=*/seed,
                 {{"formats", configuration.formats ? describe(*configuration.formats) : "fp32"},
                  {"mode", quantization_mode_name(configuration.choice.mode)},
                  {"rounding", kernels::rounding_name(configuration.choice.rounding)},
                  {"reading", {{"parameters_stored_in_formats", reading.parameters_stored_in_formats},
                               {"quantize_errors", reading.quantize_errors},
                               {"quantize_weight_gradients", reading.quantize_weight_gradients},
                               {"summed_loss", reading.summed_loss},
                               {"standardized_inputs", reading.standardized_inputs}}},
                  {"epochs", configuration.epochs},
                  {"batch_size", configuration.batch_size},
                  {"learning_rate", configuration.learning_rate},
                  {"data", data.source},
                  {"train_images", data.train_images.size(0)},
                  {"test_images", data.test_images.size(0)},
                  {"device", device}}};
}

nlohmann::json run_result_to_json(const RunResult& result) {
  return {{"configuration", result.configuration},
          {"seed", result.seed},
          {"test_correct", result.test_correct},
          {"test_total", result.test_total},
          {"epoch_test_accuracy", result.epoch_test_accuracy},
          {"epoch_train_loss", training::doubles_to_json(result.epoch_train_loss)},  // NaN when diverged
          {"diverged", result.diverged},
          {"divergence_reason", result.divergence_reason},
          {"duration_ms", result.duration_ms},
          {"policy", result.policy},
          {"numerics", quantization::period_counts_to_json(result.numerics)}};
}

RunResult run_result_from_json(const nlohmann::json& value) {
  try {
    RunResult result;
    result.configuration = value.at("configuration").get<std::string>();
    result.seed = value.at("seed").get<std::uint64_t>();
    result.test_correct = value.at("test_correct").get<std::int64_t>();
    result.test_total = value.at("test_total").get<std::int64_t>();
    result.epoch_test_accuracy = value.at("epoch_test_accuracy").get<std::vector<double>>();
    result.epoch_train_loss = training::doubles_from_json(value.at("epoch_train_loss"));
    result.diverged = value.at("diverged").get<bool>();
    result.divergence_reason = value.at("divergence_reason").get<std::string>();
    result.duration_ms = value.at("duration_ms").get<double>();
    result.policy = value.at("policy");
    result.numerics = quantization::period_counts_from_json_array(value.at("numerics"));
    return result;
  } catch (const nlohmann::json::exception& error) {
    throw InputError(std::string("fixed_point_fashion_mnist: malformed run unit: ") + error.what());
  }
}

double estimated_run_seconds(const Configuration& configuration, const FashionData& data) {
  const double images = static_cast<double>(data.train_images.size(0));
  const double batches = std::ceil(images / static_cast<double>(std::max<std::int64_t>(1, configuration.batch_size)));
  return static_cast<double>(configuration.epochs) * (images * 1.0e-4 + batches * 1.9e-3);
}

RunResult stand_in_run_result(const UnitKey& key, const Configuration& configuration, const FashionData& data,
                              std::uint64_t seed) {
  const double fraction = stand_in_fraction(key);
  RunResult result;
  result.configuration = configuration.name;
  result.seed = seed;
  result.test_total = data.test_images.size(0);
  result.test_correct = static_cast<std::int64_t>(std::llround(fraction * static_cast<double>(result.test_total)));
  result.epoch_test_accuracy.assign(static_cast<std::size_t>(configuration.epochs), fraction);
  result.epoch_train_loss.assign(static_cast<std::size_t>(configuration.epochs), 1.0 - fraction);
  result.policy = nlohmann::json::object();
  return result;
}

}  // namespace repro::fixed_point_fashion_mnist
