#include "papers/cyclic_precision_training/trainer.h"

#include <algorithm>
#include <chrono>
#include <numeric>

#include <torch/torch.h>

#include "common/training/classifier_training.h"
#include "common/training/precision_plugin.h"
#include "data/deterministic_random.h"
#include "papers/cyclic_precision_training/training_bitops.h"

namespace repro::cyclic_precision_training {
namespace {

double bits_or_full(int bits) { return bits > 0 ? bits : 32.0; }

// uint8 [B, C, H, W] -> float, /255, minus the channel means, over the channel deviations.
torch::Tensor normalise(const torch::Tensor& images, const data::DeviceAugmentOptions& augmentation) {
  const auto float_options = torch::TensorOptions().dtype(torch::kFloat32).device(images.device());
  const torch::Tensor mean = torch::tensor(augmentation.mean, torch::kFloat32).view({1, -1, 1, 1}).to(float_options);
  const torch::Tensor deviation = torch::tensor(augmentation.std, torch::kFloat32).view({1, -1, 1, 1}).to(float_options);
  return (images.to(torch::kFloat32).div(255.0f) - mean) / deviation;
}

// CPT's precision plug-in: at the start of iteration t, the shared CptPrecision's bit widths from
// the config's schedules (and its telemetry's iteration).
class CptSchedulePrecision : public training::PrecisionPlugin {
 public:
  CptSchedulePrecision(std::shared_ptr<CptPrecision> precision, const TrainingConfig& config)
      : precision_(std::move(precision)), config_(config) {}
  void begin_iteration(training::IterationState& state) override {
    precision_->iteration = state.iteration;
    if (precision_->telemetry) precision_->telemetry->set_iteration(state.iteration);
    precision_->forward_bits = config_.forward_bits(state.iteration);
    precision_->gradient_bits = config_.gradient_bits(state.iteration);
  }
  std::shared_ptr<quantization::NumericsTelemetry> telemetry() const override { return precision_->telemetry; }

 private:
  std::shared_ptr<CptPrecision> precision_;
  const TrainingConfig& config_;
};

}  // namespace

std::function<torch::Tensor(const torch::Tensor&, std::int64_t)> training_batch_transform(
    const data::DeviceAugmentOptions& augmentation, std::uint64_t seed) {
  return [augmentation, seed](const torch::Tensor& images, std::int64_t iteration) {
    torch::Tensor augmented = images;
    if (augmentation.crop_padding > 0 || augmentation.flip) {
      augmented = data::random_crop_flip(images, augmentation.crop_padding, augmentation.flip,
                                         data::mix_seed(seed, static_cast<std::uint64_t>(iteration)));
    }
    return normalise(augmented, augmentation);
  };
}

std::function<torch::Tensor(const torch::Tensor&)> evaluation_input_transform(
    const data::DeviceAugmentOptions& augmentation) {
  return [augmentation](const torch::Tensor& images) { return normalise(images, augmentation); };
}

TrainingResult train_classifier(const ClassifierFactory& factory, const ImageDataset& dataset,
                                const TrainingConfig& config) {
  const auto started = std::chrono::steady_clock::now();
  TrainingResult result;
  result.name = config.name;
  result.seed = config.seed;

  // The study's part before training: initial weights from the seed, the shared precision
  // state, and the MAC counts that the BitOPs tally multiplies.
  torch::manual_seed(config.seed);
  auto precision = std::make_shared<CptPrecision>();
  precision->seed = data::mix_seed(config.seed, 0x6370747175616eULL);
  Classifier classifier = factory(precision);
  result.operations = count_operations(classifier, *precision, dataset.image_shape());
  if (config.record_numerics) precision->telemetry = std::make_shared<quantization::NumericsTelemetry>();
  const double quantized_macs = static_cast<double>(result.operations.quantized_macs_per_image);
  const double full_precision_macs =
      static_cast<double>(result.operations.full_precision_macs_per_image);

  // The batch's logits, kept by the loss function during training (not evaluation, which runs
  // under NoGradGuard) when the caller observes batch accuracies.
  auto last_training_logits = std::make_shared<torch::Tensor>();
  training::LossFunction loss_function = nullptr;
  if (config.observe) {
    loss_function = [last_training_logits](const torch::Tensor& logits, const torch::Tensor& labels) {
      if (torch::GradMode::is_enabled()) *last_training_logits = logits.detach();
      return torch::nn::functional::cross_entropy(logits, labels);
    };
  }

  const training::TrainingOptions options =
      training::TrainingOptions()
          .run_name(config.name)
          .seed(config.seed)
          .device(config.device)
          .batch_size(config.batch_size)
          .drop_last(true)
          .epochs(config.iterations)  // at least one iteration per epoch: max_iterations decides
          .max_iterations(config.iterations)
          .optimizer(training::OptimizerOptions()
                         .learning_rate(config.learning_rate(0))
                         .learning_rate_schedule([&config](std::int64_t iteration, std::int64_t) {
                           return config.learning_rate(iteration);
                         })
                         .momentum(config.momentum)
                         .weight_decay(config.weight_decay))
          .loss_function(loss_function)
          .batch_transform(training_batch_transform(dataset.train_augmentation, config.seed))
          .evaluation(training::EvaluationSchedule().every_epoch(false).at_end(false))
          .precision(std::make_shared<CptSchedulePrecision>(precision, config))
          .hooks(training::IterationHooks().on_iteration_end([&](training::IterationState& state) {
            const double b = bits_or_full(precision->forward_bits);
            const double g = bits_or_full(precision->gradient_bits);
            result.training_bitops +=
                static_cast<double>(state.images.size(0)) *
                (quantized_macs * bitops_per_multiply_accumulate(b, g) +
                 full_precision_macs * bitops_per_multiply_accumulate(32.0, 32.0));
            if (config.observe) {
              const double batch_accuracy =
                  100.0 * last_training_logits->argmax(1).eq(state.labels).to(torch::kFloat64).mean().item<double>();
              config.observe(state.iteration, state.loss_value, batch_accuracy);
            }
          }));
  const training::Classifier model{classifier.module, classifier.forward};
  const training::TrainingHistory history = training::train_classifier(
      model, dataset.train.images, dataset.train.labels, dataset.test.images, dataset.test.labels,
      options);

  result.diverged = history.diverged;
  result.numerics = history.numerics;
  result.iterations_run = static_cast<std::int64_t>(history.losses.size());
  const auto completed_end = history.losses.begin() + history.iterations_completed;
  const auto recent_begin = completed_end - std::min<std::int64_t>(50, history.iterations_completed);
  if (completed_end != recent_begin) {
    result.final_training_loss = std::accumulate(recent_begin, completed_end, 0.0) /
                                 static_cast<double>(completed_end - recent_begin);
  }
  if (!result.diverged && config.evaluate) {
    precision->forward_bits = config.evaluation_forward_bits >= 0
                                  ? config.evaluation_forward_bits
                                  : config.forward_bits(config.iterations - 1);
    const training::EvaluationResult evaluation = training::evaluate_classifier(
        model, dataset.test.images, dataset.test.labels,
        training::EvaluationOptions()
            .batch_size(config.evaluation_batch_size)
            .input_transform(evaluation_input_transform(dataset.test_augmentation)));
    result.test_correct = evaluation.correct;
    result.test_count = evaluation.total;
    result.test_accuracy_percent = 100.0 * evaluation.accuracy;
  }
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace repro::cyclic_precision_training
