#include "papers/cyclic_precision_training/experiment_units.h"

#include <cmath>
#include <map>
#include <memory>

#include <ATen/core/Generator.h>
#include <torch/torch.h>

#include "common/quantization/numerics_telemetry.h"
#include "common/training/result_codec.h"
#include "common/training/unit_identity.h"
#include "papers/cyclic_precision_training/classifier.h"

namespace repro::cyclic_precision_training {
namespace {

using nlohmann::json;
namespace codec = training;

constexpr const char* kStudy = "cyclic_precision_training";

json model_key(const CifarResNetOptions& model) {
  return {{"depth", model.depth},
          {"bottleneck", model.bottleneck},
          {"num_classes", model.num_classes},
          {"input_channels", model.input_channels},
          {"widths", model.widths}};
}

json data_key(const ImageDataset& data) {
  return {{"name", data.name},
          {"train_images", data.train.images.size(0)},
          {"test_images", data.test.images.size(0)},
          {"image_shape", data.image_shape()},
          {"content_sha256", data.content_sha256.empty() ? image_dataset_sha256(data) : data.content_sha256}};
}

json operations_to_json(const ModelOperations& operations) {
  return {{"quantized_macs_per_image", operations.quantized_macs_per_image},
          {"full_precision_macs_per_image", operations.full_precision_macs_per_image},
          {"quantized_layers", operations.quantized_layers},
          {"full_precision_layers", operations.full_precision_layers},
          {"parameters", operations.parameters}};
}

ModelOperations operations_from_json(const json& value) {
  ModelOperations operations;
  operations.quantized_macs_per_image = value.at("quantized_macs_per_image").get<std::int64_t>();
  operations.full_precision_macs_per_image = value.at("full_precision_macs_per_image").get<std::int64_t>();
  operations.quantized_layers = value.at("quantized_layers").get<std::int64_t>();
  operations.full_precision_layers = value.at("full_precision_layers").get<std::int64_t>();
  operations.parameters = value.at("parameters").get<std::int64_t>();
  return operations;
}

// Seconds per multiply-accumulate of a pass and per training iteration beyond it.
// CPU: this 2-core machine, one training at a time, fitted on 2026-12-04 to the reduced tier's 37
// units (ResNet-8 at 8/16/32, 14×14 FashionMNIST, 645 k MACs per image, batch 64): the range test
// took 1.9 s for 175 iterations (10.9 ms each, no evaluation), a CPT-vs-static run 5.1-7.0 s for 400
// and a 10,000-image evaluation; 2e-3 s + 192 passes × 645 k × 7.2e-11 s gives 10.9 ms an
// iteration and 0.46 s an evaluation, 153 s for the tier against 150 s measured.
// CUDA: a written prediction, not a measurement (no GPU was lent when it was written): 1e-12 s per
// MAC (2 TFLOP/s effective: CPT's fake-quantizing convolutions at CIFAR sizes keep a GPU far
// below its peak) and 15 ms an iteration (ResNet-74's 75 quantized convolutions launch some 20
// small kernels each, forward and backward, at about 10 µs a launch): a 64,000-iteration ResNet-74
// run on CIFAR-100 (4.1e15 MACs) at 1.4 hours.
double seconds_per_mac(const torch::Device& device) { return device.is_cuda() ? 1e-12 : 7.2e-11; }
double seconds_per_iteration(const torch::Device& device) { return device.is_cuda() ? 1.5e-2 : 2e-3; }

double macs_per_image(const ModelOperations& operations) {
  return static_cast<double>(operations.quantized_macs_per_image + operations.full_precision_macs_per_image);
}

}  // namespace

UnitKey training_unit_key(Tier tier, const std::string& experiment, const CifarResNetOptions& model,
                          const ImageDataset& data, const TrainingRecipe& recipe) {
  const TrainingConfig& config = recipe.config;
  return UnitKey{kStudy, tier, /*experiment=*/experiment,
                 /*configuration=*/config.name, /*seed=*/config.seed,
                 {{"model", model_key(model)},
                  {"data", data_key(data)},
                  {"schedules", recipe.schedules},
                  {"iterations", config.iterations},
                  {"batch_size", config.batch_size},
                  {"momentum", config.momentum},
                  {"weight_decay", config.weight_decay},
                  {"evaluation_forward_bits", config.evaluation_forward_bits},
                  {"evaluation_batch_size", config.evaluation_batch_size},
                  {"evaluate", config.evaluate},
                  {"record_numerics", config.record_numerics},
                  {"device", training::device_identity(config.device)}}};
}

UnitKey range_test_unit_key(Tier tier, const CifarResNetOptions& model, const ImageDataset& data,
                            const PrecisionRangeTestOptions& options) {
  return UnitKey{kStudy, tier, /*experiment=*/"range_test",
                 /*configuration=*/"precision range test", /*seed=*/options.seed,
                 {{"model", model_key(model)},
                  {"data", data_key(data)},
                  {"start_bits", options.start_bits},
                  {"max_bits", options.max_bits},
                  {"gradient_bits", options.gradient_bits},
                  {"iterations_per_precision", options.iterations_per_precision},
                  {"batch_size", options.batch_size},
                  {"learning_rate", options.learning_rate},
                  {"threshold_points", options.threshold_points},
                  {"device", training::device_identity(options.device)}}};
}

json training_result_to_json(const TrainingResult& result) {
  return {{"name", result.name},
          {"seed", result.seed},
          {"diverged", result.diverged},
          {"iterations_run", result.iterations_run},
          {"final_training_loss", codec::double_to_json(result.final_training_loss)},
          {"test_correct", result.test_correct},
          {"test_count", result.test_count},
          {"test_accuracy_percent", codec::double_to_json(result.test_accuracy_percent)},
          {"training_bitops", codec::double_to_json(result.training_bitops)},
          {"seconds", codec::double_to_json(result.seconds)},
          {"operations", operations_to_json(result.operations)},
          {"numerics", quantization::period_counts_to_json(result.numerics)}};
}

TrainingResult training_result_from_json(const json& value) {
  return codec::read_unit_json("cyclic_precision_training training", [&] {
    TrainingResult result;
    result.name = value.at("name").get<std::string>();
    result.seed = value.at("seed").get<std::uint64_t>();
    result.diverged = value.at("diverged").get<bool>();
    result.iterations_run = value.at("iterations_run").get<std::int64_t>();
    result.final_training_loss = codec::double_from_json(value.at("final_training_loss"));
    result.test_correct = value.at("test_correct").get<std::int64_t>();
    result.test_count = value.at("test_count").get<std::int64_t>();
    result.test_accuracy_percent = codec::double_from_json(value.at("test_accuracy_percent"));
    result.training_bitops = codec::double_from_json(value.at("training_bitops"));
    result.seconds = codec::double_from_json(value.at("seconds"));
    result.operations = operations_from_json(value.at("operations"));
    result.numerics = quantization::period_counts_from_json_array(value.at("numerics"));
    return result;
  });
}

json range_test_result_to_json(const PrecisionRangeTestResult& result) {
  return {{"bits", result.bits},
          {"mean_training_accuracy", codec::doubles_to_json(result.mean_training_accuracy)},
          {"lower_bound_bits", result.lower_bound_bits}};
}

PrecisionRangeTestResult range_test_result_from_json(const json& value) {
  return codec::read_unit_json("cyclic_precision_training range_test", [&] {
    PrecisionRangeTestResult result;
    result.bits = value.at("bits").get<std::vector<int>>();
    result.mean_training_accuracy = codec::doubles_from_json(value.at("mean_training_accuracy"));
    result.lower_bound_bits = value.at("lower_bound_bits").get<int>();
    return result;
  });
}

double estimated_training_seconds(const ModelOperations& operations, const ImageDataset& data,
                                  const TrainingConfig& config) {
  const double iterations = static_cast<double>(config.iterations);
  const double training = iterations * (seconds_per_iteration(config.device) +
                                        static_cast<double>(config.batch_size) * 3.0 * macs_per_image(operations) *
                                            seconds_per_mac(config.device));
  const double evaluation = config.evaluate ? static_cast<double>(data.test.images.size(0)) *
                                                  macs_per_image(operations) * seconds_per_mac(config.device)
                                            : 0.0;
  return training + evaluation;
}

double estimated_range_test_seconds(const ModelOperations& operations, const PrecisionRangeTestOptions& options) {
  const double iterations =
      static_cast<double>((options.max_bits - options.start_bits + 1) * options.iterations_per_precision);
  return iterations * (seconds_per_iteration(options.device) + static_cast<double>(options.batch_size) * 3.0 *
                                                                   macs_per_image(operations) *
                                                                   seconds_per_mac(options.device));
}

TrainingResult obtain_training(const UnitStore& units, Tier tier, const std::string& experiment,
                               const CifarResNetOptions& model, const ModelOperations& operations,
                               const ImageDataset& data, const TrainingRecipe& recipe) {
  const UnitKey key = training_unit_key(tier, experiment, model, data, recipe);
  const auto stand_in = [&] {
    const double fraction = stand_in_fraction(key);
    TrainingResult result;
    result.name = recipe.config.name;
    result.seed = recipe.config.seed;
    result.iterations_run = recipe.config.iterations;
    result.final_training_loss = 1.0 - fraction;
    result.test_count = data.test.images.size(0);
    result.test_correct = static_cast<std::int64_t>(std::llround(fraction * static_cast<double>(result.test_count)));
    result.test_accuracy_percent = 100.0 * fraction;
    result.training_bitops = fraction * 1e9;
    result.operations = operations;
    return result;
  };
  return obtain_unit<TrainingResult>(
      units, key, estimated_training_seconds(operations, data, recipe.config),
      [&] { return train_classifier(cifar_resnet_factory(model), data, recipe.config); }, stand_in,
      training_result_to_json, training_result_from_json);
}

PrecisionRangeTestResult obtain_range_test(const UnitStore& units, Tier tier, const CifarResNetOptions& model,
                                           const ModelOperations& operations, const ImageDataset& data,
                                           const PrecisionRangeTestOptions& options) {
  const UnitKey key = range_test_unit_key(tier, model, data, options);
  const auto stand_in = [&] {
    PrecisionRangeTestResult result;
    for (int bits = options.start_bits; bits <= options.max_bits; ++bits) {
      result.bits.push_back(bits);
      result.mean_training_accuracy.push_back(100.0 * stand_in_fraction(key) + (bits - options.start_bits));
    }
    result.lower_bound_bits =
        lower_bound_from_accuracies(result.bits, result.mean_training_accuracy, options.threshold_points);
    return result;
  };
  return obtain_unit<PrecisionRangeTestResult>(
      units, key, estimated_range_test_seconds(operations, options),
      [&] { return precision_range_test(cifar_resnet_factory(model), data, options); }, stand_in,
      range_test_result_to_json, range_test_result_from_json);
}

ModelOperations model_operations(const CifarResNetOptions& options, const std::vector<std::int64_t>& image_shape) {
  at::Generator generator = at::detail::getDefaultCPUGenerator();
  const at::Tensor state = generator.get_state();
  auto precision = std::make_shared<CptPrecision>();
  Classifier classifier = cifar_resnet_factory(options)(precision);
  const ModelOperations operations = count_operations(classifier, *precision, image_shape);
  generator.set_state(state);
  return operations;
}

}  // namespace repro::cyclic_precision_training
