#include "common/training/classifier_training.h"

#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <limits>
#include <numeric>

#include "base/errors.h"
#include "base/splitmix64.h"
#include "common/training/autocast.h"
#include "common/training/checkpoint.h"
#include "common/training/loss_scaler.h"
#include "common/training/precision_plugin.h"

namespace repro::training {
namespace {

using Clock = std::chrono::steady_clock;

double milliseconds_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

torch::Tensor default_loss(const torch::Tensor& logits, const torch::Tensor& labels) {
  return torch::nn::functional::cross_entropy(logits, labels);
}

// The order of the examples in `epoch`: a Fisher-Yates permutation driven by splitmix64 seeded
// from (seed, epoch), identical on every platform and LibTorch version.
torch::Tensor epoch_order(std::int64_t count, std::uint64_t seed, std::int64_t epoch,
                          bool shuffle) {
  std::vector<std::int64_t> order(static_cast<std::size_t>(count));
  std::iota(order.begin(), order.end(), std::int64_t{0});
  if (shuffle) {
    std::uint64_t state = seed;
    const std::uint64_t seed_mix = next_splitmix64(state);
    state = seed_mix ^ (static_cast<std::uint64_t>(epoch) * 0xD1B54A32D192ED03ULL);
    for (std::int64_t i = count - 1; i > 0; --i) {
      const auto bound = static_cast<unsigned __int128>(i + 1);
      const auto j = static_cast<std::int64_t>(
          (static_cast<unsigned __int128>(next_splitmix64(state)) * bound) >> 64);
      std::swap(order[static_cast<std::size_t>(i)], order[static_cast<std::size_t>(j)]);
    }
  }
  return torch::tensor(order, torch::kLong);
}

void check_examples(const torch::Tensor& images, const torch::Tensor& labels,
                    const std::string& images_name, const std::string& labels_name) {
  if (!images.defined() || !labels.defined()) {
    throw InputError(images_name + " and " + labels_name + " must be defined tensors");
  }
  if (images.dim() < 1 || images.size(0) == 0) {
    throw InputError(images_name + " must hold at least one example (shape [N, ...])");
  }
  if (labels.dim() != 1 || labels.size(0) != images.size(0)) {
    throw InputError(labels_name + " must have shape [" + std::to_string(images.size(0)) +
                     "] to match " + images_name);
  }
  if (labels.is_floating_point() || labels.is_complex()) {
    throw InputError(labels_name + " must be an integer tensor of class indices");
  }
}

torch::Device module_device(torch::nn::Module& module) {
  for (const auto& parameter : module.parameters()) return parameter.device();
  for (const auto& buffer : module.buffers()) return buffer.device();
  return torch::Device(torch::kCPU);
}

std::unique_ptr<torch::optim::Optimizer> make_optimizer(const TrainingOptions& options,
                                                        std::vector<torch::Tensor> parameters) {
  if (options.optimizer().factory()) {
    auto optimizer = options.optimizer().factory()(std::move(parameters));
    if (!optimizer) throw InputError("optimizer.factory returned no optimizer");
    return optimizer;
  }
  switch (options.optimizer().kind()) {
    case OptimizerKind::sgd:
      return std::make_unique<torch::optim::SGD>(
          std::move(parameters), torch::optim::SGDOptions(options.optimizer().learning_rate())
                                     .momentum(options.optimizer().momentum())
                                     .weight_decay(options.optimizer().weight_decay())
                                     .nesterov(options.optimizer().nesterov()));
    case OptimizerKind::adam:
      return std::make_unique<torch::optim::Adam>(
          std::move(parameters),
          torch::optim::AdamOptions(options.optimizer().learning_rate())
              .betas(std::make_tuple(options.optimizer().adam_beta1(), options.optimizer().adam_beta2()))
              .eps(options.optimizer().adam_epsilon())
              .weight_decay(options.optimizer().weight_decay()));
  }
  throw InputError("unknown optimizer kind");
}

// The name of the first parameter holding an inf or NaN, or "" when all are finite. One
// device synchronisation in the common all-finite case.
std::string first_non_finite_parameter(torch::nn::Module& module) {
  torch::NoGradGuard no_grad;
  const auto named = module.named_parameters(/*recurse=*/true);
  if (named.is_empty()) return "";
  std::vector<torch::Tensor> finite_flags;
  finite_flags.reserve(named.size());
  for (const auto& item : named) finite_flags.push_back(torch::isfinite(item.value()).all());
  if (torch::stack(finite_flags).all().item<bool>()) return "";
  for (const auto& item : named) {
    if (!torch::isfinite(item.value()).all().item<bool>()) return item.key();
  }
  return "";
}

void check_options(const TrainingOptions& options) {
  if (options.batch_size() <= 0) throw InputError("training option batch_size must be > 0");
  if (options.epochs() < 0) throw InputError("training option epochs must be >= 0");
  if (options.evaluation().batch_size() <= 0) {
    throw InputError("training option evaluation.batch_size must be > 0");
  }
  if (options.evaluation().every_iterations() < 0) {
    throw InputError("training option evaluation.every_iterations must be >= 0");
  }
  if (options.max_iterations() && *options.max_iterations() < 0) {
    throw InputError("training option max_iterations must be >= 0");
  }
  if (options.checkpointing().every_iterations() < 0) {
    throw InputError("training option checkpointing.every_iterations must be >= 0");
  }
  if (options.checkpointing().every_iterations() > 0 && options.checkpointing().path().empty()) {
    throw InputError("training option checkpointing.every_iterations needs checkpointing.path");
  }
}

// History <-> checkpoint tensors, so a resumed run's history continues the interrupted one.
constexpr int kEvaluationColumns = 6;

void store_history(const TrainingHistory& history, CheckpointState& state) {
  state.extra_tensors["history_losses"] =
      torch::tensor(history.losses, torch::kDouble).reshape({-1});
  std::vector<double> rows;
  for (const auto& record : history.evaluations) {
    rows.insert(rows.end(), {static_cast<double>(record.iteration),
                             static_cast<double>(record.epoch), record.result.accuracy,
                             static_cast<double>(record.result.correct),
                             static_cast<double>(record.result.total), record.result.mean_loss});
  }
  state.extra_tensors["history_evaluations"] =
      torch::tensor(rows, torch::kDouble).reshape({-1, kEvaluationColumns});
  state.extra_tensors["history_counters"] = torch::tensor(
      std::vector<double>{static_cast<double>(history.skipped_steps),
                          history.training_duration_ms},
      torch::kDouble);
}

void restore_history(const CheckpointState& state, TrainingHistory& history) {
  const auto losses = state.extra_tensors.find("history_losses");
  const auto evaluations = state.extra_tensors.find("history_evaluations");
  const auto counters = state.extra_tensors.find("history_counters");
  if (losses == state.extra_tensors.end() || evaluations == state.extra_tensors.end() ||
      counters == state.extra_tensors.end()) {
    return;  // a checkpoint written outside train_classifier: no history to continue
  }
  const auto loss_values = losses->second.to(torch::kDouble).contiguous();
  history.losses.assign(loss_values.data_ptr<double>(),
                        loss_values.data_ptr<double>() + loss_values.numel());
  const auto rows = evaluations->second.to(torch::kDouble).contiguous();
  const double* row = rows.data_ptr<double>();
  for (std::int64_t index = 0; index < rows.size(0); ++index, row += kEvaluationColumns) {
    EvaluationRecord record;
    record.iteration = static_cast<std::int64_t>(row[0]);
    record.epoch = static_cast<std::int64_t>(row[1]);
    record.result.accuracy = row[2];
    record.result.correct = static_cast<std::int64_t>(row[3]);
    record.result.total = static_cast<std::int64_t>(row[4]);
    record.result.mean_loss = row[5];
    history.evaluations.push_back(std::move(record));
  }
  const auto counter_values = counters->second.to(torch::kDouble).contiguous();
  history.skipped_steps = static_cast<std::int64_t>(counter_values[0].item<double>());
  history.training_duration_ms = counter_values[1].item<double>();
}

}  // namespace

EvaluationResult evaluate_classifier(const Classifier& model, const torch::Tensor& images,
                                     const torch::Tensor& labels,
                                     const EvaluationOptions& options) {
  if (!model.module || !model.forward) throw InputError("evaluate_classifier: empty classifier");
  check_examples(images, labels, "evaluation images", "evaluation labels");
  if (options.batch_size() <= 0) throw InputError("evaluation option batch_size must be > 0");
  const LossFunction loss_function =
      options.loss_function() ? options.loss_function() : LossFunction(default_loss);
  torch::nn::Module& module = *model.module;
  const bool was_training = module.is_training();
  module.eval();
  torch::NoGradGuard no_grad;
  const torch::Device device = module_device(module);
  const std::int64_t total = images.size(0);

  EvaluationResult result;
  result.total = total;
  result.correct_per_example.resize(static_cast<std::size_t>(total));
  double loss_sum = 0.0;
  try {
    for (std::int64_t start = 0; start < total; start += options.batch_size()) {
      const std::int64_t end = std::min(total, start + options.batch_size());
      torch::Tensor input = images.slice(0, start, end).to(device);
      if (options.input_transform()) input = options.input_transform()(input);
      const torch::Tensor target = labels.slice(0, start, end).to(device, torch::kLong);
      torch::Tensor logits;
      torch::Tensor loss;
      {
        std::optional<AutocastGuard> autocast;
        if (options.autocast_dtype()) autocast.emplace(device.type(), *options.autocast_dtype());
        logits = model.forward(input);
        loss = loss_function(logits, target);
      }
      loss_sum += loss.item<double>() * static_cast<double>(end - start);
      const torch::Tensor hits =
          logits.argmax(1).eq(target).to(torch::kCPU, torch::kUInt8).contiguous();
      std::memcpy(result.correct_per_example.data() + start, hits.data_ptr<std::uint8_t>(),
                  static_cast<std::size_t>(end - start));
    }
  } catch (...) {
    module.train(was_training);
    throw;
  }
  module.train(was_training);
  for (const std::uint8_t hit : result.correct_per_example) result.correct += hit;
  result.accuracy = static_cast<double>(result.correct) / static_cast<double>(total);
  result.mean_loss = loss_sum / static_cast<double>(total);
  return result;
}

namespace {

// One call of train_classifier: the loop's position, its history and the steps of an iteration.
class TrainingRun {
 public:
  TrainingRun(const Classifier& model, const torch::Tensor& train_images, const torch::Tensor& train_labels,
              const torch::Tensor& test_images, const torch::Tensor& test_labels, const TrainingOptions& options)
      : model_(model),
        module_(*model.module),
        train_images_(train_images),
        test_images_(test_images),
        test_labels_(test_labels),
        options_(options),
        device_(options.device()),
        labels_all_(train_labels.to(torch::kLong)),
        loss_function_(options.loss_function() ? options.loss_function() : LossFunction(default_loss)),
        precision_(options.precision().get()),
        autocast_(precision_ ? precision_->autocast_dtype() : std::nullopt),
        scaler_(precision_ ? precision_->loss_scaler() : nullptr),
        numerics_(precision_ ? precision_->telemetry() : nullptr),
        example_count_(train_images.size(0)),
        batch_size_(options.batch_size()),
        batches_per_epoch_(options.drop_last() ? example_count_ / batch_size_
                                               : (example_count_ + batch_size_ - 1) / batch_size_) {
    if (batches_per_epoch_ == 0) {
      throw InputError("training option drop_last with batch_size " + std::to_string(batch_size_) +
                       " leaves no batch of the " + std::to_string(example_count_) + " training examples");
    }
    module_.to(device_);
    module_.train();
    optimizer_ = make_optimizer(options, module_.parameters());
    history_.run_name = options.run_name();
  }

