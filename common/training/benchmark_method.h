// The benchmark method both speed studies share (fp16_amp_ssd_resnet, dogs_vs_cats_mixed_precision):
//
//   1. Warm-up until stable: windows of `steps_per_window` steps are run untimed-for-the-result until
//      the last `stable_windows` window times lie within `stability_tolerance` (relative) of their
//      median, or `max_warmup_windows` ran (then the timing records that it never settled).
//   2. Throughput over windows: each timed sample is one window of N steps with ONE device sync at its
//      end (no host launch gap per step in the samples); ms/step = window time / N.
//   3. Modes interleaved: rounds of every mode, in rotated orders (round r starts at mode r mod M), so
//      drift (clocks, temperature) does not fall on one mode; several rounds in a process, and the
//      speed tiers repeat the whole in >= 3 separate processes (repeats are the independent samples:
//      samples of one process are correlated and only describe that process).
//   4. Summaries: the median ms/step with its distribution-free interval over repeats (stats/
//      timing_summary.h), images/s = batch / (ms/step) at the median, peak memory per mode.
//
// The functions here are pure (no device), so the method is unit-tested on the CPU; time_windows()
// runs it on a step.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "stats/timing_summary.h"

namespace repro::training {

struct BenchmarkMethodOptions {
  TORCH_ARG(std::int64_t, steps_per_window) = 20;
  TORCH_ARG(std::int64_t, timed_windows) = 10;
  TORCH_ARG(std::int64_t, stable_windows) = 3;
  TORCH_ARG(double, stability_tolerance) = 0.02;  // 2 % of the median window time
  TORCH_ARG(std::int64_t, max_warmup_windows) = 30;
};

// Throws repro::InputError naming the option unless steps_per_window > 0, timed_windows > 0,
// stable_windows >= 2, 0 < stability_tolerance < 1, max_warmup_windows >= stable_windows.
void check_benchmark_method_options(const BenchmarkMethodOptions& options);

// Whether the last `count` window times (of `window_ms`, in order) all lie within `tolerance` (relative)
// of their median: |t - median| <= tolerance * median. False when fewer than `count` windows.
bool windows_stable(const std::vector<double>& window_ms, std::int64_t count, double tolerance);

// The order of modes in `rounds` interleaved rounds of `modes` modes: round r is r, r+1, ..., r+M-1
// (mod M). Every mode runs once per round and takes every position equally often over M rounds.
// REQUIRES: modes > 0, rounds >= 0.
std::vector<std::int64_t> interleaved_order(std::int64_t modes, std::int64_t rounds);

// Per-step statistics of timed windows: ms_per_step[i] = window_ms[i] / steps_per_window, their
// summary (median and its interval), and images per second at the median and at the interval's ends
// (images_per_second_interval: lower from the slower end). REQUIRES: window_ms non-empty, finite,
// > 0; steps_per_window > 0; images_per_step > 0 (else InputError).
struct WindowStatistics {
  std::vector<double> ms_per_step;
  stats::TimingSummary summary_ms_per_step;
  double images_per_second = 0;
  double images_per_second_lower = 0, images_per_second_upper = 0;
};
WindowStatistics window_statistics(const std::vector<double>& window_ms, std::int64_t steps_per_window,
                                   std::int64_t images_per_step);

// One mode's windows: warm-up windows (all of them, for the record), whether the warm-up settled, and
// the timed windows (ms per window of steps_per_window steps).
struct WindowedTiming {
  std::vector<double> warmup_window_ms;
  bool warmup_stable = false;
  std::vector<double> window_ms;
  std::string clock;  // "steady-clock" around a window, ended by one device sync
};

// Runs the method's warm-up and `windows` timed windows of `step` on `device` (a CUDA device only
// when torch::cuda::is_available(), else InputError). On CUDA the sync is torch::cuda::synchronize
// at each window's end, timed with steady_clock from the previous sync (so launch latency within a
// window overlaps device work, as in training).
WindowedTiming time_windows(const std::function<void()>& step, const BenchmarkMethodOptions& options,
                            const torch::Device& device, std::int64_t windows);

}  // namespace repro::training
