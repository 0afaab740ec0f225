#include "papers/fixed_point_fashion_mnist/training_run.h"

#include <algorithm>
#include <mutex>

#include <torch/torch.h>

#include "common/quantization/layer_quantization.h"
#include "common/quantization/quantize_tensor.h"
#include "common/training/classifier_training.h"
#include "papers/fixed_point_fashion_mnist/fashion_cnn.h"

namespace repro::fixed_point_fashion_mnist {
namespace {

// torch's global generator draws the initial weights: one model at a time.
std::mutex& construction_mutex() {
  static std::mutex mutex;
  return mutex;
}

// Stores every parameter in its role's format (weights or biases), as the slides' flow keeps
// the parameters in fixed point between steps.
void store_parameters_in_formats(torch::nn::Module& model,
                                 quantization::TrainingPrecision& precision) {
  torch::NoGradGuard no_grad;
  std::int64_t index = 0;
  for (auto& item : model.named_parameters()) {
    const bool is_bias = item.key().size() >= 4 && item.key().substr(item.key().size() - 4) == "bias";
    const quantization::Role role = is_bias ? quantization::Role::biases : quantization::Role::weights;
    const auto& spec = precision.spec(role);
    if (spec && !spec->is_identity()) {
      const quantization::StochasticKey key =
          spec->is_stochastic() ? precision.next_key(role, (1 << 20) + index)
                                : quantization::StochasticKey{};
      quantization::quantize_in_place(item.value(), *spec, key);
    }
    ++index;
  }
}

}  // namespace

RunResult train_configuration(const Configuration& configuration, const FashionData& data,
                              std::uint64_t seed, const torch::Device& device) {
  const quantization::PrecisionPolicy policy =
      configuration.formats ? precision_policy(*configuration.formats, configuration.choice)
                            : quantization::PrecisionPolicy();
  auto precision = std::make_shared<quantization::TrainingPrecision>(policy, seed);
  FashionCnn model{nullptr};
  {
    std::lock_guard<std::mutex> lock(construction_mutex());
    torch::manual_seed(seed);
    model = FashionCnn(precision);
  }
  model->to(device);
  store_parameters_in_formats(*model, *precision);

  const auto options =
      training::TrainingOptions()
          .epochs(configuration.epochs)
          .batch_size(configuration.batch_size)
          .learning_rate(configuration.learning_rate)
          .optimizer(training::OptimizerKind::adam)
          .seed(seed)
          .device(device)
          .evaluate_every_epoch(true)
          .evaluation_batch_size(1000)
          // Saturating fixed point keeps every parameter finite; a non-finite loss still counts.
          .check_parameters_for_divergence(false)
          .run_name(configuration.name + " seed " + std::to_string(seed))
          .loss_function([precision](const torch::Tensor& logits, const torch::Tensor& labels) {
            return quantization::quantize_loss(torch::cross_entropy_loss(logits, labels),
                                               *precision);
          })
          .on_iteration_start([precision](training::IterationState& state) {
            precision->set_iteration(state.iteration);
          })
          .after_backward([precision](training::IterationState& state) {
            std::vector<torch::Tensor> parameters = state.module->parameters();
            quantization::quantize_gradients(parameters, *precision, 1 << 21);
          })
          .on_iteration_end([precision](training::IterationState& state) {
            store_parameters_in_formats(*state.module, *precision);
          });
  const training::TrainingHistory history = training::train_classifier(
      model, data.train_images, data.train_labels, data.test_images, data.test_labels, options);

  RunResult result;
  result.configuration = configuration.name;
  result.seed = seed;
  result.diverged = history.diverged;
  result.divergence_reason = history.divergence_reason;
  result.duration_ms = history.wall_duration_ms;
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