  TrainingHistory run() {
    resume_if_asked();
    const std::int64_t iteration_limit = options_.max_iterations().value_or(std::numeric_limits<std::int64_t>::max());
    bool stop = false;
    while (!stop && epoch_ < options_.epochs() && iteration_ < iteration_limit) {
      IterationState state = next_batch();
      if (!forward(state)) break;
      backward_and_step(state);
      if (!finish_iteration()) break;
      stop = state.request_stop;
    }
    // The final checkpoint holds what a periodic one at this iteration would: the end-of-run
    // evaluation is not part of it, so a run continued from it matches an uninterrupted one.
    if (!options_.checkpointing().path().empty() && !history_.diverged) write_checkpoint();
    if (options_.evaluation().at_end()) {
      const bool evaluated_at_the_end =
          !history_.evaluations.empty() && history_.evaluations.back().iteration == iteration_;
      if (!evaluated_at_the_end) {
        evaluate_now();
      } else if (!history_.final_evaluation) {
        // Resumed from a checkpoint written at the end: its evaluations come back without their
        // per-example results, so the final one is taken again (same weights, same result),
        // without a second record.
        history_.final_evaluation = evaluate_model();
      }
    }
    close_numerics_period();
    if (numerics_) history_.numerics = numerics_->periods();
    history_.wall_duration_ms = milliseconds_since(wall_start_);
    history_.training_duration_ms = previous_training_ms_ + history_.wall_duration_ms - evaluation_ms_;
    return std::move(history_);
  }

