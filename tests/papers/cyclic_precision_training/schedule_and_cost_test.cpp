// Schedules, the BitOPs cost model and the precision-range-test rule (the verdict rules are tested
// in verdict_rules_test.cpp, in test_verdict_rules).
#include <cmath>
#include <set>

#include <gtest/gtest.h>

#include "papers/cyclic_precision_training/bit_schedule.h"
#include "papers/cyclic_precision_training/bitops_savings.h"
#include "papers/cyclic_precision_training/precision_range_test.h"
#include "papers/cyclic_precision_training/training_bitops.h"

namespace repro::cyclic_precision_training {
namespace {

TEST(BitSchedule, CyclicRampsFromMinimumToMaximumEveryCycle) {
  const BitSchedule schedule = BitSchedule::cyclic(3, 8, 64000, 32);
  for (std::int64_t cycle = 0; cycle < 32; ++cycle) {
    const std::int64_t start = cycle * 2000;
    EXPECT_EQ(schedule.bits_at(start), 3) << "cycle " << cycle;
    EXPECT_EQ(schedule.bits_at(start + 1999), 8) << "cycle " << cycle;
    for (std::int64_t t = start + 1; t < start + 2000; ++t) {
      ASSERT_GE(schedule.bits_at(t), schedule.bits_at(t - 1)) << "iteration " << t;
    }
  }
}

TEST(BitSchedule, HalfwayTieRoundsToEvenAndAwayRoundsUp) {
  // At phase ½ (t = 1000 of a 2000-iteration cycle): 3 + 2.5·(1 − cos(π/2)) = 5.5.
  const BitSchedule schedule = BitSchedule::cyclic(3, 8, 64000, 32);
  EXPECT_NEAR(schedule.bits_at(1000, BitRounding::none), 5.5, 1e-12);
  EXPECT_EQ(schedule.bits_at(1000), 6);  // 5.5 → 6 (even)
  EXPECT_EQ(schedule.bits_at(1000, BitRounding::half_to_even), 6.0);
  EXPECT_EQ(schedule.bits_at(1000, BitRounding::half_away), 6.0);
  // 3–6 at phase ½ gives 4.5: 4 to even, 5 away from zero.
  const BitSchedule three_six = BitSchedule::cyclic(3, 6, 64000, 32);
  EXPECT_EQ(three_six.bits_at(1000), 4);
  EXPECT_EQ(three_six.bits_at(1000, BitRounding::half_away), 5.0);
}

TEST(BitSchedule, ProgressiveRisesToMaximumAndStaticIsConstant) {
  const BitSchedule progressive = BitSchedule::progressive(3, 8, 1001);
  EXPECT_EQ(progressive.bits_at(0), 3);
  EXPECT_EQ(progressive.bits_at(1000), 8);
  EXPECT_EQ(progressive.bits_at(5000), 8);
  std::set<int> seen;
  for (std::int64_t t = 0; t <= 1000; ++t) seen.insert(progressive.bits_at(t));
  EXPECT_EQ(seen, (std::set<int>{3, 4, 5, 6, 7, 8}));
  const BitSchedule fixed = BitSchedule::fixed(6, 100);
  EXPECT_EQ(fixed.bits_at(0), 6);
  EXPECT_EQ(fixed.bits_at(99), 6);
  EXPECT_EQ(fixed.describe(), "static 6");
}

TEST(TrainingBitops, PerImageCostIsThreeProductsPerMultiplyAccumulate) {
  TrainingCostInputs inputs;
  inputs.quantized_macs_per_image = 1000;
  inputs.full_precision_macs_per_image = 10;
  inputs.gradient_bits = 8;
  EXPECT_DOUBLE_EQ(bitops_per_image(inputs, 8.0), 1000.0 * 192.0 + 10.0 * 3.0 * 1024.0);
  inputs.count_full_precision_layers = false;
  EXPECT_DOUBLE_EQ(bitops_per_image(inputs, 4.0), 1000.0 * (16.0 + 64.0));
}

TEST(TrainingBitops, RatioOfCyclicToStaticIsTheScheduleSaving) {
  TrainingCostInputs inputs;
  inputs.quantized_macs_per_image = 123456;
  inputs.count_full_precision_layers = false;
  inputs.batch_size = 128;
  const double fixed = training_bitops(inputs, BitSchedule::fixed(8, 64000));
  const double cyclic = training_bitops(inputs, BitSchedule::cyclic(3, 8, 64000, 32));
  EXPECT_DOUBLE_EQ(fixed, 64000.0 * 128.0 * 123456.0 * 192.0);
  EXPECT_NEAR(100.0 * (1.0 - cyclic / fixed), cyclic_bitops_saving_percent(3, 8, 8, 64000, 32), 1e-9);
}

TEST(PrecisionRangeTest, LowerBoundIsFirstRiseAboveThreshold) {
  EXPECT_EQ(lower_bound_from_accuracies({2, 3, 4, 5}, {10.0, 11.0, 30.0, 32.0}, 2.0), 4);
  EXPECT_EQ(lower_bound_from_accuracies({2, 3, 4}, {10.0, 10.5, 11.0}, 2.0), 4);  // none: the top
  EXPECT_EQ(lower_bound_from_accuracies({2, 3}, {10.0, 12.5}, 2.0), 3);
}

}  // namespace
}  // namespace repro::cyclic_precision_training
