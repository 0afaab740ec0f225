#include "papers/arbitrary_bit_mnist/bit_run_unit.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "base/errors.h"

namespace repro::arbitrary_bit_mnist {

UnitKey bit_run_unit_key(const BitRunUnits& units, const std::string& experiment, const RunConfig& config,
                         const MnistTensors& data) {
  const NetworkShape& shape = config.shape;
  return UnitKey{"arbitrary_bit_mnist", units.tier, /*experiment=*/experiment,
                 /*configuration=*/fmt::format("{} bits {} {}", config.bits, to_string(config.rounding), to_string(config.truncated)), /*seed=*/config.seed,
                 {{"shape", {{"conv_layers", shape.conv_layers}, {"first_channels", shape.first_channels},
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
                  {"test_images", data.test_images.size(0)}}};
}

nlohmann::json bit_run_result_to_json(const RunResult& result) {
  return {{"epochs", result.epochs},
          {"accuracy", result.accuracy},
          {"final_accuracy", result.final_accuracy},
          {"diverged", result.diverged},
          {"divergence_reason", result.divergence_reason},
          {"duration_seconds", result.duration_seconds},
          {"numerics", quantization::period_counts_to_json(result.numerics)}};
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
    result.numerics = quantization::period_counts_from_json_array(value.at("numerics"));
    return result;
  } catch (const nlohmann::json::exception& error) {
    throw InputError(std::string("arbitrary_bit_mnist: malformed run unit: ") + error.what());
  }
}

namespace {

// Multiply-accumulates of one forward pass of one image through `shape` (28×28 input, "same"
// convolutions each followed by 2×2 pooling while the map is at least 2×2, dense layers, 10 outputs).
double forward_macs(const NetworkShape& shape) {
  double macs = 0.0;
  std::int64_t side = 28;
  std::int64_t channels = 1;
  for (int layer = 0; layer < shape.conv_layers; ++layer) {
    const std::int64_t out = static_cast<std::int64_t>(shape.first_channels) << layer;
    macs += static_cast<double>(side * side * channels * out) * shape.kernel_size * shape.kernel_size;
    channels = out;
    if (side >= 2) side /= 2;
  }
  std::int64_t inputs = side * side * channels;
  for (int layer = 0; layer < shape.dense_layers; ++layer) {
    macs += static_cast<double>(inputs * shape.dense_units);
    inputs = shape.dense_units;
  }
  return macs + static_cast<double>(inputs * 10);
}

}  // namespace

double seconds_per_mac(int first_channels) {
  const double position = std::clamp((std::log(static_cast<double>(std::max(1, first_channels))) - std::log(4.0)) /
                                         (std::log(32.0) - std::log(4.0)),
                                     0.0, 1.0);
  return std::exp(std::log(kSecondsPerMac) +
                  position * (std::log(kSecondsPerMacAt32Channels) - std::log(kSecondsPerMac)));
}

double estimated_bit_run_seconds(const RunConfig& config, const MnistTensors& data) {
  const double macs = forward_macs(config.shape);
  const double evaluations =
      config.evaluate_every > 0 ? static_cast<double>(config.iterations / config.evaluate_every) + 1.0 : 1.0;
  const double evaluated_images =
      evaluations * static_cast<double>(std::min<std::int64_t>(config.evaluation_images, data.test_images.size(0))) +
      static_cast<double>(data.test_images.size(0));
  const double layers = 1.0 + config.shape.conv_layers + config.shape.dense_layers;
  const double per_mac = config.shape.conv_layers > 0 ? seconds_per_mac(config.shape.first_channels) : kSecondsPerMac;
  const double step_seconds = kStepSecondsPerLayer * layers + 3.0 * macs * static_cast<double>(config.batch_size) * per_mac;
  return static_cast<double>(config.iterations) * step_seconds + evaluated_images * macs * per_mac;
}

RunResult stand_in_bit_run_result(const UnitKey& key, const RunConfig& config) {
  const double fraction = stand_in_fraction(key);
  RunResult result;
  const std::int64_t evaluations = config.evaluate_every > 0 ? config.iterations / config.evaluate_every : 0;
  for (std::int64_t i = 1; i <= evaluations; ++i) {
    result.epochs.push_back(static_cast<double>(i));
    result.accuracy.push_back(fraction * static_cast<double>(i) / static_cast<double>(evaluations + 1));
  }
  result.epochs.push_back(static_cast<double>(evaluations + 1));
  result.accuracy.push_back(fraction);
  result.final_accuracy = fraction;
  return result;
}

RunResult train_unit_at_bits(const BitRunUnits& units, const std::string& experiment, const RunConfig& config,
                             const MnistTensors& data) {
  const auto train = [&] { return train_at_bits(config, data); };
  if (units.store == nullptr) return train();
  const UnitKey key = bit_run_unit_key(units, experiment, config, data);
  return obtain_unit(*units.store, key, estimated_bit_run_seconds(config, data), train,
                     [&] { return stand_in_bit_run_result(key, config); }, bit_run_result_to_json,
                     bit_run_result_from_json);
}

}  // namespace repro::arbitrary_bit_mnist