 private:
  // Continues from options.checkpointing().resume_from() when that file exists.
  void resume_if_asked() {
    const std::string& path = options_.checkpointing().resume_from();
    if (path.empty() || !std::filesystem::exists(path)) return;
    const CheckpointState state = load_checkpoint(path, module_, optimizer_.get());
    if (state.shuffle_seed != options_.seed()) {
      throw InputError("checkpoint " + path + " was written with seed " + std::to_string(state.shuffle_seed) +
                       ", not the run's seed " + std::to_string(options_.seed()));
    }
    iteration_ = state.iteration;
    epoch_ = state.epoch;
    batch_in_epoch_ = state.batch_in_epoch;
    if (scaler_ && state.loss_scaler) scaler_->load_state(*state.loss_scaler);
    restore_history(state, history_);
    previous_training_ms_ = history_.training_duration_ms;
    history_.iterations_completed = iteration_;
    history_.epochs_completed = epoch_;
  }

  // This iteration's batch (transformed, on the device), after on_iteration_start and with the
  // scheduled learning rate set.
  IterationState next_batch() {
    if (order_epoch_ != epoch_) {
      order_ = epoch_order(example_count_, options_.seed(), epoch_, options_.shuffle()).to(train_images_.device());
      order_epoch_ = epoch_;
    }
    const std::int64_t start = batch_in_epoch_ * batch_size_;
    const std::int64_t end = std::min(example_count_, start + batch_size_);
    const torch::Tensor indices = order_.slice(0, start, end);
    IterationState state;
    state.iteration = iteration_;
    state.epoch = epoch_;
    state.batch_in_epoch = batch_in_epoch_;
    state.images = train_images_.index_select(0, indices).to(device_);
    state.labels = labels_all_.index_select(0, indices.to(labels_all_.device())).to(device_);
    if (options_.batch_transform()) state.images = options_.batch_transform()(state.images, iteration_);
    state.module = &module_;
    state.optimizer = optimizer_.get();
    if (precision_) precision_->begin_iteration(state);
    if (options_.hooks().on_iteration_start()) options_.hooks().on_iteration_start()(state);
    if (options_.optimizer().learning_rate_schedule()) {
      const double learning_rate = options_.optimizer().learning_rate_schedule()(iteration_, epoch_);
      for (auto& group : optimizer_->param_groups()) group.options().set_lr(learning_rate);
    }
    return state;
  }

