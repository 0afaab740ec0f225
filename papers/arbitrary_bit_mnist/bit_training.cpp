#include "papers/arbitrary_bit_mnist/bit_training.h"

#include <algorithm>
#include <chrono>
#include <memory>

#include <torch/torch.h>

#include "base/errors.h"
#include "common/quantization/layer_quantization.h"
#include "common/training/classifier_training.h"
#include "common/training/precision_plugin.h"
#include "common/training/training_numerics.h"

namespace repro::arbitrary_bit_mnist {
namespace {

using quantization::Role;
namespace training = repro::training;

constexpr std::int64_t kEvaluationBatchSize = 2000;

// Stores every parameter at N bits (the key streams keep stochastic draws distinct per
// parameter and iteration), counted under role weights; `before` (the parameters before the
// step, or empty) adds the stagnant-update count.
void store_parameters(BitNetwork& network, const quantization::QuantizationSpec& spec,
                      quantization::TrainingPrecision& precision,
                      const std::vector<torch::Tensor>& before = {}) {
  if (spec.is_identity()) return;
  std::int64_t index = 0;
  for (auto& parameter : network->parameters()) {
    const auto position = static_cast<std::size_t>(index);
    quantization::store_parameter(parameter, spec, Role::weights, precision, index,
                                  position < before.size() ? before[position] : torch::Tensor());
    ++index;
  }
}

void check_config(const RunConfig& config, const MnistTensors& data) {
  if (config.iterations <= 0) throw InputError("arbitrary_bit_mnist: a run needs iterations > 0");
  if (config.evaluate_every < 0) {
    throw InputError("arbitrary_bit_mnist: a run needs evaluate_every >= 0");
  }
  if (config.evaluation_images <= 0) {
    throw InputError("arbitrary_bit_mnist: a run needs evaluation_images > 0");
  }
  if (config.batch_size <= 0 || config.batch_size > data.train_images.size(0)) {
    throw InputError("arbitrary_bit_mnist: a run needs 0 < batch_size <= the " +
                     std::to_string(data.train_images.size(0)) + " training images, not " +
                     std::to_string(config.batch_size));
  }
}

// The iterations after which the curve has a point: every evaluate_every-th, and the last.
std::vector<std::int64_t> evaluation_schedule(const RunConfig& config) {
  std::vector<std::int64_t> schedule;
  if (config.evaluate_every > 0) {
    for (std::int64_t at = config.evaluate_every; at <= config.iterations;
         at += config.evaluate_every) {
      schedule.push_back(at);
    }
  }
  if (schedule.empty() || schedule.back() != config.iterations) {
    schedule.push_back(config.iterations);
  }
  return schedule;
}

}  // namespace

std::string to_string(Truncated truncated) {
  return truncated == Truncated::parameters ? "weights and biases"
                                            : "weights, biases and activations";
}

RunResult train_at_bits(const RunConfig& config, const MnistTensors& data) {
  check_config(config, data);
  const auto started = std::chrono::steady_clock::now();
  const quantization::QuantizationSpec spec = bit_quantization(config.bits, config.rounding);
  auto precision = std::make_shared<quantization::TrainingPrecision>(
      quantization::PrecisionPolicy().weights(spec).activations(spec), config.seed);
  torch::manual_seed(config.seed);
  BitNetwork network(config.shape, config.truncated == Truncated::parameters_and_activations
                                       ? precision
                                       : nullptr);
  store_parameters(network, spec, *precision);  // the initial weights are N-bit numbers too

  const std::int64_t train_count = data.train_images.size(0);
  const std::int64_t test_count = data.test_images.size(0);
  const std::int64_t evaluation_count = std::min(config.evaluation_images, test_count);
  const std::int64_t batches_per_pass = train_count / config.batch_size;  // ragged tail dropped
  const std::int64_t passes = (config.iterations + batches_per_pass - 1) / batches_per_pass;

  // The stochastic-rounding streams follow the iteration; the telemetry counts every N-bit store;
  // the weights are stored as N-bit numbers "after each batch".
  auto bit_precision = std::make_shared<training::QuantizedPrecision>(precision);
  bit_precision->store_with([&](training::IterationState& state) {
    store_parameters(network, spec, *precision, state.parameters_before_step);
  });
  auto options =
      training::TrainingOptions()
          .epochs(passes)
          .max_iterations(config.iterations)
          .batch_size(config.batch_size)
          .drop_last(true)
          // plain SGD: no momentum, no weight decay
          .optimizer(training::OptimizerOptions().learning_rate(config.learning_rate))
          .seed(config.seed)
          .evaluation(training::EvaluationSchedule()
                          .every_iterations(config.evaluate_every)
                          .every_epoch(false)
                          .at_end(true)
                          .batch_size(kEvaluationBatchSize))
          .precision(bit_precision)
          .run_name("arbitrary_bit_mnist " + spec.to_string() +
                    " seed " + std::to_string(config.seed));
  const training::TrainingHistory history = training::train_classifier(
      network, data.train_images, data.train_labels,
      data.test_images.slice(0, 0, evaluation_count),
      data.test_labels.slice(0, 0, evaluation_count), options);

  RunResult result;
  result.diverged = history.diverged;
  result.divergence_reason = history.divergence_reason;
  result.numerics = history.numerics;
  const bool last_evaluation_is_final =
      !history.evaluations.empty() &&
      history.evaluations.back().iteration == history.iterations_completed;
  if (evaluation_count == test_count && last_evaluation_is_final) {
    result.final_accuracy = history.evaluations.back().result.accuracy;
  } else {
    result.final_accuracy =
        training::evaluate_classifier(training::as_classifier(network), data.test_images,
                                      data.test_labels,
                                      training::EvaluationOptions().batch_size(kEvaluationBatchSize))
            .accuracy;
  }
  // One point per scheduled evaluation; past a divergence, the broken network's final accuracy.
  for (const std::int64_t at : evaluation_schedule(config)) {
    double accuracy = result.final_accuracy;
    for (const auto& record : history.evaluations) {
      if (record.iteration == at) accuracy = record.result.accuracy;
    }
    result.epochs.push_back(static_cast<double>(at * config.batch_size) /
                            static_cast<double>(train_count));
    result.accuracy.push_back(accuracy);
  }
  result.duration_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

void report_bit_numerics(StudyContext& context, const std::string& label,
                         const std::map<int, std::vector<RunResult>>& truncation,
                         const std::map<int, std::vector<RunResult>>& stochastic) {
  std::vector<training::RunNumerics> runs;
  for (const auto& [rounding, sweep] : {std::pair{"truncation", &truncation},
                                        std::pair{"stochastic", &stochastic}}) {
    for (const auto& [bits, seeds] : *sweep) {
      const std::string configuration =
          label + ", " + std::to_string(bits) + " bits, " + rounding;
      for (std::size_t index = 0; index < seeds.size(); ++index) {
        if (seeds[index].numerics.empty()) continue;
        runs.push_back({configuration + " seed " + std::to_string(index + 1), configuration,
                        static_cast<std::uint64_t>(index + 1), nullptr, seeds[index].numerics});
      }
    }
  }
  training::NumericsReportOptions options;
  options.id_prefix = "numerics_" + label;
  training::report_numerics(context, runs, options);
}

}  // namespace repro::arbitrary_bit_mnist
