// StepTimer: warm-up excluded, one sample per timed call, plausible durations.
#include "common/training/step_timer.h"

#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "base/errors.h"

namespace repro::training {
namespace {

TEST(StepTimerTest, WarmupExcludedAndOneSamplePerCall) {
  int calls = 0;
  const StepTiming timing = time_step(
      [&] {
        ++calls;
        // The first (warm-up) calls are slow, the timed ones fast.
        std::this_thread::sleep_for(std::chrono::milliseconds(calls <= 2 ? 40 : 2));
      },
      StepTimerOptions().warmup_iterations(2).timed_iterations(5));
  EXPECT_EQ(calls, 7);
  ASSERT_EQ(timing.samples_ms.size(), 5U);
  EXPECT_EQ(timing.clock, "steady-clock");
  for (const double sample : timing.samples_ms) {
    EXPECT_GE(sample, 2.0);
    EXPECT_LT(sample, 40.0);  // no warm-up call was timed
  }
  EXPECT_EQ(timing.summary_ms.count, 5);
  EXPECT_GE(timing.summary_ms.median, 2.0);
  EXPECT_LE(timing.summary_ms.minimum, timing.summary_ms.maximum);
}

TEST(StepTimerTest, TimesATorchStep) {
  const torch::Tensor a = torch::randn({64, 64});
  torch::Tensor result;
  const StepTiming timing =
      time_step([&] { result = torch::mm(a, a); }, StepTimerOptions().timed_iterations(3));
  EXPECT_EQ(timing.samples_ms.size(), 3U);
  for (const double sample : timing.samples_ms) EXPECT_GT(sample, 0.0);
  EXPECT_TRUE(result.defined());
}

TEST(StepTimerTest, BadOptionsAndUnavailableDeviceAreInputErrors) {
  const auto noop = [] {};
  EXPECT_THROW(time_step(noop, StepTimerOptions().timed_iterations(0)), InputError);
  EXPECT_THROW(time_step(noop, StepTimerOptions().warmup_iterations(-1)), InputError);
  EXPECT_THROW(time_step(nullptr, StepTimerOptions()), InputError);
  if (!torch::cuda::is_available()) {
    EXPECT_THROW(time_step(noop, StepTimerOptions().device(torch::Device(torch::kCUDA))),
                 InputError);
  } else {
    const StepTiming timing =
        time_step(noop, StepTimerOptions().device(torch::Device(torch::kCUDA)));
    EXPECT_EQ(timing.samples_ms.size(), 10U);
    EXPECT_EQ(timing.clock, cuda_event_timing_compiled() ? "cuda-event"
                                                         : "cuda-synchronize-steady-clock");
  }
}

}  // namespace
}  // namespace repro::training