  // The forward pass and loss (under autocast when asked). False when the loss is not finite
  // without a loss scaler: recorded as divergence, the weights untouched.
  bool forward(IterationState& state) {
    optimizer_->zero_grad();
    {
      std::optional<AutocastGuard> autocast;
      if (autocast_) autocast.emplace(device_.type(), *autocast_);
      const torch::Tensor logits = model_.forward(state.images);
      state.loss = loss_function_(logits, state.labels);
    }
    state.loss_value = state.loss.item<double>();
    if (scaler_ || std::isfinite(state.loss_value)) return true;
    history_.losses.push_back(state.loss_value);
    record_divergence(iteration_, std::string("loss is ") + (std::isnan(state.loss_value) ? "nan" : "inf"));
    return false;
  }

  // Backward (scaled and unscaled with a loss scaler), after_backward, the optimizer step (skipped
  // by the scaler for non-finite gradients) and on_iteration_end.
  void backward_and_step(IterationState& state) {
    if (scaler_) {
      scaler_->scale(state.loss).backward();
      scaler_->unscale_(*optimizer_);
      if (precision_) precision_->after_backward(state);
      if (options_.hooks().after_backward()) options_.hooks().after_backward()(state);
      keep_parameters_before_step(state);
      state.step_skipped = !scaler_->step(*optimizer_);
      scaler_->update();
      if (state.step_skipped) ++history_.skipped_steps;
    } else {
      state.loss.backward();
      if (precision_) precision_->after_backward(state);
      if (options_.hooks().after_backward()) options_.hooks().after_backward()(state);
      keep_parameters_before_step(state);
      optimizer_->step();
    }
    history_.losses.push_back(state.loss_value);
    if (precision_) precision_->after_step(state);
    if (options_.hooks().on_iteration_end()) options_.hooks().on_iteration_end()(state);
  }

