#include "papers/fp16_amp_ssd_resnet/experiment_units.h"

#include <cmath>
#include <filesystem>

#include "common/training/result_codec.h"
#include "common/training/unit_identity.h"
#include "data/checksum.h"

namespace repro::fp16_amp_ssd_resnet {
namespace {

using nlohmann::json;
namespace codec = training;

constexpr const char* kStudy = "fp16_amp_ssd_resnet";

// Multiply-accumulates of one forward pass at full width: ResNet-18 for 32×32 CIFAR images
// 0.56 G (the CIFAR ResNet-18 of kuangliu/pytorch-cifar, which the authors' network follows);
// SSD300 with VGG16 31 G (Liu et al. 2016's network at 300×300). Narrower variants scale by
// 1 / width² (channels on both sides of every convolution).
double resnet18_macs(const ResNet18CifarOptions& model) {
  return 0.56e9 * std::pow(static_cast<double>(model.base_width()) / 64.0, 2);
}
double ssd300_macs(const Ssd300Options& model) {
  return 31e9 / std::pow(static_cast<double>(std::max<std::int64_t>(1, model.width_divisor())), 2);
}

// Seconds per multiply-accumulate. CUDA: a written prediction, not a measurement (no GPU was lent
// when it was written): 1e-13 (20 TFLOP/s effective, about a third of an H100's FP32 peak), for
// every mode (an upper bound for half and AMP), as in the Dogs vs. Cats study's estimate. CPU: a
// rough figure for this 2-core machine (the Dogs vs. Cats study's calibration, 2.25e-10); the
// study's trainings are full-tier, GPU-only, and have never run here.
double seconds_per_mac(const torch::Device& device) { return device.is_cuda() ? 1e-13 : 2.25e-10; }

json voc_object_json(const data::VocObject& object) {
  return {object.class_name, object.class_index, object.xmin, object.ymin, object.xmax, object.ymax,
          object.difficult, object.truncated};
}

}  // namespace

void remove_finished_checkpoint(const std::string& path) {
  if (path.empty()) return;
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
}

std::string cifar_tensors_sha256(const CifarTensors& data) {
  return training::tensors_sha256({data.train_images, data.train_labels, data.test_images, data.test_labels});
}

std::string voc_samples_sha256(const std::vector<data::VocSample>& samples) {
  std::string text;
  for (const data::VocSample& sample : samples) {
    json objects = json::array();
    for (const data::VocObject& object : sample.annotation.objects) objects.push_back(voc_object_json(object));
    text += json{sample.id, sample.image_path.filename().string(), sample.annotation.width,
                 sample.annotation.height, objects}
                .dump();
    text += '\n';
  }
  return data::sha256_hex(text.data(), text.size());
}

UnitKey resnet18_unit_key(Tier tier, const std::string& mode_name, const ResNet18CifarOptions& model,
                          const CifarTensors& data, const std::string& data_sha256,
                          const ResNetTrainingOptions& options) {
  return UnitKey{kStudy, tier, /*experiment=*/"resnet18",
                 /*configuration=*/mode_name, /*seed=*/options.seed(),
                 {{"model", {{"stem_channels", model.stem_channels()},
                             {"base_width", model.base_width()},
                             {"classes", model.classes()},
                             {"dropout", model.dropout()}}},
                  {"mode", training::to_string(options.mode())},
                  {"epochs", options.epochs()},
                  {"batch_size", options.batch_size()},
                  {"learning_rate", options.learning_rate()},
                  {"momentum", options.momentum()},
                  {"weight_decay", options.weight_decay()},
                  {"max_iterations", options.max_iterations() ? json(*options.max_iterations()) : json()},
                  {"evaluate_every_epoch", options.evaluate_every_epoch()},
                  {"evaluate_at_end", options.evaluate_at_end()},
                  {"train_images", data.train_images.size(0)},
                  {"test_images", data.test_images.size(0)},
                  {"data_sha256", data_sha256},
                  {"device", training::device_identity(options.device())}}};
}

SsdDataIdentity ssd_data_identity(const std::filesystem::path& weights, const std::vector<data::VocSample>& train,
                                  const std::vector<data::VocSample>& test) {
  return {data::file_sha256(weights), train.size(), voc_samples_sha256(train), test.size(), voc_samples_sha256(test)};
}

UnitKey ssd300_unit_key(Tier tier, const std::string& mode_name, const Ssd300Options& model,
                        const SsdDataIdentity& data, const SsdTrainingOptions& options) {
  return UnitKey{kStudy, tier, /*experiment=*/"ssd300",
                 /*configuration=*/mode_name, /*seed=*/options.seed(),
                 {{"model", {{"classes", model.classes()}, {"width_divisor", model.width_divisor()}}},
                  {"vgg16_weights_sha256", data.weights_sha256},
                  {"mode", training::to_string(options.mode())},
                  {"batch_size", options.batch_size()},
                  {"iterations", options.iterations()},
                  {"learning_rate", options.learning_rate()},
                  {"bias_learning_rate_factor", options.bias_learning_rate_factor()},
                  {"momentum", options.momentum()},
                  {"weight_decay", options.weight_decay()},
                  {"decay_epochs", options.decay_epochs()},
                  {"decay_factor", options.decay_factor()},
                  {"loss", {{"localisation", options.loss().localisation() == LocalisationLoss::l1 ? "l1" : "smooth_l1"},
                            {"negatives_per_positive", options.loss().negatives_per_positive()}}},
                  {"repeat_optimizer_step", options.repeat_optimizer_step()},
                  {"train_samples", data.train_samples},
                  {"train_sha256", data.train_sha256},
                  {"test_samples", data.test_samples},
                  {"test_sha256", data.test_sha256},
                  {"device", training::device_identity(options.device())}}};
}

json ssd_run_result_to_json(const SsdRunResult& result) {
  return {{"mean_average_precision", codec::double_to_json(result.evaluation.mean_average_precision)},
          {"average_precision", codec::doubles_to_json(result.evaluation.average_precision)},
          {"test_loss", codec::double_to_json(result.evaluation.test_loss)},
          {"images", result.evaluation.images},
          {"diverged", result.diverged},
          {"divergence_reason", result.divergence_reason}};
}

SsdRunResult ssd_run_result_from_json(const json& value) {
  return codec::read_unit_json("fp16_amp_ssd_resnet ssd300", [&] {
    SsdRunResult result;
    result.evaluation.mean_average_precision = codec::double_from_json(value.at("mean_average_precision"));
    result.evaluation.average_precision = codec::doubles_from_json(value.at("average_precision"));
    result.evaluation.test_loss = codec::double_from_json(value.at("test_loss"));
    result.evaluation.images = value.at("images").get<std::int64_t>();
    result.diverged = value.at("diverged").get<bool>();
    result.divergence_reason = value.at("divergence_reason").get<std::string>();
    return result;
  });
}

double estimated_resnet18_seconds(const ResNet18CifarOptions& model, const CifarTensors& data,
                                  const ResNetTrainingOptions& options) {
  const double train = static_cast<double>(data.train_images.size(0));
  const double test = static_cast<double>(data.test_images.size(0));
  const double epochs = static_cast<double>(options.epochs());
  const double evaluations = options.evaluate_every_epoch() ? epochs : (options.evaluate_at_end() ? 1.0 : 0.0);
  return (epochs * train * 3.0 + evaluations * test) * resnet18_macs(model) * seconds_per_mac(options.device());
}

double estimated_ssd300_seconds(const Ssd300Options& model, std::int64_t test_images, const SsdTrainingOptions& options) {
  const double passes = static_cast<double>(options.iterations() * options.batch_size()) * 3.0 +
                        static_cast<double>(test_images);
  return passes * ssd300_macs(model) * seconds_per_mac(options.device());
}

training::TrainingHistory obtain_resnet18_run(const UnitStore& units, Tier tier, const std::string& mode_name,
                                              const ResNet18CifarOptions& model, const CifarTensors& data,
                                              const std::string& data_sha256, const ResNetTrainingOptions& options) {
  const UnitKey key = resnet18_unit_key(tier, mode_name, model, data, data_sha256, options);
  const auto stand_in = [&] {
    training::TrainingHistory history;
    training::EvaluationResult evaluation;
    evaluation.total = data.test_images.size(0);
    evaluation.correct = static_cast<std::int64_t>(std::llround(stand_in_fraction(key) * static_cast<double>(evaluation.total)));
    evaluation.accuracy = evaluation.total > 0 ? static_cast<double>(evaluation.correct) / static_cast<double>(evaluation.total) : 0.0;
    evaluation.mean_loss = 1.0 - stand_in_fraction(key);
    evaluation.correct_per_example.assign(static_cast<std::size_t>(evaluation.total), 0);
    for (std::int64_t i = 0; i < evaluation.correct; ++i) evaluation.correct_per_example[static_cast<std::size_t>(i)] = 1;
    history.final_evaluation = evaluation;
    return history;
  };
  return obtain_unit<training::TrainingHistory>(
      units, key, estimated_resnet18_seconds(model, data, options),
      [&] {
        torch::manual_seed(options.seed());
        training::TrainingHistory history = train_resnet18(ResNet18Cifar(model), data, options);
        remove_finished_checkpoint(options.checkpoint_path());
        return history;
      },
      stand_in, training::training_history_to_json, training::training_history_from_json);
}

SsdRunResult obtain_ssd300_run(const UnitStore& units, const UnitKey& key, double estimated_seconds,
                               const std::function<SsdRunResult()>& train) {
  const auto stand_in = [&] {
    SsdRunResult result;
    result.evaluation.mean_average_precision = stand_in_fraction(key);
    result.evaluation.average_precision.assign(20, stand_in_fraction(key));
    result.evaluation.test_loss = 1.0 + stand_in_fraction(key);
    return result;
  };
  return obtain_unit<SsdRunResult>(units, key, estimated_seconds, train, stand_in, ssd_run_result_to_json,
                                   ssd_run_result_from_json);
}

}  // namespace repro::fp16_amp_ssd_resnet
