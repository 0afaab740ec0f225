// Time per training iteration of the study's two networks in one precision mode, on synthetic
// data of the real shapes (CIFAR-10 32×32 batches of 128; SSD300 300×300 batches of 8 with
// their matched prior targets prepared once, outside the timing). One timed call is a whole
// iteration: zero_grad, forward (under autocast for the AMP modes), loss, backward (scaled for
// amp-fp16), optimizer step (through the loss scaler for amp-fp16). With `method`, timed by the
// shared benchmark method (common/training/benchmark_method.h): warm-up windows until stable, then
// `timed_windows` windows of `steps_per_window` iterations with one device sync each; a sample is
// one window's ms per iteration. cudnn.benchmark is set (to `cudnn_benchmark`) before the warm-up; the caller
// records the GPU's state before and after (common/gpu_record.h) in `conditions`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <torch/torch.h>

#include <nlohmann/json.hpp>

#include "common/training/benchmark_method.h"
#include "common/training/precision_mode.h"
#include "common/training/step_timer.h"

namespace repro::fp16_amp_ssd_resnet {

enum class BenchmarkModel { resnet18, ssd300 };
std::string to_string(BenchmarkModel model);

struct SpeedBenchmarkOptions {
  TORCH_ARG(torch::Device, device) = torch::Device(torch::kCPU);
  // Without a method (smoke checks): warmup_iterations untimed, then one sample per iteration
  // (common/training/step_timer). With one (the full tier): the shared benchmark method.
  TORCH_ARG(std::int64_t, warmup_iterations) = 10;
  TORCH_ARG(std::int64_t, timed_iterations) = 50;
  TORCH_ARG(std::optional<training::BenchmarkMethodOptions>, method) = std::nullopt;
  TORCH_ARG(bool, cudnn_benchmark) = true;
  TORCH_ARG(bool, channels_last) = false;  // convolution inputs and weights in NHWC
  TORCH_ARG(std::int64_t, resnet18_batch_size) = 128;
  TORCH_ARG(std::int64_t, ssd300_batch_size) = 8;
  TORCH_ARG(std::int64_t, resnet18_base_width) = 64;  // smaller only for smoke runs
  TORCH_ARG(std::int64_t, ssd300_width_divisor) = 1;  // larger only for smoke runs
  TORCH_ARG(std::uint64_t, seed) = 0;
};

struct IterationTiming {
  BenchmarkModel model = BenchmarkModel::resnet18;
  training::PrecisionMode mode = training::PrecisionMode::fp32;
  std::int64_t batch_size = 0;
  training::StepTiming timing;           // ms per iteration, one sample per timed window
  training::WindowedTiming windows;      // the raw windows (warm-up included, and whether it settled)
  nlohmann::json conditions;             // {"before", "after"}: set by the caller (gpu_timing_conditions)
  double flops_per_iteration = 0;        // 3 × 2 × multiply–accumulates × batch (forward + backward)
  std::vector<double> losses;            // the loss of every call (finite when the machinery works)
};

// REQUIRES: the mode runs on the device (precision_mode_unavailable_reason is "").
IterationTiming time_training_iteration(BenchmarkModel model, training::PrecisionMode mode,
                                        const SpeedBenchmarkOptions& options);

}  // namespace repro::fp16_amp_ssd_resnet
