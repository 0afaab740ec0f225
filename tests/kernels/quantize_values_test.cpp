// Values whose correct results follow from the formats' definitions, through every CPU implementation:
// quantize_ref, quantize_cpu, quantize_value_ref and the header-only quantize_element.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "base/errors.h"
#include "kernels/quantize.h"
#include "kernels/quantize_element.h"
#include "tests/kernels/exhaustive.h"

namespace repro::kernels {
namespace {

using testing::bits_of;
using testing::float_of;

const float kInf = std::numeric_limits<float>::infinity();

// Quantizes x with all four CPU entry points, checks that they agree, returns the result.
float quantize(float x, const std::string& spec, const std::string& rounding = "nearest",
               AffineRange range = {0.0f, 1.0f}) {
  const NumberFormat format = parse_number_format(spec);
  const RoundingOptions options = parse_rounding_options(rounding).with_seed(99);
  float by_ref = 0, by_cpu = 0;
  QuantizeCall call{&x, &by_ref, 1, 5, &range, 0, nullptr};
  quantize_ref(call, format, options);
  call.output = &by_cpu;
  quantize_cpu(call, format, options);
  const float by_value = quantize_value_ref(x, format, options, 5, range);
  const float by_element = quantize_element(x, make_element_quantizer(format, options), 5, range.minimum, range.maximum);
  EXPECT_EQ(bits_of(by_ref), bits_of(by_cpu)) << spec << " " << rounding << " x=" << x;
  EXPECT_EQ(bits_of(by_ref), bits_of(by_value)) << spec << " " << rounding << " x=" << x;
  EXPECT_EQ(bits_of(by_ref), bits_of(by_element)) << spec << " " << rounding << " x=" << x;
  return by_ref;
}

TEST(QuantizeValues, MaskKeepsTheTopBits) {
  EXPECT_EQ(quantize(1.98749995f, "mask:16"), 1.984375f);  // the example
  EXPECT_EQ(bits_of(quantize(float_of(0xC0490FDBu), "mask:12")), 0xC0400000u);
  EXPECT_EQ(bits_of(quantize(float_of(0x12345678u), "mask:32")), 0x12345678u);
  EXPECT_EQ(bits_of(quantize(float_of(0x92345678u), "mask:1")), 0x80000000u);
}

TEST(QuantizeValues, Fp16NearestEvenTiesAndOverflow) {
  EXPECT_EQ(quantize(1.0f + std::ldexp(1.0f, -11), "fp16"), 1.0f);  // tie to even (down)
  EXPECT_EQ(quantize(1.0f + 3 * std::ldexp(1.0f, -11), "fp16"), 1.0f + std::ldexp(1.0f, -9));  // tie to even (up)
  EXPECT_EQ(quantize(1.0f + std::ldexp(1.0f, -11), "fp16", "nearest-away"), 1.0f + std::ldexp(1.0f, -10));
  EXPECT_EQ(quantize(65519.0f, "fp16"), 65504.0f);  // below the halfway point to 2^16
  EXPECT_EQ(quantize(65520.0f, "fp16"), kInf);      // the halfway point rounds to even: Inf
  EXPECT_EQ(quantize(1e6f, "fp16", "toward-zero"), 65504.0f);
  EXPECT_EQ(quantize(-1e6f, "fp16", "up"), -65504.0f);
  EXPECT_EQ(quantize(-1e6f, "fp16", "down"), -kInf);
  EXPECT_EQ(quantize(1e6f, "fp16", "up"), kInf);
  EXPECT_EQ(quantize(1e6f, "fp16:sat"), 65504.0f);
  EXPECT_EQ(quantize(-kInf, "fp16:sat"), -kInf);  // Inf is a value of fp16: it stays
}

TEST(QuantizeValues, Fp16Subnormals) {
  const float tiny = std::ldexp(1.0f, -24);  // smallest fp16 subnormal
  EXPECT_EQ(quantize(std::ldexp(1.0f, -25), "fp16"), 0.0f);             // half of it: tie to even zero
  EXPECT_EQ(quantize(std::ldexp(1.0001f, -25), "fp16"), tiny);
  EXPECT_EQ(quantize(3 * std::ldexp(1.0f, -25), "fp16"), 2 * tiny);     // 1.5 steps: tie to even 2
  EXPECT_EQ(quantize(std::ldexp(1.0f, -30), "fp16", "up"), tiny);
  EXPECT_EQ(bits_of(quantize(-std::ldexp(1.0f, -30), "fp16", "toward-zero")), 0x80000000u);  // -0
  EXPECT_EQ(quantize(-std::ldexp(1.0f, -30), "fp16", "down"), -tiny);
  EXPECT_EQ(quantize(std::ldexp(1.0f, -149), "fp16", "up"), tiny);      // from a float32 subnormal
}

TEST(QuantizeValues, E4m3FnAndBf16) {
  EXPECT_EQ(quantize(448.0f, "e4m3"), 448.0f);
  EXPECT_EQ(quantize(463.99f, "e4m3"), 448.0f);
  EXPECT_EQ(quantize(464.0f, "e4m3"), 448.0f);  // halfway to 480 (the NaN code): ties to even 448
  EXPECT_TRUE(std::isnan(quantize(464.01f, "e4m3")));  // nearer 480: overflow, and E4M3FN has no Inf
  EXPECT_TRUE(std::isnan(quantize(480.0f, "e4m3")));
  EXPECT_TRUE(std::isnan(quantize(kInf, "e4m3")));
  EXPECT_EQ(quantize(1e9f, "e4m3:sat"), 448.0f);
  EXPECT_EQ(quantize(-kInf, "e4m3:sat"), -448.0f);
  EXPECT_EQ(quantize(std::ldexp(1.0f, -10), "e4m3"), 0.0f);  // half the smallest subnormal 2^-9: to even 0
  EXPECT_EQ(quantize(240.0f, "float:4:3"), 240.0f);          // IEEE-style float:4:3 tops out at 240
  EXPECT_EQ(quantize(248.0f, "float:4:3"), kInf);
  EXPECT_EQ(quantize(1.0f + std::ldexp(1.0f, -8), "bf16"), 1.0f);
  EXPECT_EQ(quantize(1.0f + 3 * std::ldexp(1.0f, -8), "bf16"), 1.0f + std::ldexp(1.0f, -6));
  EXPECT_EQ(quantize(1.2345678f, "fp32", "up"), 1.2345678f);
}

TEST(QuantizeValues, NanBecomesTheQuietNanWithItsSign) {
  for (const char* spec : {"fp16", "bf16", "e4m3", "fixed:8:4", "fp32"}) {
    EXPECT_EQ(bits_of(quantize(float_of(0x7F800001u), spec)), 0x7FC00000u) << spec;
    EXPECT_EQ(bits_of(quantize(float_of(0xFFC12345u), spec)), 0xFFC00000u) << spec;
  }
  EXPECT_EQ(bits_of(quantize(float_of(0x7FC12345u), "mask:16")), 0x7FC10000u);  // mask is the bitwise AND
}

TEST(QuantizeValues, FixedPointRoundsSaturatesAndWraps) {
  EXPECT_EQ(quantize(3.14159f, "fixed:8:4"), 3.125f);
  EXPECT_EQ(quantize(100.0f, "fixed:8:4"), 127.0f / 16);
  EXPECT_EQ(quantize(-100.0f, "fixed:8:4"), -8.0f);
  EXPECT_EQ(quantize(8.0f, "fixed:8:4:wrap"), -8.0f);
  EXPECT_EQ(quantize(9.0f, "fixed:4:0:wrap"), -7.0f);
  EXPECT_EQ(quantize(-9.0f, "fixed:4:0:wrap"), 7.0f);
  EXPECT_EQ(quantize(17.0f, "ufixed:4:0:wrap"), 1.0f);
  EXPECT_EQ(bits_of(quantize(-1.0f, "ufixed:8:4")), 0u);
  EXPECT_EQ(bits_of(quantize(-0.01f, "fixed:8:4")), 0u);  // +0: no negative zero in two's complement
  EXPECT_EQ(quantize(0.09375f, "fixed:8:4"), 0.125f);     // 1.5 steps: tie to even 2 steps
  EXPECT_EQ(quantize(0.03125f, "fixed:8:4"), 0.0f);       // 0.5 steps: tie to even 0
  EXPECT_EQ(quantize(0.03125f, "fixed:8:4", "nearest-away"), 0.0625f);
  EXPECT_EQ(quantize(kInf, "fixed:8:4:wrap"), 127.0f / 16);  // Inf saturates under either policy
  EXPECT_EQ(quantize(1e30f, "fixed:8:4:wrap"), 0.0f);        // a multiple of 2^4 * 2^8: wraps to 0
  EXPECT_EQ(quantize(3e9f, "fixed:32:0"), 2147483520.0f);    // the largest float32 not above 2^31 - 1
  EXPECT_EQ(quantize(-3e9f, "fixed:32:0"), -2147483648.0f);
  EXPECT_EQ(quantize(40.0f, "fixed:8:-2"), 40.0f);           // negative F: steps of 4
  EXPECT_EQ(quantize(41.0f, "fixed:8:-2"), 40.0f);
}

TEST(QuantizeValues, AffineGrid) {
  const AffineRange range{-1.0f, 2.0f};  // 2 bits: scale 1, levels -1, 0, 1, 2
  EXPECT_EQ(quantize(0.4f, "affine:2", "nearest", range), 0.0f);
  EXPECT_EQ(quantize(0.5f, "affine:2", "nearest", range), 1.0f);  // t = 1.5: tie to even level 2, value 1
  EXPECT_EQ(quantize(10.0f, "affine:2", "nearest", range), 2.0f);
  EXPECT_EQ(quantize(-10.0f, "affine:2", "nearest", range), -1.0f);
  EXPECT_EQ(quantize(1.7f, "affine:2", "toward-zero", range), 1.0f);
  EXPECT_EQ(quantize(5.0f, "affine:8", "nearest", AffineRange{5.0f, 5.0f}), 5.0f);  // degenerate range
  EXPECT_THROW(quantize(0.0f, "affine:8", "nearest", AffineRange{1.0f, 0.0f}), InputError);
}

TEST(QuantizeCalls, InPlaceAndSplitWorkGiveTheSameBits) {
  std::vector<float> input(200000);
  for (std::size_t i = 0; i < input.size(); ++i) input[i] = std::sin(0.001f * i) * 3.0f;
  const NumberFormat format = parse_number_format("e5m2");
  const RoundingOptions rounding = RoundingOptions().with_mode(Rounding::stochastic).with_seed(1).with_stream(2);
  std::vector<float> whole(input.size()), pieces(input.size()), in_place = input;
  const std::int64_t n = static_cast<std::int64_t>(input.size());
  quantize_cpu(QuantizeCall{input.data(), whole.data(), n}, format, rounding);
  quantize_cpu(QuantizeCall{in_place.data(), in_place.data(), n}, format, rounding);
  for (std::int64_t begin = 0; begin < n; begin += 777) {  // uneven pieces, global index passed along
    const std::int64_t count = std::min<std::int64_t>(777, n - begin);
    quantize_ref(QuantizeCall{input.data() + begin, pieces.data() + begin, count, begin}, format, rounding);
  }
  for (std::int64_t i = 0; i < n; ++i) {
    ASSERT_EQ(bits_of(whole[i]), bits_of(pieces[i])) << i;
    ASSERT_EQ(bits_of(whole[i]), bits_of(in_place[i])) << i;
  }
  // Another seed changes some results; another stream too.
  std::vector<float> reseeded(input.size()), restreamed(input.size());
  quantize_cpu(QuantizeCall{input.data(), reseeded.data(), n}, format, rounding.with_seed(3));
  quantize_cpu(QuantizeCall{input.data(), restreamed.data(), n}, format, rounding.with_stream(5));
  int seed_changes = 0, stream_changes = 0;
  for (std::int64_t i = 0; i < n; ++i) {
    seed_changes += whole[i] != reseeded[i];
    stream_changes += whole[i] != restreamed[i];
  }
  EXPECT_GT(seed_changes, n / 10);
  EXPECT_GT(stream_changes, n / 10);
}

TEST(QuantizeCalls, PerChannelAffineRanges) {
  const std::vector<float> input = {0.0f, 0.5f, 1.0f, 0.0f, 5.0f, 10.0f};
  const std::vector<AffineRange> ranges = {{0.0f, 1.0f}, {0.0f, 10.0f}};  // 3 elements per channel
  std::vector<float> ref(6), cpu(6);
  QuantizeCall call{input.data(), ref.data(), 6, 0, ranges.data(), 3, nullptr};
  const NumberFormat format = parse_number_format("affine:1");  // levels: minimum, maximum
  quantize_ref(call, format, RoundingOptions());
  call.output = cpu.data();
  quantize_cpu(call, format, RoundingOptions());
  const std::vector<float> expected = {0.0f, 0.0f, 1.0f, 0.0f, 0.0f, 10.0f};  // ties (0.5, 5) to even level 0
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(ref[i], expected[i]) << i;
    EXPECT_EQ(cpu[i], expected[i]) << i;
  }
}

}  // namespace
}  // namespace repro::kernels
