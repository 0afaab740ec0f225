// Time per training iteration of the study's two networks in one precision mode, on synthetic
// data of the real shapes (CIFAR-10 32×32 batches of 128; SSD300 300×300 batches of 8 with
// their matched prior targets prepared once, outside the timing). One timed call is a whole
// iteration: zero_grad, forward (under autocast for the AMP modes), loss, backward (scaled for
// amp-fp16), optimizer step (through the loss scaler for amp-fp16). Warm-up calls excluded;
// CUDA events on a GPU (common/training/step_timer).
#pragma once

#include <cstdint>
#include <string>

#include <torch/torch.h>

#include "common/training/precision_mode.h"
#include "common/training/step_timer.h"

namespace repro::fp16_amp_ssd_resnet {

enum class BenchmarkModel { resnet18, ssd300 };
std::string to_string(BenchmarkModel model);

struct SpeedBenchmarkOptions {
  TORCH_ARG(torch::Device, device) = torch::Device(torch::kCPU);
  TORCH_ARG(std::int64_t, warmup_iterations) = 10;
  TORCH_ARG(std::int64_t, timed_iterations) = 50;
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
  training::StepTiming timing;           // ms per iteration
  double flops_per_iteration = 0;        // 3 × 2 × multiply–accumulates × batch (forward + backward)
  std::vector<double> losses;            // the loss of every call (finite when the machinery works)
};

// REQUIRES: the mode runs on the device (precision_mode_unavailable_reason is "").
IterationTiming time_training_iteration(BenchmarkModel model, training::PrecisionMode mode,
                                        const SpeedBenchmarkOptions& options);

}  // namespace repro::fp16_amp_ssd_resnet
