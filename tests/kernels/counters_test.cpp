// The optional per-call counters, on inputs whose fate is known from the format's definition.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "kernels/quantize.h"
#include "tests/kernels/exhaustive.h"

namespace repro::kernels {
namespace {

QuantizeCounters count(const std::vector<float>& input, const std::string& spec, Rounding mode, bool use_ref) {
  std::vector<float> output(input.size());
  QuantizeCounters counters;
  QuantizeCall call{input.data(), output.data(), static_cast<std::int64_t>(input.size())};
  call.counters = &counters;
  if (use_ref) quantize_ref(call, parse_number_format(spec), RoundingOptions().with_mode(mode));
  else quantize_cpu(call, parse_number_format(spec), RoundingOptions().with_mode(mode));
  return counters;
}

TEST(Counters, Fp16OverflowFlushSubnormalNan) {
  const float inf = std::numeric_limits<float>::infinity(), nan = std::numeric_limits<float>::quiet_NaN();
  // 1e5 and -7e4 overflow; 1e-9 flushes; 1e-6 becomes subnormal; NaN; Inf stays Inf (no count); 1 is plain.
  const std::vector<float> input = {1e5f, -7e4f, 1e-9f, 1e-6f, nan, inf, 1.0f, 0.0f};
  for (bool use_ref : {true, false}) {
    const QuantizeCounters c = count(input, "fp16", Rounding::nearest_even, use_ref);
    EXPECT_EQ(c.overflowed, 2);
    EXPECT_EQ(c.saturated, 0);
    EXPECT_EQ(c.flushed_to_zero, 1);
    EXPECT_EQ(c.became_subnormal, 1);
    EXPECT_EQ(c.not_a_number, 1);
    const QuantizeCounters s = count(input, "fp16:sat", Rounding::nearest_even, use_ref);
    EXPECT_EQ(s.overflowed, 2);
    EXPECT_EQ(s.saturated, 2);
    const QuantizeCounters e = count(input, "e4m3", Rounding::nearest_even, use_ref);
    EXPECT_EQ(e.not_a_number, 4);  // the NaN, Inf, and both overflows (E4M3FN has no Inf)
  }
}

TEST(Counters, FixedPointAndMany) {
  std::vector<float> input(300000);
  for (std::size_t i = 0; i < input.size(); ++i) input[i] = (static_cast<float>(i) - 150000.0f) / 1000.0f;
  // fixed:8:4 holds [-8, 7.9375]: inputs below -8.03125 or at/above 7.96875 overflow after rounding.
  std::int64_t expected_overflow = 0, expected_flush = 0;
  for (float x : input) {
    expected_overflow += x < -8.03125f || x >= 7.96875f;
    expected_flush += x != 0.0f && std::fabs(x) <= 1.0f / 32;  // ties at 1/32 go to even 0
  }
  for (bool use_ref : {true, false}) {
    const QuantizeCounters c = count(input, "fixed:8:4", Rounding::nearest_even, use_ref);
    EXPECT_EQ(c.overflowed, expected_overflow);
    EXPECT_EQ(c.saturated, expected_overflow);
    EXPECT_EQ(c.flushed_to_zero, expected_flush);
    const QuantizeCounters w = count(input, "fixed:8:4:wrap", Rounding::nearest_even, use_ref);
    EXPECT_EQ(w.overflowed, expected_overflow);
    EXPECT_EQ(w.saturated, 0);
  }
}

}  // namespace
}  // namespace repro::kernels
