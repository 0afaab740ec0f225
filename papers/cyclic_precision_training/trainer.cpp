#include "papers/cyclic_precision_training/trainer.h"

#include <chrono>
#include <cmath>
#include <deque>
#include <numeric>

#include <torch/torch.h>

#include "data/deterministic_random.h"
#include "papers/cyclic_precision_training/training_bitops.h"

namespace repro::cyclic_precision_training {
namespace {

double bits_or_full(int bits) { return bits > 0 ? bits : 32.0; }

}  // namespace

std::pair<std::int64_t, double> evaluate_classifier(Classifier& classifier, const ImageSplit& split,
                                                    const data::DeviceAugmentOptions& augmentation,
                                                    std::int64_t batch_size, torch::Device device) {
  data::DeviceResidentDataset test(split.images, split.labels, device, augmentation);
  test.start_epoch(0, 0, /*shuffle=*/false);
  classifier.module->eval();
  torch::NoGradGuard no_grad;
  std::int64_t correct = 0;
  while (auto batch = test.next_batch(batch_size)) {
    const torch::Tensor predicted = classifier.forward(batch->inputs).argmax(1);
    correct += predicted.eq(batch->targets).sum().item<std::int64_t>();
  }
  classifier.module->train();
  const std::int64_t count = split.images.size(0);
  return {correct, count > 0 ? 100.0 * static_cast<double>(correct) / count : 0.0};
}

TrainingResult train_classifier(const ClassifierFactory& factory, const ImageDataset& dataset,
                                const TrainingConfig& config) {
  const auto started = std::chrono::steady_clock::now();
  TrainingResult result;
  result.name = config.name;
  result.seed = config.seed;

  torch::manual_seed(config.seed);
  auto precision = std::make_shared<CptPrecision>();
  precision->seed = data::mix_seed(config.seed, 0x6370747175616eULL);
  Classifier classifier = factory(precision);
  classifier.module->to(config.device);
  result.operations = count_operations(classifier, *precision, dataset.image_shape());
  classifier.module->train();

  torch::optim::SGD optimizer(classifier.module->parameters(),
                              torch::optim::SGDOptions(config.learning_rate(0))
                                  .momentum(config.momentum)
                                  .weight_decay(config.weight_decay));
  data::DeviceResidentDataset train(dataset.train.images, dataset.train.labels, config.device,
                                    dataset.train_augmentation);
  std::int64_t epoch = 0;
  train.start_epoch(epoch, config.seed);
  std::deque<double> recent_losses;
  for (std::int64_t t = 0; t < config.iterations; ++t) {
    auto batch = train.next_batch(config.batch_size);
    if (!batch || batch->inputs.size(0) < config.batch_size) {  // drop the last partial batch
      train.start_epoch(++epoch, config.seed);
      batch = train.next_batch(config.batch_size);
    }
    precision->iteration = t;
    precision->forward_bits = config.forward_bits(t);
    precision->gradient_bits = config.gradient_bits(t);
    for (auto& group : optimizer.param_groups()) {
      static_cast<torch::optim::SGDOptions&>(group.options()).lr(config.learning_rate(t));
    }
    optimizer.zero_grad();
    const torch::Tensor logits = classifier.forward(batch->inputs);
    const torch::Tensor loss = torch::cross_entropy_loss(logits, batch->targets);
    const double loss_value = loss.item<double>();
    result.iterations_run = t + 1;
    if (!std::isfinite(loss_value)) {
      result.diverged = true;
      break;
    }
    loss.backward();
    optimizer.step();
    const double b = bits_or_full(precision->forward_bits);
    const double g = bits_or_full(precision->gradient_bits);
    result.training_bitops +=
        static_cast<double>(config.batch_size) *
        (static_cast<double>(result.operations.quantized_macs_per_image) *
             bitops_per_multiply_accumulate(b, g) +
         static_cast<double>(result.operations.full_precision_macs_per_image) *
             bitops_per_multiply_accumulate(32.0, 32.0));
    if (config.observe) {
      const double batch_accuracy =
          100.0 * logits.argmax(1).eq(batch->targets).to(torch::kFloat64).mean().item<double>();
      config.observe(t, loss_value, batch_accuracy);
    }
    recent_losses.push_back(loss_value);
    if (recent_losses.size() > 50) recent_losses.pop_front();
  }
  if (!recent_losses.empty()) {
    result.final_training_loss =
        std::accumulate(recent_losses.begin(), recent_losses.end(), 0.0) / recent_losses.size();
  }
  if (!result.diverged && config.evaluate) {
    precision->forward_bits = config.evaluation_forward_bits >= 0
                                   ? config.evaluation_forward_bits
                                   : config.forward_bits(config.iterations - 1);
    const auto [correct, accuracy] = evaluate_classifier(
        classifier, dataset.test, dataset.test_augmentation, config.evaluation_batch_size,
        config.device);
    result.test_correct = correct;
    result.test_count = dataset.test.images.size(0);
    result.test_accuracy_percent = accuracy;
  }
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace repro::cyclic_precision_training
