#include "common/quantization/precision_schedule.h"

#include <gtest/gtest.h>

#include "base/errors.h"

namespace repro::quantization {
namespace {

TEST(RoundHalfToEven, TiesGoToEven) {
  EXPECT_EQ(round_half_to_even(5.5), 6);
  EXPECT_EQ(round_half_to_even(4.5), 4);
  EXPECT_EQ(round_half_to_even(4.5 + 1e-12), 4);  // a tie up to floating-point noise
  EXPECT_EQ(round_half_to_even(4.51), 5);
  EXPECT_EQ(round_half_to_even(3.49), 3);
  EXPECT_EQ(round_half_to_even(7.0), 7);
}

// B_t = B_min + ½(B_max − B_min)(1 − cos(π·(t mod T)/T)), values worked out by hand.
TEST(CyclicPrecisionBits, HandComputedValues) {
  // B_min 3, B_max 8, one cycle of T = 100.
  EXPECT_EQ(cyclic_precision_bits(3, 8, 100, 1, 0), 3);    // 3 + 0
  EXPECT_EQ(cyclic_precision_bits(3, 8, 100, 1, 25), 4);   // 3 + 2.5·(1 − 0.7071) = 3.73
  EXPECT_EQ(cyclic_precision_bits(3, 8, 100, 1, 50), 6);   // 3 + 2.5·1 = 5.5, tie -> 6
  EXPECT_EQ(cyclic_precision_bits(3, 8, 100, 1, 75), 7);   // 3 + 2.5·1.7071 = 7.27
  EXPECT_EQ(cyclic_precision_bits(3, 8, 100, 1, 99), 8);   // 3 + 2.5·1.99951 = 7.999
  EXPECT_EQ(cyclic_precision_bits(3, 8, 100, 1, 100), 3);  // t mod T = 0
  // B_min 3, B_max 6: the midpoint 4.5 is a tie that goes down to 4.
  EXPECT_EQ(cyclic_precision_bits(3, 6, 40, 1, 20), 4);
  // B_min 2, B_max 5: midpoint 3.5 -> 4.
  EXPECT_EQ(cyclic_precision_bits(2, 5, 40, 1, 20), 4);
  // Four cycles over 100 iterations: T = 25; t = 30 -> phase 5/25: 3 + 2.5·(1 − cos(π/5)) = 3.48.
  EXPECT_EQ(cyclic_precision_bits(3, 8, 100, 4, 30), 3);
  EXPECT_EQ(cyclic_precision_bits(3, 8, 100, 4, 25), 3);
  // t = 45 -> phase 20/25: 3 + 2.5·(1 − cos(0.8π)) = 3 + 2.5·1.809 = 7.52 -> 8.
  EXPECT_EQ(cyclic_precision_bits(3, 8, 100, 4, 45), 8);
  // Integer division: 10 iterations, 3 cycles -> T = 3; t = 9 -> t mod T = 0.
  EXPECT_EQ(cyclic_precision_bits(3, 8, 10, 3, 9), 3);
  // t = 10 -> 1/3: 3 + 2.5·(1 − 0.5) = 4.25 -> 4.
  EXPECT_EQ(cyclic_precision_bits(3, 8, 10, 3, 10), 4);
  // More cycles than iterations: T = 1, always B_min.
  EXPECT_EQ(cyclic_precision_bits(3, 8, 2, 5, 1), 3);
}

TEST(CyclicPrecisionBits, BadArgumentsThrow) {
  EXPECT_THROW(cyclic_precision_bits(0, 8, 100, 1, 0), InputError);
  EXPECT_THROW(cyclic_precision_bits(8, 3, 100, 1, 0), InputError);
  EXPECT_THROW(cyclic_precision_bits(3, 8, 0, 1, 0), InputError);
  EXPECT_THROW(cyclic_precision_bits(3, 8, 100, 0, 0), InputError);
  EXPECT_THROW(cyclic_precision_bits(3, 8, 100, 1, -1), InputError);
}

TEST(ProgressivePrecisionBits, HandComputedValues) {
  // 2 -> 8 bits over 5 iterations: 2, 3.5 -> 4, 5, 6.5 -> 6, 8, then 8.
  EXPECT_EQ(progressive_precision_bits(2, 8, 5, 0), 2);
  EXPECT_EQ(progressive_precision_bits(2, 8, 5, 1), 4);
  EXPECT_EQ(progressive_precision_bits(2, 8, 5, 2), 5);
  EXPECT_EQ(progressive_precision_bits(2, 8, 5, 3), 6);
  EXPECT_EQ(progressive_precision_bits(2, 8, 5, 4), 8);
  EXPECT_EQ(progressive_precision_bits(2, 8, 5, 40), 8);
  EXPECT_EQ(progressive_precision_bits(2, 8, 1, 0), 8);
}

TEST(CyclicPrecisionSchedule, PolicyFollowsTheBitsAndKeepsTheBase) {
  const PrecisionPolicy base = parse_precision_policy(
      "weights=affine:8/per-channel,activations=affine:8,errors=affine:8/stochastic");
  const CyclicPrecisionSchedule schedule(
      BitWidthScheduleOptions().base(base).bits(3, 8).iterations(100), /*cycles=*/1);
  const PrecisionPolicy at_50 = schedule.policy_at(50);
  EXPECT_EQ(schedule.bits_at(50), 6);
  EXPECT_EQ(at_50.spec(Role::weights)->to_string(), "affine:6/per-channel");
  EXPECT_EQ(at_50.spec(Role::activations)->to_string(), "affine:6");
  EXPECT_EQ(at_50.spec(Role::errors)->to_string(), "affine:8/stochastic");  // not varied
  EXPECT_EQ(schedule.policy_at(0).spec(Role::weights)->to_string(), "affine:3/per-channel");
  EXPECT_EQ(schedule.describe().rfind("cyclic affine:3..affine:8 bits 3..8", 0), 0u) << schedule.describe();
}

TEST(ProgressivePrecisionSchedule, FixedPointPattern) {
  const ProgressivePrecisionSchedule schedule(
      BitWidthScheduleOptions()
          .roles({Role::errors})
          .formats([](int bits) { return kernels::fixed_point_format(bits, 4); })
          .bits(8, 16)
          .iterations(9));
  EXPECT_EQ(schedule.policy_at(0).spec(Role::errors)->to_string(), "fixed:8:4");
  EXPECT_EQ(schedule.policy_at(4).spec(Role::errors)->to_string(), "fixed:12:4");
  EXPECT_EQ(schedule.policy_at(100).spec(Role::errors)->to_string(), "fixed:16:4");
  EXPECT_FALSE(schedule.policy_at(4).spec(Role::weights).has_value());
}

TEST(PrecisionSchedules, BadOptionsThrowInputError) {
  // affine:12..affine:32: the widest is outside affine's 1..16 bits.
  EXPECT_THROW(CyclicPrecisionSchedule(
                   BitWidthScheduleOptions().formats([](int bits) { return kernels::affine_format(4 * bits); }), 1),
               InputError);
  EXPECT_THROW(CyclicPrecisionSchedule(BitWidthScheduleOptions().formats(nullptr), 1), InputError);
  EXPECT_THROW(CyclicPrecisionSchedule(BitWidthScheduleOptions().bits(3, 40), 1), InputError);
  EXPECT_THROW(ProgressivePrecisionSchedule(BitWidthScheduleOptions().iterations(0)), InputError);
}

TEST(StaticSchedule, SamePolicyEveryIteration) {
  const PrecisionPolicy policy = PrecisionPolicy().weights("fp16");
  const StaticSchedule schedule(policy);
  EXPECT_EQ(schedule.policy_at(0), policy);
  EXPECT_EQ(schedule.policy_at(12345), policy);
}

}  // namespace
}  // namespace repro::quantization
