// Timing a training (or inference) step: warm-up calls excluded, then one sample per call.
//
//   auto timing = repro::training::time_step([&] { train_one_batch(); },
//       repro::training::StepTimerOptions().device(device).warmup_iterations(5)
//           .timed_iterations(50));
//   context.add_timing("train_step_fp16", "ms", timing.samples_ms);
//
// On a CUDA device (only when LibTorch was built with CUDA and a GPU is present) each sample is
// measured between two CUDA events recorded on the current stream when the CUDA event header is
// available at build time, else between two torch::cuda::synchronize() calls with
// std::chrono::steady_clock. On CPU: steady_clock around the call.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "stats/timing_summary.h"

namespace repro::training {

struct StepTimerOptions {
  TORCH_ARG(std::int64_t, warmup_iterations) = 3;
  TORCH_ARG(std::int64_t, timed_iterations) = 10;
  TORCH_ARG(torch::Device, device) = torch::Device(torch::kCPU);
};

struct StepTiming {
  std::vector<double> samples_ms;  // one per timed call, in call order
  stats::TimingSummary summary_ms;  // repro::stats::summarize_timings(samples_ms)
  std::string clock;  // "cuda-event", "cuda-synchronize-steady-clock" or "steady-clock"
};

// Calls `step` warmup_iterations times untimed, then timed_iterations times timed.
// REQUIRES: warmup_iterations >= 0, timed_iterations > 0, a CUDA device only when
// torch::cuda::is_available() (else repro::InputError).
StepTiming time_step(const std::function<void()>& step, const StepTimerOptions& options);

// Whether CUDA-event timing was compiled in (LibTorch with CUDA and <ATen/cuda/CUDAEvent.h>).
bool cuda_event_timing_compiled();

}  // namespace repro::training
