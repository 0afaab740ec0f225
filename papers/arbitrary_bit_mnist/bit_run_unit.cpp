#include "papers/arbitrary_bit_mnist/bit_run_unit.h"

#include <fmt/format.h>

#include "base/errors.h"

namespace repro::arbitrary_bit_mnist {

UnitKey bit_run_unit_key(const BitRunUnits& units, const std::string& experiment, const RunConfig& config,
                         const MnistTensors& data) {
  const NetworkShape& shape = config.shape;
  UnitKey key;
  key.study = "arbitrary_bit_mnist";
  key.tier = units.tier;
  key.experiment = experiment;
  key.configuration = fmt::format("{} bits {} {}", config.bits, to_string(config.rounding), to_string(config.truncated));
  key.seed = config.seed;
  key.options = {{"shape", {{"conv_layers", shape.conv_layers}, {"first_channels", shape.first_channels},
                            {"kernel_size", shape.kernel_size}, {"dense_layers", shape.dense_layers},
                            {"dense_units", shape.dense_units}, {"initial_weight_std", shape.initial_weight_std},
                            {"positive_initial_weights", shape.positive_initial_weights},
                            {"initial_bias", shape.initial_bias}}},
                 {"learning_rate", config.learning_rate},
                 {"batch_size", config.batch_size},
                 {"iterations", config.iterations},
                 {"evaluate_every", config.evaluate_every},
                 {"evaluation_images", config.evaluation_images},
                 {"data", units.data},
                 {"train_images", data.train_images.size(0)},
                 {"test_images", data.test_images.size(0)}};
  return key;
}

nlohmann::json bit_run_result_to_json(const RunResult& result) {
  nlohmann::json numerics = nlohmann::json::array();
  for (const auto& period : result.numerics) numerics.push_back(quantization::period_counts_to_json(period));
  return {{"epochs", result.epochs},
          {"accuracy", result.accuracy},
          {"final_accuracy", result.final_accuracy},
          {"diverged", result.diverged},
          {"divergence_reason", result.divergence_reason},
          {"duration_seconds", result.duration_seconds},
          {"numerics", numerics}};
}

RunResult bit_run_result_from_json(const nlohmann::json& value) {
  try {
    RunResult result;
    result.epochs = value.at("epochs").get<std::vector<double>>();
    result.accuracy = value.at("accuracy").get<std::vector<double>>();
    result.final_accuracy = value.at("final_accuracy").get<double>();
    result.diverged = value.at("diverged").get<bool>();
    result.divergence_reason = value.at("divergence_reason").get<std::string>();
    result.duration_seconds = value.at("duration_seconds").get<double>();
    for (const auto& entry : value.at("numerics")) result.numerics.push_back(quantization::period_counts_from_json(entry));
    return result;
  } catch (const nlohmann::json::exception& error) {
    throw InputError(std::string("arbitrary_bit_mnist: malformed run unit: ") + error.what());
  }
}

RunResult train_unit_at_bits(const BitRunUnits& units, const std::string& experiment, const RunConfig& config,
                             const MnistTensors& data) {
  if (units.store == nullptr) return train_at_bits(config, data);
  const UnitKey key = bit_run_unit_key(units, experiment, config, data);
  if (const auto finished = units.store->find(key)) return bit_run_result_from_json(*finished);
  RunResult result = train_at_bits(config, data);
  units.store->write(key, bit_run_result_to_json(result));
  return result;
}

}  // namespace repro::arbitrary_bit_mnist
