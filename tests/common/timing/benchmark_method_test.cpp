// The shared benchmark method's pure parts: stability of warm-up windows, the interleaving order,
// per-step window statistics; and time_windows on a CPU step.
#include <gtest/gtest.h>

#include <map>
#include <vector>

#include "base/errors.h"
#include "common/training/benchmark_method.h"

namespace repro::training {
namespace {

TEST(BenchmarkMethod, StableWhenTheLastWindowsAreWithinTolerance) {
  EXPECT_FALSE(windows_stable({10.0, 10.1}, 3, 0.02));                 // too few windows
  EXPECT_TRUE(windows_stable({30.0, 12.0, 10.0, 10.1, 9.9}, 3, 0.02));  // warm-up transient before
  EXPECT_FALSE(windows_stable({10.0, 10.1, 10.5}, 3, 0.02));            // 10.5 is 4 % above the median 10.1
  EXPECT_TRUE(windows_stable({10.0, 10.1, 10.5}, 3, 0.05));
  EXPECT_FALSE(windows_stable({10.0, 10.0, 20.0, 10.0}, 3, 0.02));      // a spike among the last three
}

TEST(BenchmarkMethod, InterleavedRoundsRotateEveryModeThroughEveryPosition) {
  const std::vector<std::int64_t> order = interleaved_order(3, 3);
  EXPECT_EQ(order, (std::vector<std::int64_t>{0, 1, 2, 1, 2, 0, 2, 0, 1}));
  std::map<std::pair<std::int64_t, std::int64_t>, int> mode_at_position;
  for (std::size_t i = 0; i < order.size(); ++i) ++mode_at_position[{order[i], static_cast<std::int64_t>(i % 3)}];
  EXPECT_EQ(mode_at_position.size(), 9u);  // each (mode, position) once
  EXPECT_TRUE(interleaved_order(4, 0).empty());
  EXPECT_THROW(interleaved_order(0, 1), InputError);
}

TEST(BenchmarkMethod, WindowStatisticsPerStepAndImagesPerSecond) {
  // Windows of 10 steps of batch 128: 100 ms per window = 10 ms per step = 12,800 images/s.
  const WindowStatistics s = window_statistics({100.0, 98.0, 102.0, 100.0, 99.0, 101.0, 100.0}, 10, 128);
  ASSERT_EQ(s.ms_per_step.size(), 7u);
  EXPECT_DOUBLE_EQ(s.ms_per_step[1], 9.8);
  EXPECT_DOUBLE_EQ(s.summary_ms_per_step.median, 10.0);
  EXPECT_DOUBLE_EQ(s.images_per_second, 12800.0);
  EXPECT_LE(s.images_per_second_lower, s.images_per_second);
  EXPECT_GE(s.images_per_second_upper, s.images_per_second);
  // The interval of 7 values at 95 %: order statistics 1 and 7 (coverage 1 - 2/128).
  EXPECT_DOUBLE_EQ(s.summary_ms_per_step.median_interval.lower, 9.8);
  EXPECT_DOUBLE_EQ(s.summary_ms_per_step.median_interval.upper, 10.2);
  EXPECT_THROW(window_statistics({}, 10, 128), InputError);
  EXPECT_THROW(window_statistics({1.0, -1.0}, 10, 128), InputError);
  EXPECT_THROW(window_statistics({1.0}, 0, 128), InputError);
}

TEST(BenchmarkMethod, OptionsAreChecked) {
  EXPECT_NO_THROW(check_benchmark_method_options(BenchmarkMethodOptions()));
  EXPECT_THROW(check_benchmark_method_options(BenchmarkMethodOptions().steps_per_window(0)), InputError);
  EXPECT_THROW(check_benchmark_method_options(BenchmarkMethodOptions().stable_windows(1)), InputError);
  EXPECT_THROW(check_benchmark_method_options(BenchmarkMethodOptions().stability_tolerance(1.5)), InputError);
  EXPECT_THROW(check_benchmark_method_options(BenchmarkMethodOptions().max_warmup_windows(2)), InputError);
}

TEST(BenchmarkMethod, TimeWindowsCountsStepsAndWindows) {
  std::int64_t calls = 0;
  const BenchmarkMethodOptions options =
      BenchmarkMethodOptions().steps_per_window(4).stable_windows(2).max_warmup_windows(5).stability_tolerance(0.5);
  const WindowedTiming timing = time_windows([&] { ++calls; }, options, torch::kCPU, 3);
  ASSERT_EQ(timing.window_ms.size(), 3u);
  EXPECT_GE(timing.warmup_window_ms.size(), 2u);
  EXPECT_LE(timing.warmup_window_ms.size(), 5u);
  EXPECT_EQ(calls, 4 * static_cast<std::int64_t>(timing.warmup_window_ms.size() + timing.window_ms.size()));
  EXPECT_THROW(time_windows([] {}, options, torch::Device(torch::kCUDA), 1), InputError);
}

}  // namespace
}  // namespace repro::training