  // With numerics recording this iteration: copies of the parameters before the step.
  void keep_parameters_before_step(IterationState& state) {
    if (!numerics_ || !numerics_->recording()) return;
    torch::NoGradGuard no_grad;
    for (const torch::Tensor& parameter : module_.parameters()) {
      state.parameters_before_step.push_back(parameter.detach().clone());
    }
  }

  // Counts the iteration, then checks the parameters and evaluates and checkpoints when due.
  // False when a parameter is not finite (recorded as divergence).
  bool finish_iteration() {
    ++iteration_;
    ++batch_in_epoch_;
    bool epoch_finished = false;
    if (batch_in_epoch_ == batches_per_epoch_) {
      epoch_finished = true;
      ++epoch_;
      batch_in_epoch_ = 0;
      close_numerics_period();
    }
    history_.iterations_completed = iteration_;
    history_.epochs_completed = epoch_;
    if (options_.divergence().check_parameters()) {
      const std::string bad = first_non_finite_parameter(module_);
      if (!bad.empty()) {
        record_divergence(iteration_ - 1, "parameter " + bad + " is not finite after the step");
        return false;
      }
    }
    const std::int64_t every = options_.evaluation().every_iterations();
    if ((every > 0 && iteration_ % every == 0) || (epoch_finished && options_.evaluation().every_epoch())) {
      evaluate_now();
    }
    const std::int64_t checkpoint_every = options_.checkpointing().every_iterations();
    if (checkpoint_every > 0 && iteration_ % checkpoint_every == 0) write_checkpoint();
    return true;
  }

  void close_numerics_period() {
    if (numerics_) {
      numerics_->close_period(iteration_, static_cast<double>(iteration_) / static_cast<double>(batches_per_epoch_));
    }
  }

  // The model on the test set with the run's evaluation settings and autocast.
  EvaluationResult evaluate_model() {
    return evaluate_classifier(model_, test_images_, test_labels_,
                               EvaluationOptions()
                                   .batch_size(options_.evaluation().batch_size())
                                   .loss_function(options_.loss_function())
                                   .autocast_dtype(autocast_)
                                   .input_transform(options_.evaluation().input_transform()));
  }

  void evaluate_now() {
    const auto evaluation_start = Clock::now();
    close_numerics_period();
    if (numerics_) numerics_->set_paused(true);
    EvaluationResult result = evaluate_model();
    EvaluationRecord record;
    record.iteration = iteration_;
    record.epoch = epoch_;
    record.result = result;
    if (!options_.evaluation().keep_correctness_of_every_evaluation()) record.result.correct_per_example.clear();
    history_.evaluations.push_back(std::move(record));
    history_.final_evaluation = std::move(result);
    if (numerics_) numerics_->set_paused(false);
    evaluation_ms_ += milliseconds_since(evaluation_start);
  }

