#include "common/training/step_timer.h"

#include <chrono>

#include "base/errors.h"

#if defined(REPRO_TORCH_HAS_CUDA) && __has_include(<ATen/cuda/CUDAEvent.h>)
#include <ATen/cuda/CUDAEvent.h>
#include <c10/cuda/CUDAStream.h>
#define REPRO_CUDA_EVENT_TIMING 1
#else
#define REPRO_CUDA_EVENT_TIMING 0
#endif

namespace repro::training {

bool cuda_event_timing_compiled() { return REPRO_CUDA_EVENT_TIMING != 0; }

StepTiming time_step(const std::function<void()>& step, const StepTimerOptions& options) {
  if (!step) throw InputError("time_step: no step to time");
  if (options.warmup_iterations() < 0) {
    throw InputError("step timer option warmup_iterations must be >= 0");
  }
  if (options.timed_iterations() <= 0) {
    throw InputError("step timer option timed_iterations must be > 0");
  }
  const bool on_cuda = options.device().is_cuda();
  if (on_cuda && !torch::cuda::is_available()) {
    throw InputError("step timer device " + options.device().str() +
                     " is not available (LibTorch without CUDA, or no GPU)");
  }
  const std::int64_t device_index = options.device().has_index() ? options.device().index() : -1;
  for (std::int64_t i = 0; i < options.warmup_iterations(); ++i) step();
  if (on_cuda) torch::cuda::synchronize(device_index);

  StepTiming timing;
  timing.samples_ms.reserve(static_cast<std::size_t>(options.timed_iterations()));
#if REPRO_CUDA_EVENT_TIMING
  if (on_cuda) {
    timing.clock = "cuda-event";
    for (std::int64_t i = 0; i < options.timed_iterations(); ++i) {
      at::cuda::CUDAEvent start(cudaEventDefault);
      at::cuda::CUDAEvent stop(cudaEventDefault);
      start.record();
      step();
      stop.record();
      stop.synchronize();
      timing.samples_ms.push_back(static_cast<double>(start.elapsed_time(stop)));
    }
    timing.summary_ms = stats::summarize_timings(timing.samples_ms);
    return timing;
  }
#endif
  timing.clock = on_cuda ? "cuda-synchronize-steady-clock" : "steady-clock";
  for (std::int64_t i = 0; i < options.timed_iterations(); ++i) {
    const auto start = std::chrono::steady_clock::now();
    step();
    if (on_cuda) torch::cuda::synchronize(device_index);
    timing.samples_ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
  }
  timing.summary_ms = stats::summarize_timings(timing.samples_ms);
  return timing;
}

}  // namespace repro::training
