// Training and evaluation of classifiers (images -> logits) for the studies: a deterministic
// mini-batch loop with hooks, divergence detection, periodic evaluation with per-example
// correctness (for McNemar tests), optional autocast + dynamic loss scaling, and checkpoints.
//
//   auto model = std::make_shared<MyNet>();                 // any torch::nn::Module with forward
//   auto history = repro::training::train_classifier(
//       repro::training::as_classifier(model), train_x, train_y, test_x, test_y,
//       repro::training::TrainingOptions().epochs(2).batch_size(64).seed(context.seed())
//           .optimizer(repro::training::OptimizerOptions().learning_rate(0.1).momentum(0.9))
//           .run_name("fp16 run 3"));
//   if (history.diverged) { ... history.divergence_iteration ... }
//
// Determinism: on CPU the same options (seed included) and the same initial model give
// bit-identical losses. Shuffling uses a permutation drawn from a torch::Generator seeded with
// (seed, epoch), independent of the global torch generator, so a resumed run shuffles the same.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <torch/torch.h>

#include "common/quantization/numerics_telemetry.h"

namespace repro::training {

class DynamicLossScaler;  // common/training/loss_scaler.h
class PrecisionPlugin;    // common/training/precision_plugin.h

// A classifier: the module that owns the parameters (train()/eval()/to(device)/parameters())
// and the function that maps a batch of inputs to logits [batch, classes].
struct Classifier {
  std::shared_ptr<torch::nn::Module> module;
  std::function<torch::Tensor(const torch::Tensor&)> forward;
};

// Wraps any module with a `Tensor forward(Tensor)` (including torch::nn::Sequential and modules
// built from repro::quantization layers).
template <typename ModuleType>
Classifier as_classifier(const std::shared_ptr<ModuleType>& module) {
  return Classifier{module, [module](const torch::Tensor& input) -> torch::Tensor {
                      return module->forward(input);
                    }};
}
template <typename ModuleType>
Classifier as_classifier(const torch::nn::ModuleHolder<ModuleType>& holder) {
  return as_classifier(holder.ptr());
}

enum class OptimizerKind { sgd, adam };

// What the hooks see. Fields marked "set by hooks" may be changed by a hook.
struct IterationState {
  std::int64_t iteration = 0;       // global 0-based index of this iteration
  std::int64_t epoch = 0;           // 0-based epoch
  std::int64_t batch_in_epoch = 0;  // 0-based index of the batch within the epoch
  torch::Tensor images;             // this iteration's batch (on the training device)
  torch::Tensor labels;
  torch::Tensor loss;               // undefined before the forward pass
  double loss_value = 0.0;          // valid in after_backward and on_iteration_end
  bool step_skipped = false;        // the loss scaler skipped this step (inf/NaN gradients)
  torch::nn::Module* module = nullptr;
  torch::optim::Optimizer* optimizer = nullptr;
  // With the precision plug-in's telemetry recording this iteration: copies of module->parameters()
  // (same order) taken just before the optimizer step, for the stagnant-update count in
  // on_iteration_end; else empty.
  std::vector<torch::Tensor> parameters_before_step;
  bool request_stop = false;        // set by hooks: stop after this iteration
};

using IterationHook = std::function<void(IterationState&)>;
// (logits, labels) -> scalar loss. Default: cross entropy on logits with int64 labels.
using LossFunction = std::function<torch::Tensor(const torch::Tensor&, const torch::Tensor&)>;
using OptimizerFactory =
    std::function<std::unique_ptr<torch::optim::Optimizer>(std::vector<torch::Tensor>)>;
// (iteration, epoch) -> learning rate for that iteration; overrides learning_rate.
using LearningRateSchedule = std::function<double(std::int64_t, std::int64_t)>;
// (batch images, iteration) -> transformed batch (data augmentation, dtype conversion). Must be
// deterministic given the iteration for reproducible runs (seed any RNG from the iteration).
using BatchTransform = std::function<torch::Tensor(const torch::Tensor&, std::int64_t)>;
// Batch images -> model input at evaluation (e.g. .to(torch::kHalf) for a half model).
using InputTransform = std::function<torch::Tensor(const torch::Tensor&)>;

// The optimizer and its learning rate.
struct OptimizerOptions {
  TORCH_ARG(OptimizerKind, kind) = OptimizerKind::sgd;
  TORCH_ARG(double, learning_rate) = 0.01;
  TORCH_ARG(LearningRateSchedule, learning_rate_schedule) = nullptr;
  TORCH_ARG(double, momentum) = 0.0;       // sgd
  TORCH_ARG(double, weight_decay) = 0.0;   // sgd and adam
  TORCH_ARG(bool, nesterov) = false;       // sgd
  TORCH_ARG(double, adam_beta1) = 0.9;
  TORCH_ARG(double, adam_beta2) = 0.999;
  TORCH_ARG(double, adam_epsilon) = 1e-8;
  // When set, replaces `kind` and its settings; gets the module's parameters.
  TORCH_ARG(OptimizerFactory, factory) = nullptr;
};

// When the test set is evaluated during training, and how.
struct EvaluationSchedule {
  // 0 = never; otherwise evaluate after every n-th iteration (iteration + 1 divisible by n).
  TORCH_ARG(std::int64_t, every_iterations) = 0;
  TORCH_ARG(bool, every_epoch) = true;
  // Evaluate once more at the end when the last evaluation was not at the last iteration.
  TORCH_ARG(bool, at_end) = true;
  TORCH_ARG(std::int64_t, batch_size) = 1000;
  // Keep the per-example correctness of every evaluation (memory: test size per evaluation);
  // the final evaluation's is always kept in TrainingHistory::final_evaluation.
  TORCH_ARG(bool, keep_correctness_of_every_evaluation) = false;
  // Batch images -> model input at evaluation (e.g. .to(torch::kHalf) for a half model).
  TORCH_ARG(InputTransform, input_transform) = nullptr;
};

// Divergence = non-finite loss, or a non-finite parameter after a step.
struct DivergenceOptions {
  // false (default): record it in the history and stop; true: throw repro::DivergenceError
  // naming the run and the iteration.
  TORCH_ARG(bool, throw_error) = false;
  TORCH_ARG(bool, check_parameters) = true;
};

// Checkpoints (common/training/checkpoint.h): write one every n iterations (0 = never) and at the
// end to `path`; resume from `resume_from` when that file exists.
struct CheckpointOptions {
  TORCH_ARG(std::string, path) = "";
  TORCH_ARG(std::int64_t, every_iterations) = 0;
  TORCH_ARG(std::string, resume_from) = "";
};

// The study's code in the loop. Before the forward pass (change precision), after backward
// before the optimizer step (inspect / quantize gradients), after the step (quantize weights,
// record). With a loss scaler, after_backward sees the unscaled gradients, and whether the step
// is skipped was decided when they were unscaled, before the hook (as with GradScaler).
// Divergence is checked on the loss before backward and on the parameters after
// on_iteration_end.
struct IterationHooks {
  TORCH_ARG(IterationHook, on_iteration_start) = nullptr;
  TORCH_ARG(IterationHook, after_backward) = nullptr;
  TORCH_ARG(IterationHook, on_iteration_end) = nullptr;
};

// A training run: the loop's own settings here, each other concern in its own options struct.
class TrainingOptions {
 public:
  TORCH_ARG(std::int64_t, epochs) = 1;
  TORCH_ARG(std::int64_t, batch_size) = 64;
  // Keep the last, smaller batch of an epoch (false) or drop it (true).
  TORCH_ARG(bool, drop_last) = false;
  TORCH_ARG(std::uint64_t, seed) = 0;
  TORCH_ARG(torch::Device, device) = torch::Device(torch::kCPU);
  TORCH_ARG(bool, shuffle) = true;  // a fresh permutation each epoch from (seed, epoch)
  // Total iteration cut-off (counted from iteration 0, also across a resume).
  TORCH_ARG(std::optional<std::int64_t>, max_iterations) = std::nullopt;
  TORCH_ARG(OptimizerOptions, optimizer) = OptimizerOptions();
  TORCH_ARG(EvaluationSchedule, evaluation) = EvaluationSchedule();
  TORCH_ARG(DivergenceOptions, divergence) = DivergenceOptions();
  TORCH_ARG(CheckpointOptions, checkpointing) = CheckpointOptions();
  TORCH_ARG(IterationHooks, hooks) = IterationHooks();
  TORCH_ARG(LossFunction, loss_function) = nullptr;
  TORCH_ARG(BatchTransform, batch_transform) = nullptr;
  // Names the run in divergence messages and logs.
  TORCH_ARG(std::string, run_name) = "training";
  // What the run's number formats do (common/training/precision_plugin.h): per iteration, choose
  // formats, quantize gradients, store parameters; autocast; loss scaling; numerical-health
  // telemetry. Null: plain float32 training.
  TORCH_ARG(std::shared_ptr<PrecisionPlugin>, precision) = nullptr;
};

struct EvaluationResult {
  double accuracy = 0.0;  // correct / total
  std::int64_t correct = 0;
  std::int64_t total = 0;
  double mean_loss = 0.0;  // mean cross entropy (or loss_function) over the examples
  // correct_per_example[i] == 1 when example i was classified correctly (for McNemar tests).
  std::vector<std::uint8_t> correct_per_example;
};

struct EvaluationRecord {
  std::int64_t iteration = 0;  // iterations completed when it was taken
  std::int64_t epoch = 0;      // epochs completed (fractional epochs round down)
  EvaluationResult result;     // correct_per_example empty unless kept
};

struct TrainingHistory {
  std::string run_name;
  std::vector<double> losses;  // one per completed iteration (NaN/Inf kept when diverged)
  std::vector<EvaluationRecord> evaluations;
  std::optional<EvaluationResult> final_evaluation;  // the last one, with correctness
  std::int64_t iterations_completed = 0;
  std::int64_t epochs_completed = 0;
  std::int64_t skipped_steps = 0;  // steps the loss scaler skipped
  double wall_duration_ms = 0.0;      // whole call
  double training_duration_ms = 0.0;  // excluding evaluations
  bool diverged = false;
  std::optional<std::int64_t> divergence_iteration;
  std::string divergence_reason;  // e.g. "loss is nan", "parameter fc.weight is not finite"
  // With the precision plug-in's telemetry: its closed periods (epoch = iterations / batches per
  // epoch). The harness pauses the telemetry during evaluations and closes a period at the end of
  // every epoch, before every evaluation and at the end of training (empty periods are dropped);
  // periods are not checkpointed: a resumed run's numerics start at the resume.
  std::vector<quantization::NumericsPeriod> numerics;
};

// Trains `model` on (train_images, train_labels) and evaluates on (test_images, test_labels).
// REQUIRES: images [N, ...], labels int64 [N] with N > 0 and equal; batch_size > 0; epochs >= 0
// (else repro::InputError naming the option). The model is moved to options.device().
TrainingHistory train_classifier(const Classifier& model, const torch::Tensor& train_images,
                                 const torch::Tensor& train_labels,
                                 const torch::Tensor& test_images,
                                 const torch::Tensor& test_labels, const TrainingOptions& options);

template <typename ModuleType>
TrainingHistory train_classifier(const std::shared_ptr<ModuleType>& model,
                                 const torch::Tensor& train_images,
                                 const torch::Tensor& train_labels,
                                 const torch::Tensor& test_images,
                                 const torch::Tensor& test_labels, const TrainingOptions& options) {
  return train_classifier(as_classifier(model), train_images, train_labels, test_images,
                          test_labels, options);
}
template <typename ModuleType>
TrainingHistory train_classifier(const torch::nn::ModuleHolder<ModuleType>& model,
                                 const torch::Tensor& train_images,
                                 const torch::Tensor& train_labels,
                                 const torch::Tensor& test_images,
                                 const torch::Tensor& test_labels, const TrainingOptions& options) {
  return train_classifier(as_classifier(model.ptr()), train_images, train_labels, test_images,
                          test_labels, options);
}

struct EvaluationOptions {
  TORCH_ARG(std::int64_t, batch_size) = 1000;
  TORCH_ARG(LossFunction, loss_function) = nullptr;  // default cross entropy
  TORCH_ARG(std::optional<torch::ScalarType>, autocast_dtype) = std::nullopt;
  TORCH_ARG(InputTransform, input_transform) = nullptr;  // applied after the move to the device
  // Inputs are moved batch by batch to the device of the model's first parameter (or CPU).
};

// Evaluates in eval() mode under NoGradGuard and restores the module's previous train() state.
// REQUIRES: images [N, ...], labels int64 [N], N > 0 (else repro::InputError).
EvaluationResult evaluate_classifier(const Classifier& model, const torch::Tensor& images,
                                     const torch::Tensor& labels,
                                     const EvaluationOptions& options = EvaluationOptions());
template <typename ModuleType>
EvaluationResult evaluate_classifier(const std::shared_ptr<ModuleType>& model,
                                     const torch::Tensor& images, const torch::Tensor& labels,
                                     std::int64_t batch_size = 1000) {
  return evaluate_classifier(as_classifier(model), images, labels,
                             EvaluationOptions().batch_size(batch_size));
}

// Iterations completed at the first evaluation whose accuracy >= target_accuracy, or nullopt.
std::optional<std::int64_t> iterations_to_reach(const TrainingHistory& history,
                                                double target_accuracy);

// Discordant counts of two evaluations of the same examples, for repro::stats::mcnemar_test:
// only_first_correct = b, only_second_correct = c. REQUIRES equal sizes (else InputError).
struct DiscordantCounts {
  std::int64_t only_first_correct = 0;
  std::int64_t only_second_correct = 0;
  std::int64_t both_correct = 0;
  std::int64_t both_wrong = 0;
};
DiscordantCounts count_discordant(const EvaluationResult& first, const EvaluationResult& second);

}  // namespace repro::training