  void write_checkpoint() {
    CheckpointState state;
    state.iteration = iteration_;
    state.epoch = epoch_;
    state.batch_in_epoch = batch_in_epoch_;
    state.shuffle_seed = options_.seed();
    if (scaler_) state.loss_scaler = scaler_->state();
    history_.training_duration_ms = previous_training_ms_ + milliseconds_since(wall_start_) - evaluation_ms_;
    store_history(history_, state);
    save_checkpoint(options_.checkpointing().path(), module_, optimizer_.get(), state);
  }

  void record_divergence(std::int64_t at_iteration, const std::string& reason) {
    history_.diverged = true;
    history_.divergence_iteration = at_iteration;
    history_.divergence_reason = reason;
    if (options_.divergence().throw_error()) {
      throw DivergenceError("run '" + options_.run_name() + "' diverged at iteration " +
                            std::to_string(at_iteration) + ": " + reason);
    }
  }

  const Clock::time_point wall_start_ = Clock::now();
  const Classifier& model_;
  torch::nn::Module& module_;
  const torch::Tensor& train_images_;
  const torch::Tensor& test_images_;
  const torch::Tensor& test_labels_;
  const TrainingOptions& options_;
  const torch::Device device_;
  const torch::Tensor labels_all_;
  const LossFunction loss_function_;
  PrecisionPlugin* const precision_;
  const std::optional<torch::ScalarType> autocast_;
  const std::shared_ptr<DynamicLossScaler> scaler_;
  const std::shared_ptr<quantization::NumericsTelemetry> numerics_;
  const std::int64_t example_count_;
  const std::int64_t batch_size_;
  const std::int64_t batches_per_epoch_;
  std::unique_ptr<torch::optim::Optimizer> optimizer_;
  TrainingHistory history_;
  std::int64_t iteration_ = 0;
  std::int64_t epoch_ = 0;
  std::int64_t batch_in_epoch_ = 0;
  double previous_training_ms_ = 0.0;
  double evaluation_ms_ = 0.0;
  torch::Tensor order_;
  std::int64_t order_epoch_ = -1;
};

}  // namespace

TrainingHistory train_classifier(const Classifier& model, const torch::Tensor& train_images,
                                 const torch::Tensor& train_labels,
                                 const torch::Tensor& test_images,
                                 const torch::Tensor& test_labels, const TrainingOptions& options) {
  if (!model.module || !model.forward) throw InputError("train_classifier: empty classifier");
  check_options(options);
  check_examples(train_images, train_labels, "training images", "training labels");
  check_examples(test_images, test_labels, "test images", "test labels");
  return TrainingRun(model, train_images, train_labels, test_images, test_labels, options).run();
}

std::optional<std::int64_t> iterations_to_reach(const TrainingHistory& history,
                                                double target_accuracy) {
  for (const auto& record : history.evaluations) {
    if (record.result.accuracy >= target_accuracy) return record.iteration;
  }
  return std::nullopt;
}

DiscordantCounts count_discordant(const EvaluationResult& first, const EvaluationResult& second) {
  if (first.correct_per_example.size() != second.correct_per_example.size()) {
    throw InputError("count_discordant: evaluations of " +
                     std::to_string(first.correct_per_example.size()) + " and " +
                     std::to_string(second.correct_per_example.size()) +
                     " examples cannot be paired");
  }
  DiscordantCounts counts;
  for (std::size_t i = 0; i < first.correct_per_example.size(); ++i) {
    const bool a = first.correct_per_example[i] != 0;
    const bool b = second.correct_per_example[i] != 0;
    if (a && b) ++counts.both_correct;
    else if (a) ++counts.only_first_correct;
    else if (b) ++counts.only_second_correct;
    else ++counts.both_wrong;
  }
  return counts;
}

}  // namespace repro::training
