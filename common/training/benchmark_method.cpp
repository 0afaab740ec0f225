#include "common/training/benchmark_method.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "base/errors.h"

namespace repro::training {
namespace {

double median_of(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

// One window: `steps` calls, then one sync; milliseconds from the previous sync.
double run_window(const std::function<void()>& step, std::int64_t steps, const torch::Device& device) {
  const auto start = std::chrono::steady_clock::now();
  for (std::int64_t s = 0; s < steps; ++s) step();
  if (device.is_cuda()) torch::cuda::synchronize(device.has_index() ? device.index() : -1);
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

void check_benchmark_method_options(const BenchmarkMethodOptions& o) {
  if (o.steps_per_window() <= 0) throw InputError("benchmark option steps_per_window must be > 0");
  if (o.timed_windows() <= 0) throw InputError("benchmark option timed_windows must be > 0");
  if (o.stable_windows() < 2) throw InputError("benchmark option stable_windows must be >= 2");
  if (!(o.stability_tolerance() > 0.0 && o.stability_tolerance() < 1.0))
    throw InputError("benchmark option stability_tolerance must be in (0, 1)");
  if (o.max_warmup_windows() < o.stable_windows())
    throw InputError("benchmark option max_warmup_windows must be >= stable_windows");
}

bool windows_stable(const std::vector<double>& window_ms, std::int64_t count, double tolerance) {
  if (count <= 0 || static_cast<std::int64_t>(window_ms.size()) < count) return false;
  const std::vector<double> last(window_ms.end() - count, window_ms.end());
  const double median = median_of(last);
  return std::all_of(last.begin(), last.end(),
                     [&](double t) { return std::isfinite(t) && std::abs(t - median) <= tolerance * median; });
}

std::vector<std::int64_t> interleaved_order(std::int64_t modes, std::int64_t rounds) {
  if (modes <= 0 || rounds < 0) throw InputError("interleaved_order: need modes > 0 and rounds >= 0");
  std::vector<std::int64_t> order;
  order.reserve(static_cast<std::size_t>(modes * rounds));
  for (std::int64_t r = 0; r < rounds; ++r)
    for (std::int64_t k = 0; k < modes; ++k) order.push_back((r + k) % modes);
  return order;
}

WindowStatistics window_statistics(const std::vector<double>& window_ms, std::int64_t steps_per_window,
                                   std::int64_t images_per_step) {
  if (steps_per_window <= 0) throw InputError("window statistics: steps_per_window must be > 0");
  if (images_per_step <= 0) throw InputError("window statistics: images_per_step must be > 0");
  WindowStatistics result;
  for (double t : window_ms) {
    if (!(std::isfinite(t) && t > 0)) throw InputError("window statistics: window times must be finite and > 0");
    result.ms_per_step.push_back(t / static_cast<double>(steps_per_window));
  }
  result.summary_ms_per_step = stats::summarize_timings(result.ms_per_step);  // InputError when empty
  const double images_ms = static_cast<double>(images_per_step) * 1e3;
  result.images_per_second = images_ms / result.summary_ms_per_step.median;
  result.images_per_second_lower = images_ms / result.summary_ms_per_step.median_interval.upper;
  result.images_per_second_upper = images_ms / result.summary_ms_per_step.median_interval.lower;
  return result;
}

WindowedTiming time_windows(const std::function<void()>& step, const BenchmarkMethodOptions& options,
                            const torch::Device& device, std::int64_t windows) {
  check_benchmark_method_options(options);
  if (!step) throw InputError("time_windows: no step to time");
  if (windows <= 0) throw InputError("time_windows: windows must be > 0");
  if (device.is_cuda() && !torch::cuda::is_available())
    throw InputError("benchmark device " + device.str() + " is not available (LibTorch without CUDA, or no GPU)");
  WindowedTiming timing;
  timing.clock = "steady-clock";
  if (device.is_cuda()) torch::cuda::synchronize(device.has_index() ? device.index() : -1);
  while (static_cast<std::int64_t>(timing.warmup_window_ms.size()) < options.max_warmup_windows()) {
    timing.warmup_window_ms.push_back(run_window(step, options.steps_per_window(), device));
    if (windows_stable(timing.warmup_window_ms, options.stable_windows(), options.stability_tolerance())) {
      timing.warmup_stable = true;
      break;
    }
  }
  for (std::int64_t w = 0; w < windows; ++w)
    timing.window_ms.push_back(run_window(step, options.steps_per_window(), device));
  return timing;
}

}  // namespace repro::training
