#include "papers/fp16_amp_ssd_resnet/ssd300_training.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <set>

#include "common/training/autocast.h"
#include "papers/fp16_amp_ssd_resnet/box_coding.h"
#include "papers/fp16_amp_ssd_resnet/non_maximum_suppression.h"
#include "common/training/precision_plugin.h"
#include "papers/fp16_amp_ssd_resnet/precision_setup.h"
#include "papers/fp16_amp_ssd_resnet/prior_boxes.h"
#include "papers/fp16_amp_ssd_resnet/voc07_average_precision.h"

namespace repro::fp16_amp_ssd_resnet {
namespace {

// Two parameter groups: weights at lr, biases at lr × bias factor (Caffe's lr_mult 2).
std::unique_ptr<torch::optim::Optimizer> make_ssd_optimizer(const Ssd300& model, const SsdTrainingOptions& options) {
  std::vector<torch::Tensor> weights, biases;
  for (const auto& item : model.ptr()->named_parameters()) {
    const bool is_bias = item.key().size() >= 4 && item.key().compare(item.key().size() - 4, 4, "bias") == 0;
    (is_bias ? biases : weights).push_back(item.value());
  }
  const auto group_options = [&](double factor) {
    return std::make_unique<torch::optim::SGDOptions>(
        torch::optim::SGDOptions(options.learning_rate() * factor)
            .momentum(options.momentum())
            .weight_decay(options.weight_decay()));
  };
  std::vector<torch::optim::OptimizerParamGroup> groups;
  groups.emplace_back(weights, group_options(1.0));
  groups.emplace_back(biases, group_options(options.bias_learning_rate_factor()));
  return std::make_unique<torch::optim::SGD>(groups, torch::optim::SGDOptions(options.learning_rate()));
}

torch::Tensor input_for(const torch::Tensor& images, training::PrecisionMode mode, const torch::Device& device) {
  return images.to(device, training::input_dtype(mode));
}

}  // namespace

PriorTargetBatch match_batch(const std::vector<torch::Tensor>& boxes, const std::vector<torch::Tensor>& labels,
                             const torch::Tensor& priors) {
  std::vector<torch::Tensor> offsets, classes;
  for (std::size_t image = 0; image < boxes.size(); ++image) {
    if (boxes[image].numel() == 0) {
      offsets.push_back(torch::zeros({priors.size(0), 4}));
      classes.push_back(torch::zeros({priors.size(0)}, torch::kLong));
      continue;
    }
    PriorTargets targets = match_priors(boxes[image], labels[image], priors);
    offsets.push_back(targets.offsets);
    classes.push_back(targets.classes);
  }
  return {torch::stack(offsets), torch::stack(classes)};
}

training::TrainingHistory train_ssd300(const Ssd300& model, const SsdBatchSource& source,
                                       std::int64_t example_count, const SsdTrainingOptions& options) {
  const training::PrecisionMode mode = options.mode();
  const torch::Device device = options.device();
  training::prepare_model_for_precision(*model.ptr(), mode, device);
  const torch::Tensor priors = make_prior_boxes();
  const std::int64_t iterations_per_epoch = (example_count + options.batch_size() - 1) / options.batch_size();
  auto targets = std::make_shared<PriorTargetBatch>();

  training::TrainingOptions settings =
      training::TrainingOptions()
          .epochs((options.iterations() + iterations_per_epoch - 1) / iterations_per_epoch)
          .max_iterations(options.iterations())
          .batch_size(options.batch_size())
          .seed(options.seed())
          .device(device)
          .evaluation(training::EvaluationSchedule().every_epoch(false).at_end(false))
          .optimizer(training::OptimizerOptions().factory(
              [model, options](std::vector<torch::Tensor>) { return make_ssd_optimizer(model, options); }))
          .hooks(training::IterationHooks().on_iteration_start([&, targets](training::IterationState& state) {
            const torch::Tensor index_tensor = state.labels.to(torch::kCPU).contiguous();
            const std::vector<std::int64_t> indices(index_tensor.data_ptr<std::int64_t>(),
                                                    index_tensor.data_ptr<std::int64_t>() + index_tensor.numel());
            const data::TensorBatch batch = source(indices, state.iteration);
            state.images = input_for(batch.inputs, mode, device);
            const PriorTargetBatch matched = match_batch(batch.boxes, batch.box_labels, priors);
            targets->offsets = matched.offsets.to(device);
            targets->classes = matched.classes.to(device);
            double learning_rate = options.learning_rate();
            for (std::int64_t decay_epoch : options.decay_epochs()) {
              if (state.epoch >= decay_epoch) learning_rate *= options.decay_factor();
            }
            auto& groups = state.optimizer->param_groups();
            groups[0].options().set_lr(learning_rate);
            groups[1].options().set_lr(learning_rate * options.bias_learning_rate_factor());
          }))
          .loss_function([targets, loss = options.loss()](const torch::Tensor& packed, const torch::Tensor&) {
            return multibox_loss(packed.slice(2, 0, 4), packed.slice(2, 4), targets->offsets, targets->classes, loss)
                .total;
          })
          .checkpointing(training::CheckpointOptions()
                             .path(options.checkpoint_path())
                             .every_iterations(options.checkpoint_every_iterations())
                             .resume_from(options.resume_from()))
          .run_name(options.run_name() + " " + training::to_string(mode));
  if (options.repeat_optimizer_step()) {
    settings.hooks().on_iteration_end(
        [](training::IterationState& state) { repeat_step_with_zero_gradients(*state.optimizer); });
  }
  // The harness's examples are image indices; the images come from the hook.
  const torch::Tensor index_examples = torch::zeros({example_count, 1});
  const torch::Tensor index_labels = torch::arange(example_count, torch::kLong);
  const training::Classifier classifier{model.ptr(), [model](const torch::Tensor& input) {
                                          return model.ptr()->forward_packed(input);
                                        }};
  return training::train_classifier(classifier, index_examples, index_labels, index_examples.slice(0, 0, 1),
                                    index_labels.slice(0, 0, 1),
                                    settings.precision(std::make_shared<training::MixedPrecision>(mode)));
}

SsdEvaluation evaluate_ssd300(const Ssd300& model, const std::vector<data::VocSample>& samples,
                              training::PrecisionMode mode, std::int64_t batch_size, const MultiBoxLossOptions& loss) {
  const torch::Device device = model.ptr()->parameters().front().device();
  const torch::Tensor priors = make_prior_boxes();
  const bool was_training = model.ptr()->is_training();
  model.ptr()->eval();
  torch::NoGradGuard no_grad;
  constexpr std::size_t kClasses = 20;
  std::vector<std::vector<ScoredBox>> detections(kClasses);
  std::vector<std::vector<GroundTruthBox>> truths(kClasses);
  SsdEvaluation evaluation;
  double loss_sum = 0;
  const auto count = static_cast<std::int64_t>(samples.size());
  for (std::int64_t start = 0; start < count; start += batch_size) {
    std::vector<std::int64_t> indices;
    for (std::int64_t i = start; i < std::min(count, start + batch_size); ++i) indices.push_back(i);
    const data::TensorBatch batch = data::make_ssd_batch(samples, indices, 0, /*train=*/false);
    SsdOutput output;
    {
      std::optional<training::AutocastGuard> autocast;
      if (const auto dtype = training::autocast_dtype(mode)) autocast.emplace(device, *dtype);
      output = model.ptr()->forward(input_for(batch.inputs, mode, device));
    }
    const PriorTargetBatch matched = match_batch(batch.boxes, batch.box_labels, priors);
    loss_sum += multibox_loss(output.locations, output.confidences, matched.offsets.to(device),
                              matched.classes.to(device), loss)
                    .total.item<double>() *
                static_cast<double>(indices.size());
    for (std::size_t b = 0; b < indices.size(); ++b) {
      const data::VocSample& sample = samples[static_cast<std::size_t>(indices[b])];
      const auto width = static_cast<float>(sample.annotation.width);
      const auto height = static_cast<float>(sample.annotation.height);
      for (const Detection& d : detect_objects(output.locations[b], output.confidences[b], priors)) {
        detections[static_cast<std::size_t>(d.class_index)].push_back(
            {indices[b], d.score, d.xmin * width, d.ymin * height, d.xmax * width, d.ymax * height});
      }
      for (const auto& object : sample.annotation.objects) {
        truths[static_cast<std::size_t>(object.class_index)].push_back(
            {indices[b], object.xmin, object.ymin, object.xmax, object.ymax, object.difficult});
      }
    }
  }
  model.ptr()->train(was_training);
  for (std::size_t c = 0; c < kClasses; ++c) {
    evaluation.average_precision.push_back(voc07_average_precision(detections[c], truths[c]).average_precision);
  }
  evaluation.mean_average_precision = voc07_mean_average_precision(detections, truths);
  evaluation.images = count;
  evaluation.test_loss = count > 0 ? loss_sum / static_cast<double>(count) : 0.0;
  return evaluation;
}

}  // namespace repro::fp16_amp_ssd_resnet
