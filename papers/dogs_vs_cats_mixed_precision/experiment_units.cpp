#include "papers/dogs_vs_cats_mixed_precision/experiment_units.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "base/errors.h"
#include "common/training/result_codec.h"
#include "common/training/unit_identity.h"
#include "data/checksum.h"
#include "papers/dogs_vs_cats_mixed_precision/image_data.h"

namespace repro::dogs_vs_cats {
namespace {

using nlohmann::json;
namespace codec = training;

json network_to_json(const NetworkSpec& network) {
  return {{"architecture", network.architecture()},
          {"width_divisor", network.width_divisor()},
          {"shallow", network.shallow()},
          {"hidden_units", network.hidden_units()},
          {"base_weights", network.base_weights().string()},
          {"freeze_base", network.freeze_base()}};
}

NetworkSpec network_from_json(const json& value) {
  return NetworkSpec()
      .architecture(value.at("architecture").get<std::string>())
      .width_divisor(value.at("width_divisor").get<std::int64_t>())
      .shallow(value.at("shallow").get<bool>())
      .hidden_units(value.at("hidden_units").get<std::int64_t>())
      .base_weights(value.at("base_weights").get<std::string>())
      .freeze_base(value.at("freeze_base").get<bool>());
}

// What identifies the network's result: the spec with a weight file by content, not by path.
json network_key(const NetworkSpec& network) {
  json key = network_to_json(network);
  key["base_weights"] = network.base_weights().empty() ? std::string()
                                                        : network.base_weights().filename().string() + " sha256 " +
                                                              data::file_sha256(network.base_weights());
  return key;
}

json precision_run_to_json(const PrecisionRun& run) {
  return {{"precision", run.precision},
          {"epoch_accuracy", codec::doubles_to_json(run.epoch_accuracy)},
          {"losses", codec::doubles_to_json(run.losses)},
          {"best_epoch", run.best_epoch},
          {"best", codec::evaluation_result_to_json(run.best)},
          {"skipped_steps", run.skipped_steps},
          {"diverged", run.diverged},
          {"divergence_reason", run.divergence_reason},
          {"wall_ms", codec::double_to_json(run.wall_ms)},
          {"frozen_base_unchanged", run.frozen_base_unchanged},
          {"trainable_parameters_changed", run.trainable_parameters_changed}};
}

PrecisionRun precision_run_from_json(const json& value) {
  PrecisionRun run;
  run.precision = value.at("precision").get<std::string>();
  run.epoch_accuracy = codec::doubles_from_json(value.at("epoch_accuracy"));
  run.losses = codec::doubles_from_json(value.at("losses"));
  run.best_epoch = value.at("best_epoch").get<std::int64_t>();
  run.best = codec::evaluation_result_from_json(value.at("best"));
  run.skipped_steps = value.at("skipped_steps").get<std::int64_t>();
  run.diverged = value.at("diverged").get<bool>();
  run.divergence_reason = value.at("divergence_reason").get<std::string>();
  run.wall_ms = codec::double_from_json(value.at("wall_ms"));
  run.frozen_base_unchanged = value.at("frozen_base_unchanged").get<bool>();
  run.trainable_parameters_changed = value.at("trainable_parameters_changed").get<bool>();
  return run;
}

// Multiply-accumulates of one forward pass of the published network at 224x224 (the Keras
// applications' published figures: VGG16 15.5 G, ResNet152V2 11.3 G; InceptionV3 5.7 G at 299x299,
// 3.2 G scaled to 224x224). Scaled by (side / 224)^2 and 1 / width_divisor^2 (channels on both
// sides of every convolution); the shallow variants keep kShallowShare of it (calibrated below).
double forward_macs(const NetworkSpec& network, std::int64_t side) {
  static const std::map<std::string, double> published = {
      {"vgg16", 15.5e9}, {"inceptionv3", 3.2e9}, {"resnet152v2", 11.3e9}};
  // The shallow variants' share of the published network's work per image (fewer blocks), fitted
  // per architecture to the reduced tier's measured units on this machine (2026-12-03: VGG16 40.8 s,
  // ResNet152V2 48.1 s per pair; InceptionV3 has no shallow variant, 60.0 s).
  static const std::map<std::string, double> shallow_share = {
      {"vgg16", 0.075}, {"inceptionv3", 1.0}, {"resnet152v2", 0.12}};
  const auto found = published.find(network.architecture());
  const double full = found == published.end() ? 10e9 : found->second;
  double macs = full * std::pow(static_cast<double>(side) / 224.0, 2) /
                std::pow(static_cast<double>(std::max<std::int64_t>(1, network.width_divisor())), 2);
  if (network.shallow()) {
    const auto share = shallow_share.find(network.architecture());
    macs *= share == shallow_share.end() ? 0.1 : share->second;
  }
  return macs;
}

// Seconds per multiply-accumulate. CPU: this 2-core machine, one process, from the reduced tier's
// InceptionV3 pair (2026-12-03: 60.0 s measured). CUDA: a written prediction, not a measurement (no GPU was lent when it was
// written): 1e13 multiply-accumulates per second (20 TFLOP/s, about a third of an H100's FP32
// peak), for both precisions (an upper bound for the mixed one).
double seconds_per_mac(const torch::Device& device) { return device.is_cuda() ? 1e-13 : 2.25e-10; }

}  // namespace

UnitKey pair_unit_key(Tier tier, const NetworkSpec& network, const ImageSet& data, const PairOptions& options) {
  return UnitKey{"dogs_vs_cats_mixed_precision", tier, /*experiment=*/"accuracy",
                 /*configuration=*/network.describe(), /*seed=*/options.seed(),
                 {{"network", network_key(network)},
                  {"epochs", options.epochs()},
                  {"batch_size", options.batch_size()},
                  {"learning_rate", options.learning_rate()},
                  {"mixed_mode", training::to_string(options.mixed_mode())},
                  {"device", training::device_identity(options.device())},
                  {"train_images", data.train_images.size(0)},
                  {"validation_images", data.validation_images.size(0)},
                  {"side", data.side()},
                  {"data_sha256", data.content_sha256.empty() ? image_set_sha256(data) : data.content_sha256}}};
}

UnitKey speed_unit_key(Tier tier, const NetworkSpec& network, const SpeedOptions& options) {
  return UnitKey{"dogs_vs_cats_mixed_precision", tier, /*experiment=*/"speed",
                 /*configuration=*/network.describe(), /*seed=*/options.seed(),
                 {{"network", network_key(network)},
                  {"batch_size", options.batch_size()},
                  {"side", options.side()},
                  {"warmup_iterations", options.warmup_iterations()},
                  {"timed_iterations", options.timed_iterations()},
                  {"mixed_mode", training::to_string(options.mixed_mode())},
                  {"device", training::device_identity(options.device())}}};
}

json pair_result_to_json(const PairResult& result) {
  return {{"network", network_to_json(result.network)},
          {"single", precision_run_to_json(result.single)},
          {"mixed", precision_run_to_json(result.mixed)},
          {"table", {result.table.both_right, result.table.only_single_right, result.table.only_mixed_right,
                     result.table.both_wrong}}};
}

PairResult pair_result_from_json(const json& value) {
  return codec::read_unit_json("dogs_vs_cats_mixed_precision accuracy", [&] {
    PairResult result;
    result.network = network_from_json(value.at("network"));
    result.single = precision_run_from_json(value.at("single"));
    result.mixed = precision_run_from_json(value.at("mixed"));
    const json& table = value.at("table");
    result.table = {table.at(0).get<std::int64_t>(), table.at(1).get<std::int64_t>(), table.at(2).get<std::int64_t>(),
                    table.at(3).get<std::int64_t>()};
    return result;
  });
}

json speed_result_to_json(const SpeedResult& result) {
  return {{"network", network_to_json(result.network)},
          {"mixed_precision", result.mixed_precision},
          {"training_single", codec::step_timing_to_json(result.training_single)},
          {"training_mixed", codec::step_timing_to_json(result.training_mixed)},
          {"inference_single", codec::step_timing_to_json(result.inference_single)},
          {"inference_mixed", codec::step_timing_to_json(result.inference_mixed)}};
}

SpeedResult speed_result_from_json(const json& value) {
  return codec::read_unit_json("dogs_vs_cats_mixed_precision speed", [&] {
    SpeedResult result;
    result.network = network_from_json(value.at("network"));
    result.mixed_precision = value.at("mixed_precision").get<std::string>();
    result.training_single = codec::step_timing_from_json(value.at("training_single"));
    result.training_mixed = codec::step_timing_from_json(value.at("training_mixed"));
    result.inference_single = codec::step_timing_from_json(value.at("inference_single"));
    result.inference_mixed = codec::step_timing_from_json(value.at("inference_mixed"));
    return result;
  });
}

double estimated_pair_seconds(const NetworkSpec& network, const ImageSet& data, const PairOptions& options) {
  const double passes_per_training_image = network.freeze_base() ? 1.0 : 3.0;  // forward (+ backward)
  const double image_passes = static_cast<double>(options.epochs()) *
                              (static_cast<double>(data.train_images.size(0)) * passes_per_training_image +
                               static_cast<double>(data.validation_images.size(0)));
  return 2.0 * image_passes * forward_macs(network, data.side()) * seconds_per_mac(options.device());
}

double estimated_speed_seconds(const NetworkSpec& network, const SpeedOptions& options) {
  // Two precisions × (training steps, 3 passes, and inference steps, 1 pass) of the whole network.
  const double steps = static_cast<double>(options.warmup_iterations() + options.timed_iterations());
  const double image_passes = 2.0 * steps * static_cast<double>(options.batch_size()) * (3.0 + 1.0);
  NetworkSpec trainable = network;
  trainable.freeze_base(false);
  return image_passes * forward_macs(trainable, options.side()) * seconds_per_mac(options.device());
}

PairResult obtain_pair(const UnitStore& units, Tier tier, const NetworkSpec& network, const ImageSet& data,
                       const PairOptions& options) {
  const UnitKey key = pair_unit_key(tier, network, data, options);
  const auto stand_in = [&] {
    // Accuracy stand_in_fraction(key) for both precisions, two discordant images.
    const std::int64_t total = data.validation_images.size(0);
    const auto correct = static_cast<std::int64_t>(std::llround(stand_in_fraction(key) * static_cast<double>(total)));
    PairResult result;
    result.network = network;
    for (PrecisionRun* run : {&result.single, &result.mixed}) {
      run->precision = run == &result.single ? "fp32" : training::to_string(options.mixed_mode());
      const std::int64_t offset = run == &result.single ? 0 : 1;
      run->best.total = total;
      run->best.correct_per_example.assign(static_cast<std::size_t>(total), 0);
      for (std::int64_t i = offset; i < std::min(total, correct + offset); ++i) run->best.correct_per_example[i] = 1;
      run->best.correct = std::min(total, correct + offset) - std::min(total, offset);
      run->best.accuracy = total > 0 ? static_cast<double>(run->best.correct) / static_cast<double>(total) : 0.0;
      run->epoch_accuracy.assign(static_cast<std::size_t>(options.epochs()), run->best.accuracy);
      run->best_epoch = options.epochs() > 0 ? 1 : 0;
    }
    const training::DiscordantCounts counts = training::count_discordant(result.single.best, result.mixed.best);
    result.table = {counts.both_correct, counts.only_first_correct, counts.only_second_correct, counts.both_wrong};
    return result;
  };
  return obtain_unit<PairResult>(units, key, estimated_pair_seconds(network, data, options),
                                 [&] { return train_single_and_mixed(network, data, options); }, stand_in,
                                 pair_result_to_json, pair_result_from_json);
}

SpeedResult obtain_speed(const UnitStore& units, Tier tier, const NetworkSpec& network, const SpeedOptions& options) {
  const UnitKey key = speed_unit_key(tier, network, options);
  const auto stand_in = [&] {
    SpeedResult result;
    result.network = network;
    result.mixed_precision = training::to_string(options.mixed_mode());
    const double ms = 1.0 + stand_in_fraction(key);
    for (training::StepTiming* timing : {&result.training_single, &result.training_mixed, &result.inference_single,
                                         &result.inference_mixed}) {
      timing->samples_ms.assign(static_cast<std::size_t>(options.timed_iterations()), ms);
      timing->clock = "stand-in";
      timing->summary_ms = stats::summarize_timings(timing->samples_ms);
    }
    return result;
  };
  return obtain_unit<SpeedResult>(units, key, estimated_speed_seconds(network, options),
                                  [&] { return measure_speed(network, options); }, stand_in, speed_result_to_json,
                                  speed_result_from_json);
}

}  // namespace repro::dogs_vs_cats
