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
  if (options.optimizer_factory()) {
    auto optimizer = options.optimizer_factory()(std::move(parameters));
    if (!optimizer) throw InputError("optimizer_factory returned no optimizer");
    return optimizer;
  }
  switch (options.optimizer()) {
    case OptimizerKind::sgd:
      return std::make_unique<torch::optim::SGD>(
          std::move(parameters), torch::optim::SGDOptions(options.learning_rate())
                                     .momentum(options.momentum())
                                     .weight_decay(options.weight_decay())
                                     .nesterov(options.nesterov()));
    case OptimizerKind::adam:
      return std::make_unique<torch::optim::Adam>(
          std::move(parameters),
          torch::optim::AdamOptions(options.learning_rate())
              .betas(std::make_tuple(options.adam_beta1(), options.adam_beta2()))
              .eps(options.adam_epsilon())
              .weight_decay(options.weight_decay()));
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
  if (options.evaluation_batch_size() <= 0) {
    throw InputError("training option evaluation_batch_size must be > 0");
  }
  if (options.evaluate_every_iterations() < 0) {
    throw InputError("training option evaluate_every_iterations must be >= 0");
  }
  if (options.max_iterations() && *options.max_iterations() < 0) {
    throw InputError("training option max_iterations must be >= 0");
  }
  if (options.checkpoint_every_iterations() < 0) {
    throw InputError("training option checkpoint_every_iterations must be >= 0");
  }
  if (options.checkpoint_every_iterations() > 0 && options.checkpoint_path().empty()) {
    throw InputError("training option checkpoint_every_iterations needs checkpoint_path");
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

TrainingHistory train_classifier(const Classifier& model, const torch::Tensor& train_images,
                                 const torch::Tensor& train_labels,
                                 const torch::Tensor& test_images,
                                 const torch::Tensor& test_labels, const TrainingOptions& options) {
  const auto wall_start = Clock::now();
  if (!model.module || !model.forward) throw InputError("train_classifier: empty classifier");
  check_options(options);
  check_examples(train_images, train_labels, "training images", "training labels");
  check_examples(test_images, test_labels, "test images", "test labels");

  const torch::Device device = options.device();
  torch::nn::Module& module = *model.module;
  module.to(device);
  module.train();
  std::unique_ptr<torch::optim::Optimizer> optimizer =
      make_optimizer(options, module.parameters());
  DynamicLossScaler* const scaler = options.loss_scaler().get();
  const LossFunction loss_function =
      options.loss_function() ? options.loss_function() : LossFunction(default_loss);
  const torch::Tensor labels_all = train_labels.to(torch::kLong);

  const std::int64_t example_count = train_images.size(0);
  const std::int64_t batch_size = options.batch_size();
  const std::int64_t batches_per_epoch = options.drop_last()
                                             ? example_count / batch_size
                                             : (example_count + batch_size - 1) / batch_size;
  if (batches_per_epoch == 0) {
    throw InputError("training option drop_last with batch_size " + std::to_string(batch_size) +
                     " leaves no batch of the " + std::to_string(example_count) +
                     " training examples");
  }
  const std::int64_t iteration_limit =
      options.max_iterations().value_or(std::numeric_limits<std::int64_t>::max());

  TrainingHistory history;
  history.run_name = options.run_name();
  std::int64_t iteration = 0;
  std::int64_t epoch = 0;
  std::int64_t batch_in_epoch = 0;
  double previous_training_ms = 0.0;

  if (!options.resume_from().empty() && std::filesystem::exists(options.resume_from())) {
    const CheckpointState state = load_checkpoint(options.resume_from(), module, optimizer.get());
    if (state.shuffle_seed != options.seed()) {
      throw InputError("checkpoint " + options.resume_from() + " was written with seed " +
                       std::to_string(state.shuffle_seed) + ", not the run's seed " +
                       std::to_string(options.seed()));
    }
    iteration = state.iteration;
    epoch = state.epoch;
    batch_in_epoch = state.batch_in_epoch;
    if (scaler && state.loss_scaler) scaler->load_state(*state.loss_scaler);
    restore_history(state, history);
    previous_training_ms = history.training_duration_ms;
    history.iterations_completed = iteration;
    history.epochs_completed = epoch;
  }

  quantization::NumericsTelemetry* const numerics = options.numerics().get();
  const auto close_numerics_period = [&] {
    if (numerics) {
      numerics->close_period(iteration, static_cast<double>(iteration) /
                                            static_cast<double>(batches_per_epoch));
    }
  };
  double evaluation_ms = 0.0;
  const auto evaluate_now = [&] {
    const auto evaluation_start = Clock::now();
    close_numerics_period();
    if (numerics) numerics->set_paused(true);
    EvaluationResult result = evaluate_classifier(
        model, test_images, test_labels,
        EvaluationOptions()
            .batch_size(options.evaluation_batch_size())
            .loss_function(options.loss_function())
            .autocast_dtype(options.autocast_dtype())
            .input_transform(options.evaluation_transform()));
    EvaluationRecord record;
    record.iteration = iteration;
    record.epoch = epoch;
    record.result = result;
    if (!options.keep_correctness_of_every_evaluation()) {
      record.result.correct_per_example.clear();
    }
    history.evaluations.push_back(std::move(record));
    history.final_evaluation = std::move(result);
    if (numerics) numerics->set_paused(false);
    evaluation_ms += milliseconds_since(evaluation_start);
  };
  const auto write_checkpoint = [&] {
    CheckpointState state;
    state.iteration = iteration;
    state.epoch = epoch;
    state.batch_in_epoch = batch_in_epoch;
    state.shuffle_seed = options.seed();
    if (scaler) state.loss_scaler = scaler->state();
    history.training_duration_ms =
        previous_training_ms + milliseconds_since(wall_start) - evaluation_ms;
    store_history(history, state);
    save_checkpoint(options.checkpoint_path(), module, optimizer.get(), state);
  };
  const auto record_divergence = [&](std::int64_t at_iteration, const std::string& reason) {
    history.diverged = true;
    history.divergence_iteration = at_iteration;
    history.divergence_reason = reason;
    if (options.throw_on_divergence()) {
      throw DivergenceError("run '" + options.run_name() + "' diverged at iteration " +
                            std::to_string(at_iteration) + ": " + reason);
    }
  };

  torch::Tensor order;
  std::int64_t order_epoch = -1;
  bool stop = false;
  while (!stop && epoch < options.epochs() && iteration < iteration_limit) {
    if (order_epoch != epoch) {
      order = epoch_order(example_count, options.seed(), epoch, options.shuffle())
                  .to(train_images.device());
      order_epoch = epoch;
    }
    const std::int64_t start = batch_in_epoch * batch_size;
    const std::int64_t end = std::min(example_count, start + batch_size);
    const torch::Tensor indices = order.slice(0, start, end);
    IterationState state;
    state.iteration = iteration;
    state.epoch = epoch;
    state.batch_in_epoch = batch_in_epoch;
    state.images = train_images.index_select(0, indices).to(device);
    state.labels = labels_all.index_select(0, indices.to(labels_all.device())).to(device);
    if (options.batch_transform()) state.images = options.batch_transform()(state.images, iteration);
    state.module = &module;
    state.optimizer = optimizer.get();
    if (options.on_iteration_start()) options.on_iteration_start()(state);
    if (options.learning_rate_schedule()) {
      const double learning_rate = options.learning_rate_schedule()(iteration, epoch);
      for (auto& group : optimizer->param_groups()) group.options().set_lr(learning_rate);
    }

    optimizer->zero_grad();
    {
      std::optional<AutocastGuard> autocast;
      if (options.autocast_dtype()) autocast.emplace(device.type(), *options.autocast_dtype());
      const torch::Tensor logits = model.forward(state.images);
      state.loss = loss_function(logits, state.labels);
    }
    state.loss_value = state.loss.item<double>();
    if (!scaler && !std::isfinite(state.loss_value)) {
      history.losses.push_back(state.loss_value);
      record_divergence(iteration, std::string("loss is ") +
                                       (std::isnan(state.loss_value) ? "nan" : "inf"));
      break;
    }
    const auto keep_parameters_before_step = [&] {
      if (!numerics || !numerics->recording()) return;
      torch::NoGradGuard no_grad;
      for (const torch::Tensor& parameter : module.parameters()) {
        state.parameters_before_step.push_back(parameter.detach().clone());
      }
    };
    if (scaler) {
      scaler->scale(state.loss).backward();
      scaler->unscale_(*optimizer);
      if (options.after_backward()) options.after_backward()(state);
      keep_parameters_before_step();
      state.step_skipped = !scaler->step(*optimizer);
      scaler->update();
      if (state.step_skipped) ++history.skipped_steps;
    } else {
      state.loss.backward();
      if (options.after_backward()) options.after_backward()(state);
      keep_parameters_before_step();
      optimizer->step();
    }
    history.losses.push_back(state.loss_value);
    if (options.on_iteration_end()) options.on_iteration_end()(state);

    ++iteration;
    ++batch_in_epoch;
    bool epoch_finished = false;
    if (batch_in_epoch == batches_per_epoch) {
      epoch_finished = true;
      ++epoch;
      batch_in_epoch = 0;
      close_numerics_period();
    }
    history.iterations_completed = iteration;
    history.epochs_completed = epoch;

    if (options.check_parameters_for_divergence()) {
      const std::string bad = first_non_finite_parameter(module);
      if (!bad.empty()) {
        record_divergence(iteration - 1, "parameter " + bad + " is not finite after the step");
        break;
      }
    }
    const std::int64_t every = options.evaluate_every_iterations();
    if ((every > 0 && iteration % every == 0) ||
        (epoch_finished && options.evaluate_every_epoch())) {
      evaluate_now();
    }
    const std::int64_t checkpoint_every = options.checkpoint_every_iterations();
    if (checkpoint_every > 0 && iteration % checkpoint_every == 0) write_checkpoint();
    stop = state.request_stop;
  }

  // The final checkpoint holds what a periodic one at this iteration would: the end-of-run
  // evaluation is not part of it, so a run continued from it matches an uninterrupted one.
  if (!options.checkpoint_path().empty() && !history.diverged) write_checkpoint();
  if (options.evaluate_at_end() &&
      (history.evaluations.empty() || history.evaluations.back().iteration != iteration)) {
    evaluate_now();
  }
  close_numerics_period();
  if (numerics) history.numerics = numerics->periods();
  history.wall_duration_ms = milliseconds_since(wall_start);
  history.training_duration_ms =
      previous_training_ms + history.wall_duration_ms - evaluation_ms;
  return history;
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
