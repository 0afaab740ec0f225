// Label `long`: fixed point for every W <= 16, signed and unsigned, saturating and wrapping, F = W / 2,
// `nearest` and `stochastic`, against quantize_ref on every float32 input.
#include <gtest/gtest.h>

#include <vector>

#include "kernels/quantize.h"
#include "tests/kernels/exhaustive.h"

namespace repro::kernels {
namespace {

using testing::bits_of;

class FixedPointExhaustive : public ::testing::TestWithParam<int> {};

TEST_P(FixedPointExhaustive, EqualsRefOnEveryFloat) {
  const int w = GetParam();
  for (const char* kind : {"fixed", "ufixed"})
    for (const char* policy : {"", ":wrap"})
      for (Rounding mode : {Rounding::nearest_even, Rounding::stochastic}) {
        const NumberFormat format =
            parse_number_format(std::string(kind) + ":" + std::to_string(w) + ":" + std::to_string(w / 2) + policy);
        const RoundingOptions rounding = RoundingOptions().with_mode(mode).with_seed(5);
        const std::int64_t mismatches = testing::for_each_pattern_block(
            0, testing::kAllPatterns, [&](std::uint64_t first, const float* inputs, std::int64_t count) {
              std::vector<float> ref(count), cpu(count);
              quantize_ref(QuantizeCall{inputs, ref.data(), count, static_cast<std::int64_t>(first)}, format, rounding);
              quantize_cpu(QuantizeCall{inputs, cpu.data(), count, static_cast<std::int64_t>(first)}, format, rounding);
              std::int64_t bad = 0;
              for (std::int64_t i = 0; i < count; ++i) bad += bits_of(ref[i]) != bits_of(cpu[i]);
              return bad;
            });
        EXPECT_EQ(mismatches, 0) << format.spec << " " << rounding_name(mode);
      }
}

INSTANTIATE_TEST_SUITE_P(EveryWidth, FixedPointExhaustive, ::testing::Range(2, 17));

}  // namespace
}  // namespace repro::kernels
