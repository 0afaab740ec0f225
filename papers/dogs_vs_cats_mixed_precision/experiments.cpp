#include "papers/dogs_vs_cats_mixed_precision/experiments.h"

#include <fmt/format.h>

#include "base/errors.h"
#include "common/models/binary_classifier.h"
#include "common/models/model_factory.h"
#include "common/training/checkpoint.h"
#include "common/training/loss_scaler.h"
#include "common/training/precision_plugin.h"
#include "common/training/mixed_precision_step.h"
#include "data/synthetic_batches.h"

namespace repro::dogs_vs_cats {
namespace {

using models::BinaryImageClassifier;

std::shared_ptr<BinaryImageClassifier> build_classifier(const NetworkSpec& network, std::uint64_t seed) {
  torch::manual_seed(seed);
  auto model = std::make_shared<BinaryImageClassifier>(
      models::make_feature_extractor(network.architecture(), network.width_divisor(), network.shallow()),
      models::ClassifierHeadOptions().hidden_units(network.hidden_units()));
  if (!network.base_weights().empty()) training::load_state_dict(network.base_weights(), *model->base());
  if (network.freeze_base()) model->freeze_base();
  return model;
}

std::vector<torch::Tensor> snapshot(const std::vector<torch::Tensor>& tensors) {
  std::vector<torch::Tensor> copies;
  for (const auto& tensor : tensors) copies.push_back(tensor.detach().to(torch::kCPU).clone());
  return copies;
}

bool all_equal(const std::vector<torch::Tensor>& before, const std::vector<torch::Tensor>& after) {
  for (std::size_t i = 0; i < before.size(); ++i) {
    if (!torch::equal(before[i], after[i].detach().to(torch::kCPU))) return false;
  }
  return true;
}

std::vector<torch::Tensor> trainable(const torch::nn::Module& module) {
  std::vector<torch::Tensor> result;
  for (const auto& parameter : module.parameters()) {
    if (parameter.requires_grad()) result.push_back(parameter);
  }
  return result;
}

torch::Tensor to_unit_range(const torch::Tensor& pixels) { return pixels.to(torch::kFloat).div(255.0); }

PrecisionRun train_one(const NetworkSpec& network, const ImageSet& data, const PairOptions& options,
                       training::PrecisionMode mode) {
  auto model = build_classifier(network, options.seed());
  training::prepare_model_for_precision(*model, mode, options.device());
  std::vector<torch::Tensor> base_state = model->base()->parameters();
  for (const auto& buffer : model->base()->buffers()) base_state.push_back(buffer);
  const auto base_before = snapshot(base_state);
  const auto trainable_before = snapshot(trainable(*model));

  auto training_options =
      training::TrainingOptions()
          .epochs(options.epochs())
          .batch_size(options.batch_size())
          .optimizer(training::OptimizerOptions().kind(training::OptimizerKind::adam).learning_rate(options.learning_rate()))
          .seed(options.seed())
          .device(options.device())
          .loss_function(models::binary_logit_loss)
          .batch_transform([](const torch::Tensor& images, std::int64_t) { return to_unit_range(images); })
          .evaluation(training::EvaluationSchedule()
                          .input_transform(to_unit_range)
                          .every_epoch(true)
                          .at_end(false)
                          .batch_size(200)
                          .keep_correctness_of_every_evaluation(true))
          .precision(std::make_shared<training::MixedPrecision>(mode))
          .run_name(fmt::format("{} {}", network.describe(), training::to_string(mode)));
  const training::TrainingHistory history =
      training::train_classifier(models::two_class_view(model), data.train_images, data.train_labels,
                                 data.validation_images, data.validation_labels, training_options);

  PrecisionRun run;
  run.precision = training::to_string(mode);
  run.losses = history.losses;
  run.skipped_steps = history.skipped_steps;
  run.diverged = history.diverged;
  run.divergence_reason = history.divergence_reason;
  run.wall_ms = history.wall_duration_ms;
  double best_accuracy = -1.0;
  for (std::size_t i = 0; i < history.evaluations.size(); ++i) {
    const auto& record = history.evaluations[i];
    run.epoch_accuracy.push_back(record.result.accuracy);
    // Keras ModelCheckpoint(save_best_only): only a strictly better epoch replaces the kept one.
    if (record.result.accuracy > best_accuracy) {
      best_accuracy = record.result.accuracy;
      run.best_epoch = static_cast<std::int64_t>(i) + 1;
      run.best = record.result;
    }
  }
  if (run.best_epoch == 0 && history.final_evaluation) run.best = *history.final_evaluation;
  run.frozen_base_unchanged = !network.freeze_base() || all_equal(base_before, base_state);
  run.trainable_parameters_changed = !all_equal(trainable_before, trainable(*model));
  return run;
}

void time_pair(const NetworkSpec& network, const SpeedOptions& options, training::PrecisionMode mode,
               training::StepTiming& training_timing, training::StepTiming& inference_timing) {
  const torch::Device device = options.device();
  auto model = build_classifier(network, options.seed());
  training::prepare_model_for_precision(*model, mode, device);
  torch::Tensor images, labels;
  if (options.side() == 224) {
    const data::TensorBatch batch =
        data::synthetic_batch(data::StudyInput::dogs_vs_cats, options.batch_size(), options.seed(), device);
    images = batch.inputs;
    labels = batch.targets;
  } else {
    torch::manual_seed(options.seed());
    images = torch::rand({options.batch_size(), 3, options.side(), options.side()}).to(device);
    labels = torch::randint(0, 2, {options.batch_size()}, torch::kLong).to(device);
  }
  const auto classifier = models::two_class_view(model);
  const auto timer = training::StepTimerOptions()
                         .device(device)
                         .warmup_iterations(options.warmup_iterations())
                         .timed_iterations(options.timed_iterations());

  torch::optim::Adam optimizer(model->parameters(), torch::optim::AdamOptions(1e-4));
  training::MixedPrecisionStep step(mode, device);
  model->train();
  training_timing = training::time_step(
      [&] { step.run(optimizer, [&] { return models::binary_logit_loss(classifier.forward(images), labels); }); },
      timer);

  model->eval();
  torch::NoGradGuard no_grad;
  inference_timing = training::time_step(
      [&] {
        // Keras predict returns the sigmoid probabilities.
        step.forward([&] { return torch::sigmoid(model->forward(images)); });
      },
      timer);
}

}  // namespace

std::string NetworkSpec::describe() const {
  std::string text = architecture();
  if (width_divisor() != 1) text += fmt::format(" width/{}", width_divisor());
  if (shallow() && architecture() != "inceptionv3") text += " shallow";  // Inception has no depth option
  return text;
}

PairResult train_single_and_mixed(const NetworkSpec& network, const ImageSet& data,
                                  const PairOptions& options) {
  if (!data.train_images.defined() || data.train_images.size(0) == 0 ||
      !data.validation_images.defined() || data.validation_images.size(0) == 0) {
    throw InputError("train_single_and_mixed: no images");
  }
  PairResult result;
  result.network = network;
  result.single = train_one(network, data, options, training::PrecisionMode::fp32);
  result.mixed = train_one(network, data, options, options.mixed_mode());
  const training::DiscordantCounts counts = training::count_discordant(result.single.best, result.mixed.best);
  result.table = {counts.both_correct, counts.only_first_correct, counts.only_second_correct,
                  counts.both_wrong};
  return result;
}

SpeedResult measure_speed(const NetworkSpec& network, const SpeedOptions& options) {
  SpeedResult result;
  result.network = network;
  result.mixed_precision = training::to_string(options.mixed_mode());
  NetworkSpec trainable_network = network;
  trainable_network.freeze_base(false);  // the thesis's speed runs train the whole network
  time_pair(trainable_network, options, training::PrecisionMode::fp32, result.training_single,
            result.inference_single);
  time_pair(trainable_network, options, options.mixed_mode(), result.training_mixed, result.inference_mixed);
  return result;
}

}  // namespace repro::dogs_vs_cats
