#include "papers/fixed_point_fashion_mnist/training_run.h"

#include <algorithm>
#include <mutex>

#include <torch/torch.h>

#include "common/quantization/layer_quantization.h"
#include "common/training/classifier_training.h"
#include "common/training/precision_plugin.h"
#include "common/training/training_numerics.h"
#include "papers/fixed_point_fashion_mnist/fashion_cnn.h"

namespace repro::fixed_point_fashion_mnist {
namespace {

// torch's global generator draws the initial weights: one model at a time.
std::mutex& construction_mutex() {
  static std::mutex mutex;
  return mutex;
}

// FashionMNIST's training-set pixel mean and deviation (of x / 255), for standardized inputs.
constexpr double kPixelMean = 0.2860;
constexpr double kPixelDeviation = 0.3530;

torch::Tensor standardize(const torch::Tensor& images) {
  return (images - kPixelMean) / kPixelDeviation;
}

// The configuration's policy, less the gradient roles its reading leaves in float.
quantization::PrecisionPolicy reading_policy(const Configuration& configuration) {
  if (!configuration.formats) return {};
  quantization::PrecisionPolicy policy =
      precision_policy(*configuration.formats, configuration.choice);
  if (!configuration.reading.quantize_errors) policy.set(quantization::Role::errors, std::nullopt);
  if (!configuration.reading.quantize_weight_gradients) {
    policy.set(quantization::Role::weight_gradients, std::nullopt);
  }
  return policy;
}

// The run's precision: gradients quantized after backward (key layer 2^21), the parameters stored
// in their formats after each step when the reading keeps them there, and the numerical-health
// telemetry of a quantized policy (none for float32).
std::shared_ptr<training::PrecisionPlugin> fixed_point_precision(
    const std::shared_ptr<quantization::TrainingPrecision>& precision, const quantization::PrecisionPolicy& policy,
    const FlowReading& reading) {
  auto plugin = std::make_shared<training::QuantizedPrecision>(precision, !policy.is_full_precision());
  plugin->quantize_gradients(1 << 21);
  if (reading.parameters_stored_in_formats) plugin->store_parameters();
  return plugin;
}

}  // namespace

RunResult train_configuration(const Configuration& configuration, const FashionData& data,
                              std::uint64_t seed, const torch::Device& device) {
  const quantization::PrecisionPolicy policy = reading_policy(configuration);
  const FlowReading reading = configuration.reading;
  auto precision = std::make_shared<quantization::TrainingPrecision>(policy, seed);
  FashionCnn model{nullptr};
  {
    std::lock_guard<std::mutex> lock(construction_mutex());
    torch::manual_seed(seed);
    model = FashionCnn(precision);
  }
  model->to(device);
  // The slides' flow keeps the parameters in fixed point between steps (and from the start);
  // the QAT reading keeps float masters and quantizes only their forward copies.
  if (reading.parameters_stored_in_formats) quantization::store_parameters(*model, *precision);

  auto options =
      training::TrainingOptions()
          .epochs(configuration.epochs)
          .batch_size(configuration.batch_size)
          .optimizer(training::OptimizerOptions()
                         .kind(training::OptimizerKind::adam)
                         .learning_rate(configuration.learning_rate))
          .seed(seed)
          .device(device)
          .evaluation(training::EvaluationSchedule().every_epoch(true).batch_size(1000))
          // Saturating fixed point keeps every parameter finite; a non-finite loss still counts.
          .divergence(training::DivergenceOptions().check_parameters(false))
          .run_name(configuration.name + " seed " + std::to_string(seed))
          .loss_function([precision, reading](const torch::Tensor& logits,
                                              const torch::Tensor& labels) {
            const auto reduction = reading.summed_loss
                                       ? torch::Reduction::Sum
                                       : torch::Reduction::Mean;
            return quantization::quantize_loss(
                torch::cross_entropy_loss(logits, labels, {}, reduction), *precision);
          })
          .precision(fixed_point_precision(precision, policy, reading));
  if (reading.standardized_inputs) {
    options.batch_transform([](const torch::Tensor& images, std::int64_t) {
      return standardize(images);
    });
    options.evaluation().input_transform(standardize);
  }
  const training::TrainingHistory history = training::train_classifier(
      model, data.train_images, data.train_labels, data.test_images, data.test_labels, options);

  RunResult result;
  result.configuration = configuration.name;
  result.seed = seed;
  result.diverged = history.diverged;
  result.divergence_reason = history.divergence_reason;
  result.duration_ms = history.wall_duration_ms;
  result.policy = policy.to_json();
  result.numerics = history.numerics;
  if (history.final_evaluation) {
    result.test_correct = history.final_evaluation->correct;
    result.test_total = history.final_evaluation->total;
  }
  for (const auto& record : history.evaluations) {
    result.epoch_test_accuracy.push_back(record.result.accuracy);
  }
  // Mean training loss per epoch, from the per-iteration losses.
  const std::int64_t batches_per_epoch =
      (data.train_images.size(0) + configuration.batch_size - 1) / configuration.batch_size;
  for (std::size_t start = 0; start < history.losses.size();
       start += static_cast<std::size_t>(batches_per_epoch)) {
    const std::size_t end =
        std::min(history.losses.size(), start + static_cast<std::size_t>(batches_per_epoch));
    double sum = 0.0;
    for (std::size_t i = start; i < end; ++i) sum += history.losses[i];
    result.epoch_train_loss.push_back(sum / static_cast<double>(end - start));
  }
  return result;
}

}  // namespace repro::fixed_point_fashion_mnist
