#include "papers/fp16_amp_ssd_resnet/smoke_checks.h"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <stdexcept>

#include <fmt/format.h>
#include <torch/torch.h>

#include "common/study_context.h"
#include "common/training/loss_scaler.h"
#include "data/deterministic_random.h"
#include "data/synthetic_batches.h"
#include "papers/fp16_amp_ssd_resnet/claim_ids.h"
#include "papers/fp16_amp_ssd_resnet/precision_setup.h"
#include "papers/fp16_amp_ssd_resnet/resnet18_training.h"
#include "papers/fp16_amp_ssd_resnet/speed_benchmark.h"
#include "papers/fp16_amp_ssd_resnet/ssd300_training.h"
#include "papers/fp16_amp_ssd_resnet/voc07_hand_cases.h"

namespace repro::fp16_amp_ssd_resnet {
namespace {

using training::PrecisionMode;

// Reduced sizes that keep each smoke run to about a second on two CPU cores.
constexpr std::int64_t kSmokeResNetWidth = 8;
constexpr std::int64_t kSmokeSsdWidthDivisor = 8;

CifarTensors synthetic_cifar(std::int64_t train_count, std::int64_t test_count, std::uint64_t seed) {
  torch::Generator generator = at::detail::createCPUGenerator(seed);
  CifarTensors tensors;
  tensors.train_images = torch::rand({train_count, 3, 32, 32}, generator);
  tensors.train_labels = torch::randint(0, 10, {train_count}, generator, torch::kLong);
  tensors.test_images = torch::rand({test_count, 3, 32, 32}, generator);
  tensors.test_labels = torch::randint(0, 10, {test_count}, generator, torch::kLong);
  return tensors;
}

bool all_finite(const std::vector<double>& values) {
  for (double value : values) {
    if (!std::isfinite(value)) return false;
  }
  return !values.empty();
}

void decide_every_mode_trains(StudyContext& context) {
  if (!context.should_check(kSmokeEveryModeTrainsBothModels)) return;
  const torch::Device device = context.device() == DeviceKind::cuda ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
  const CifarTensors cifar = synthetic_cifar(16, 8, context.seed());
  const std::uint64_t seed = context.seed();
  const SsdBatchSource ssd_source = [seed](const std::vector<std::int64_t>& indices, std::int64_t iteration) {
    return data::synthetic_batch(data::StudyInput::ssd300, static_cast<std::int64_t>(indices.size()),
                                 data::mix_seed(seed, static_cast<std::uint64_t>(iteration)));
  };
  const SpeedBenchmarkOptions speed = SpeedBenchmarkOptions()
                                          .device(device)
                                          .warmup_iterations(1)
                                          .timed_iterations(2)
                                          .resnet18_batch_size(8)
                                          .ssd300_batch_size(2)
                                          .resnet18_base_width(kSmokeResNetWidth)
                                          .ssd300_width_divisor(kSmokeSsdWidthDivisor)
                                          .seed(seed);
  nlohmann::json measured = nlohmann::json::object();
  nlohmann::json rows = nlohmann::json::array();
  bool all_ran_finite = true;
  int modes_run = 0;
  for (PrecisionMode mode : study_precision_modes()) {
    const std::string name = training::to_string(mode);
    const std::string unavailable = precision_mode_unavailable_reason(mode, device);
    if (!unavailable.empty()) {
      measured[name] = {{"skipped", unavailable}};
      rows.push_back({name, "skipped", "", "", "", unavailable});
      continue;
    }
    ++modes_run;
    torch::manual_seed(seed);
    const training::TrainingHistory resnet = train_resnet18(
        ResNet18Cifar(ResNet18CifarOptions().base_width(kSmokeResNetWidth)), cifar,
        ResNetTrainingOptions().mode(mode).device(device).epochs(1).batch_size(8).seed(seed).run_name("smoke resnet18"));
    torch::manual_seed(seed);
    const training::TrainingHistory ssd = train_ssd300(
        Ssd300(Ssd300Options().width_divisor(kSmokeSsdWidthDivisor)), ssd_source, 4,
        SsdTrainingOptions().mode(mode).device(device).batch_size(2).iterations(2).seed(seed).run_name("smoke ssd300"));
    const IterationTiming resnet_speed = time_training_iteration(BenchmarkModel::resnet18, mode, speed);
    const IterationTiming ssd_speed = time_training_iteration(BenchmarkModel::ssd300, mode, speed);
    const bool finite = all_finite(resnet.losses) && !resnet.diverged && resnet.final_evaluation.has_value() &&
                        all_finite(ssd.losses) && !ssd.diverged && all_finite(resnet_speed.losses) &&
                        all_finite(ssd_speed.losses);
    all_ran_finite = all_ran_finite && finite;
    context.add_timing("smoke_resnet18_" + name + "_ms_per_iteration", "ms", resnet_speed.timing.samples_ms);
    context.add_timing("smoke_ssd300_" + name + "_ms_per_iteration", "ms", ssd_speed.timing.samples_ms);
    measured[name] = {{"resnet18_training_losses", resnet.losses},
                      {"resnet18_test_accuracy", resnet.final_evaluation ? resnet.final_evaluation->accuracy : -1.0},
                      {"ssd300_training_losses", ssd.losses},
                      {"resnet18_benchmark_losses", resnet_speed.losses},
                      {"ssd300_benchmark_losses", ssd_speed.losses},
                      {"resnet18_median_ms_per_iteration", resnet_speed.timing.summary_ms.median},
                      {"ssd300_median_ms_per_iteration", ssd_speed.timing.summary_ms.median}};
    rows.push_back({name, finite ? "finite" : "NOT finite", resnet.losses.size() + resnet_speed.losses.size(),
                    ssd.losses.size() + ssd_speed.losses.size(),
                    fmt::format("{:.1f} / {:.1f}", resnet_speed.timing.summary_ms.median, ssd_speed.timing.summary_ms.median),
                    ""});
  }
  context.add_table({{"id", "smoke_modes"},
                     {"title", "Smoke: each precision mode on this device (reduced widths, synthetic data)"},
                     {"columns", {"mode", "losses", "ResNet-18 iterations", "SSD300 iterations",
                                  "median ms/iteration ResNet-18 / SSD300", "skipped because"}},
                     {"rows", rows}});
  context.record_check(kSmokeEveryModeTrainsBothModels,
                       check_that(all_ran_finite && modes_run > 0)
                           .measured(measured)
                           .rule("every mode available on the device trains ResNet-18 (train_classifier, with an "
                                 "evaluation) and SSD300 (MultiBox through the harness) and runs the speed "
                                 "benchmark's iteration, all losses finite; unavailable modes are listed with "
                                 "their reason")
                           .reason(fmt::format("{} of {} modes ran on {}, all losses finite: {}", modes_run,
                                               study_precision_modes().size(), device.str(),
                                               all_ran_finite ? "yes" : "no")));
}

void decide_checkpoint_resume(StudyContext& context) {
  if (!context.should_check(kSmokeCheckpointResumeBitIdentical)) return;
  const std::uint64_t seed = context.seed();
  const CifarTensors cifar = synthetic_cifar(40, 16, seed + 1);
  const auto options = [&] {
    return ResNetTrainingOptions().epochs(2).batch_size(8).seed(seed).run_name("smoke resume");
  };
  torch::manual_seed(seed);
  const ResNet18Cifar uninterrupted(ResNet18CifarOptions().base_width(kSmokeResNetWidth));
  const training::TrainingHistory reference = train_resnet18(uninterrupted, cifar, options());

  const std::filesystem::path checkpoint = context.study_output_dir() / "smoke-resume.checkpoint";
  std::filesystem::create_directories(checkpoint.parent_path());
  std::filesystem::remove(checkpoint);
  constexpr std::int64_t kKillAtIteration = 7;  // 0-based: after the checkpoint at 4, in epoch 2
  torch::manual_seed(seed);
  const ResNet18Cifar killed(ResNet18CifarOptions().base_width(kSmokeResNetWidth));
  bool was_killed = false;
  try {
    train_resnet18(killed, cifar, options().checkpoint_path(checkpoint.string()).checkpoint_every_iterations(4)
                                      .on_iteration_end([](training::IterationState& state) {
                                        if (state.iteration == kKillAtIteration) throw std::runtime_error("killed");
                                      }));
  } catch (const std::runtime_error&) {
    was_killed = true;
  }
  torch::manual_seed(seed + 12345);  // a different initialisation and generator state
  const ResNet18Cifar resumed(ResNet18CifarOptions().base_width(kSmokeResNetWidth));
  const training::TrainingHistory continued =
      train_resnet18(resumed, cifar, options().checkpoint_path(checkpoint.string()).resume_from(checkpoint.string()));
  std::filesystem::remove(checkpoint);

  bool parameters_equal = true;
  const auto reference_parameters = uninterrupted->named_parameters();
  const auto resumed_parameters = resumed->named_parameters();
  for (const auto& item : reference_parameters) {
    parameters_equal = parameters_equal && torch::equal(item.value(), resumed_parameters[item.key()]);
  }
  const auto reference_buffers = uninterrupted->named_buffers();
  const auto resumed_buffers = resumed->named_buffers();
  for (const auto& item : reference_buffers) {
    parameters_equal = parameters_equal && torch::equal(item.value(), resumed_buffers[item.key()]);
  }
  const bool losses_equal = reference.losses == continued.losses;
  const bool accuracy_equal = reference.final_evaluation && continued.final_evaluation &&
                              reference.final_evaluation->correct_per_example ==
                                  continued.final_evaluation->correct_per_example &&
                              reference.final_evaluation->mean_loss == continued.final_evaluation->mean_loss;
  context.record_check(kSmokeCheckpointResumeBitIdentical,
                       check_that(was_killed && parameters_equal && losses_equal && accuracy_equal)
                           .measured({{"iterations", reference.iterations_completed},
                                      {"killed_at_iteration", kKillAtIteration},
                                      {"checkpoint_every_iterations", 4},
                                      {"parameters_and_buffers_equal", parameters_equal},
                                      {"losses_equal", losses_equal},
                                      {"final_evaluation_equal", accuracy_equal}})
                           .rule("ResNet-18 (dropout, shuffling, crop/flip, SGD momentum + weight decay) killed in "
                                 "iteration 8 and resumed from its checkpoint at 4 into a differently initialised "
                                 "model equals the uninterrupted run: parameters, buffers, every loss and the "
                                 "final per-example correctness, bit for bit (torch::equal, ==)")
                           .reason(fmt::format("killed: {}, parameters/buffers equal: {}, losses equal: {}, "
                                               "evaluation equal: {}",
                                               was_killed, parameters_equal, losses_equal, accuracy_equal)));
}

void decide_loss_scaler(StudyContext& context) {
  if (!context.should_check(kSmokeLossScalerSkipsOverflowingSteps)) return;
  const std::uint64_t seed = context.seed();
  const CifarTensors cifar = synthetic_cifar(256, 8, seed + 2);
  // Any loss above 2^-12 times 2^140 exceeds float32's 3.4e38 ≈ 2^128, so the first steps
  // overflow; each skip halves the scale until the scaled loss and gradients are finite.
  const double initial_scale = std::ldexp(1.0, 140);
  auto scaler = std::make_shared<training::DynamicLossScaler>(training::LossScalerOptions().initial_scale(initial_scale));
  torch::manual_seed(seed);
  const ResNet18Cifar model(ResNet18CifarOptions().base_width(kSmokeResNetWidth));
  torch::Tensor previous = model->parameters().front().detach().clone();
  bool skipped_steps_left_weights = true;
  std::vector<std::int64_t> skipped_iterations;
  const training::TrainingHistory history = train_resnet18(
      model, cifar,
      ResNetTrainingOptions().epochs(1).batch_size(8).seed(seed).evaluate_at_end(false).evaluate_every_epoch(false)
          .loss_scaler(scaler).run_name("smoke loss scaler")
          .on_iteration_end([&](training::IterationState& state) {
            const torch::Tensor weights = state.module->parameters().front().detach().clone();
            if (state.step_skipped) {
              skipped_iterations.push_back(state.iteration);
              skipped_steps_left_weights = skipped_steps_left_weights && torch::equal(previous, weights);
            }
            previous = weights;
          }));
  const auto skipped = static_cast<double>(history.skipped_steps);
  const double expected_scale = initial_scale * std::pow(0.5, skipped);
  const bool backed_off = history.skipped_steps >= 1 && scaler->current_scale() == expected_scale &&
                          history.skipped_steps < history.iterations_completed;
  context.record_check(kSmokeLossScalerSkipsOverflowingSteps,
                       check_that(backed_off && skipped_steps_left_weights && all_finite(history.losses))
                           .measured({{"initial_scale", initial_scale},
                                      {"skipped_steps", history.skipped_steps},
                                      {"skipped_iterations", skipped_iterations},
                                      {"iterations", history.iterations_completed},
                                      {"final_scale", scaler->current_scale()},
                                      {"skipped_steps_left_weights_unchanged", skipped_steps_left_weights}})
                           .rule("GradScaler semantics inside the trainer: overflowing steps are skipped with the "
                                 "weights unchanged, each skip halves the scale (growth only after 2,000 clean "
                                 "steps), later steps train with finite losses")
                           .reason(fmt::format("{} of {} steps skipped; scale 2^140 → 2^{:.0f}",
                                               history.skipped_steps, history.iterations_completed,
                                               std::log2(scaler->current_scale()))));
}

void decide_average_precision_cases(StudyContext& context) {
  if (!context.should_check(kSmokeVoc07AveragePrecisionHandCases)) return;
  nlohmann::json measured = nlohmann::json::array();
  bool all_equal = true;
  for (const AveragePrecisionHandCase& hand : voc07_hand_cases()) {
    const double computed = voc07_average_precision(hand.detections, hand.ground_truths, hand.options).average_precision;
    const bool equal = std::abs(computed - hand.expected_average_precision) <= 1e-12;
    all_equal = all_equal && equal;
    measured.push_back({{"case", hand.name}, {"computed", computed}, {"by_hand", hand.expected_average_precision}});
  }
  context.record_check(kSmokeVoc07AveragePrecisionHandCases,
                       check_that(all_equal)
                           .measured(measured)
                           .rule("the VOC07 11-point AP code equals the hand-computed AP of each case "
                                 "(voc07_hand_cases.cpp) to 1e-12")
                           .reason(all_equal ? "every case equals its hand value" : "a case differs"));
}

}  // namespace

void run_smoke_checks(StudyContext& context) {
  decide_average_precision_cases(context);
  decide_loss_scaler(context);
  decide_checkpoint_resume(context);
  decide_every_mode_trains(context);
}

}  // namespace repro::fp16_amp_ssd_resnet
