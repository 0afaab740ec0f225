// Exhaustive relations between formats, on every float32 input, through the fast path:
//   mask:N equals float:8:(N-9) with toward-zero on every finite input (N = 9..32), bit for bit;
//   fp32 with any rounding mode is the identity on every non-NaN input.
// CI checks a few N; the `long` build checks every N.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "kernels/quantize.h"
#include "tests/kernels/exhaustive.h"

namespace repro::kernels {
namespace {

using testing::bits_of;

class MaskIsTruncation : public ::testing::TestWithParam<int> {};

TEST_P(MaskIsTruncation, MaskEqualsFloatTowardZeroOnEveryFiniteInput) {
  const int kept = GetParam();
  const NumberFormat mask = parse_number_format("mask:" + std::to_string(kept));
  const NumberFormat truncated = parse_number_format("float:8:" + std::to_string(kept - 9));
  const RoundingOptions toward_zero = RoundingOptions().with_mode(Rounding::toward_zero);
  std::int64_t finite_inputs = 0;
  const std::int64_t mismatches = testing::for_each_pattern_block(
      0, testing::kAllPatterns, [&](std::uint64_t, const float* inputs, std::int64_t count) {
        std::vector<float> masked(count), rounded(count);
        quantize_cpu(QuantizeCall{inputs, masked.data(), count}, mask, toward_zero);
        quantize_cpu(QuantizeCall{inputs, rounded.data(), count}, truncated, toward_zero);
        std::int64_t bad = 0, finite = 0;
        for (std::int64_t i = 0; i < count; ++i) {
          if (!std::isfinite(inputs[i])) continue;
          ++finite;
          bad += bits_of(masked[i]) != bits_of(rounded[i]);
        }
#pragma omp atomic
        finite_inputs += finite;
        return bad;
      });
  EXPECT_EQ(mismatches, 0);
  EXPECT_EQ(finite_inputs, (std::int64_t{1} << 32) - (std::int64_t{1} << 24));  // all but Inf and NaN
}

#if REPRO_EXHAUSTIVE_LONG
INSTANTIATE_TEST_SUITE_P(EveryN, MaskIsTruncation, ::testing::Range(9, 33));
#else
INSTANTIATE_TEST_SUITE_P(SomeN, MaskIsTruncation, ::testing::Values(16));
#endif

#if REPRO_EXHAUSTIVE_LONG
TEST(Fp32, IsTheIdentityOnEveryNonNanInputUnderEveryRounding) {
  const NumberFormat fp32 = parse_number_format("fp32");
  for (Rounding mode : {Rounding::nearest_even, Rounding::nearest_away, Rounding::toward_zero, Rounding::down,
                        Rounding::up, Rounding::stochastic}) {
    const std::int64_t mismatches = testing::for_each_pattern_block(
        0, testing::kAllPatterns, [&](std::uint64_t, const float* inputs, std::int64_t count) {
          std::vector<float> out(count);
          quantize_cpu(QuantizeCall{inputs, out.data(), count}, fp32, RoundingOptions().with_mode(mode));
          std::int64_t bad = 0;
          for (std::int64_t i = 0; i < count; ++i)
            bad += std::isnan(inputs[i]) ? !std::isnan(out[i]) : bits_of(inputs[i]) != bits_of(out[i]);
          return bad;
        });
    EXPECT_EQ(mismatches, 0) << rounding_name(mode);
  }
}
#endif

}  // namespace
}  // namespace repro::kernels
