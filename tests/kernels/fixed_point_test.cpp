// Fixed point, every W <= 16 (signed and unsigned, saturating and wrapping, every rounding mode) against
// quantize_ref, over a dense set of inputs D(W, F):
//   * every float32 of both signs whose exponent field lies in [127 - F - 3, 127 + W - F + 1] (magnitudes
//     from 2^(-F-3), an eighth of a step, up to 4x beyond the range), with all 2^17 patterns of the top 17
//     mantissa bits and the low 6 bits in {0, 1, 32, 33, 63};
//   * every 4093rd float32 pattern over the whole range (huge, tiny, subnormal, Inf, NaN);
//   * the special values +-0, +-Inf, NaN, the smallest subnormal and the largest float.
// Why this set is enough: in these binades a fixed-point step 2^-F spans at least 2^(22-W) >= 2^6 ulps of
// the input, so the low 6 mantissa bits lie at or below the half-step bit; for the nearest and directed modes
// they act only as "half bit" (bit 5 when the step is exactly 2^6 ulps) and "sticky" (any lower bit set),
// and {0, 1, 32, 33, 63} covers every combination. Below the set every input is a fraction < 1/8 of a step
// (same decisions as those in the lowest binades, sampled by the stride), above it the result is saturated
// or wrapped from an exactly known integer (sampled, and exhaustively under label `long`).
// CI (REPRO_EXHAUSTIVE_LONG=0): F = W / 2, one of the four variants (fixed/ufixed x saturate/wrap) per width
// and one rounding mode, both rotating with W, so every variant and every mode is met. Label `long`: every
// mode for every variant, and also F = 0 and -1 for W = 8, 16.
#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "kernels/quantize.h"
#include "tests/kernels/exhaustive.h"

#ifndef REPRO_EXHAUSTIVE_LONG
#define REPRO_EXHAUSTIVE_LONG 0
#endif

namespace repro::kernels {
namespace {

using testing::bits_of;
using testing::float_of;

std::vector<float> dense_inputs(int total_bits, int fractional_bits) {
  std::vector<float> inputs;
  const int lowest_field = std::max(1, 127 - fractional_bits - 3);
  const int highest_field = std::min(254, 127 + total_bits - fractional_bits + 1);
  for (std::uint32_t sign : {0u, 0x80000000u})
    for (int field = lowest_field; field <= highest_field; ++field)
      for (std::uint32_t top = 0; top < (1u << 17); ++top)
        for (std::uint32_t low : {0u, 1u, 32u, 33u, 63u})
          inputs.push_back(float_of(sign | (static_cast<std::uint32_t>(field) << 23) | (top << 6) | low));
  for (std::uint64_t pattern = 0; pattern < testing::kAllPatterns; pattern += 4093)
    inputs.push_back(float_of(static_cast<std::uint32_t>(pattern)));
  for (std::uint32_t special : {0x0u, 0x80000000u, 0x7F800000u, 0xFF800000u, 0x7FC00000u, 0x1u, 0x80000001u,
                                0x7F7FFFFFu, 0xFF7FFFFFu})
    inputs.push_back(float_of(special));
  return inputs;
}

std::int64_t compare(const std::vector<float>& inputs, const NumberFormat& format, const RoundingOptions& rounding) {
  const std::int64_t n = static_cast<std::int64_t>(inputs.size());
  std::vector<float> ref(n), cpu(n);
  QuantizeCounters ref_counters, cpu_counters;
  constexpr std::int64_t kBlock = 1 << 18;
  const std::int64_t blocks = (n + kBlock - 1) / kBlock;
  // The ref is scalar; run its blocks on all threads (global indices keep stochastic results identical).
#pragma omp parallel for schedule(dynamic)
  for (std::int64_t b = 0; b < blocks; ++b) {
    const std::int64_t begin = b * kBlock, count = std::min(kBlock, n - begin);
    QuantizeCounters mine;
    quantize_ref(QuantizeCall{inputs.data() + begin, ref.data() + begin, count, begin, nullptr, 0, &mine}, format,
                 rounding);
#pragma omp critical
    ref_counters += mine;
  }
  quantize_cpu(QuantizeCall{inputs.data(), cpu.data(), n, 0, nullptr, 0, &cpu_counters}, format, rounding);
  std::int64_t mismatches = 0;
  for (std::int64_t i = 0; i < n; ++i) {
    if (bits_of(ref[i]) == bits_of(cpu[i])) continue;
    if (mismatches++ < 3)
      ADD_FAILURE() << format.spec << " " << rounding_name(rounding.mode) << " input 0x" << std::hex
                    << bits_of(inputs[i]) << ": ref 0x" << bits_of(ref[i]) << " cpu 0x" << bits_of(cpu[i]);
  }
  EXPECT_EQ(ref_counters.overflowed, cpu_counters.overflowed) << format.spec;
  EXPECT_EQ(ref_counters.saturated, cpu_counters.saturated) << format.spec;
  EXPECT_EQ(ref_counters.flushed_to_zero, cpu_counters.flushed_to_zero) << format.spec;
  EXPECT_EQ(ref_counters.not_a_number, cpu_counters.not_a_number) << format.spec;
  // The set reaches beyond the range: something overflowed, and (wrap aside) saturated.
  EXPECT_GT(cpu_counters.overflowed, 0) << format.spec;
  return mismatches;
}

class FixedPointDense : public ::testing::TestWithParam<int> {};

TEST_P(FixedPointDense, EqualsRefIncludingSaturationAndWrap) {
  const int w = GetParam();
  const Rounding modes[] = {Rounding::nearest_even, Rounding::nearest_away, Rounding::toward_zero, Rounding::down,
                            Rounding::up, Rounding::stochastic};
  std::vector<int> fractions = {w / 2};
  if (REPRO_EXHAUSTIVE_LONG && (w == 8 || w == 16)) fractions = {w / 2, 0, -1};
  for (int f : fractions) {
    const std::vector<float> inputs = dense_inputs(w, f);
    int variant = 0;
    for (const char* kind : {"fixed", "ufixed"})
      for (const char* policy : {"", ":wrap"}) {
        const NumberFormat format =
            parse_number_format(std::string(kind) + ":" + std::to_string(w) + ":" + std::to_string(f) + policy);
        for (int m = 0; m < 6; ++m) {
          // CI: one variant per width (rotating through the four), with one mode (rotating through the six).
          if (!REPRO_EXHAUSTIVE_LONG && (variant != w % 4 || m != w % 6)) continue;
          EXPECT_EQ(compare(inputs, format, RoundingOptions().with_mode(modes[m]).with_seed(w)), 0)
              << format.spec << " " << rounding_name(modes[m]);
        }
        ++variant;
      }
  }
}

INSTANTIATE_TEST_SUITE_P(EveryWidth, FixedPointDense, ::testing::Range(2, 17));

}  // namespace
}  // namespace repro::kernels
