#include "papers/arbitrary_bit_mnist/bit_formats.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>

#include <gtest/gtest.h>

#include "base/errors.h"
#include "kernels/number_format.h"
#include "kernels/quantize.h"
#include "kernels/rounding.h"

namespace repro::arbitrary_bit_mnist {
namespace {

float float_of_bits(std::uint32_t bits) {
  float value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

TEST(BitFormats, SpecsNameTheFilterAndItsStochasticTwin) {
  EXPECT_EQ(bit_quantization(12, BitRounding::truncation).to_string(), "mask:12");
  EXPECT_EQ(bit_quantization(12, BitRounding::stochastic).to_string(), "float:8:3/stochastic");
  EXPECT_EQ(bit_quantization(12, BitRounding::stochastic).format().mantissa_bits, 3);
  EXPECT_EQ(bit_quantization(32, BitRounding::stochastic).to_string(), "mask:32");
  EXPECT_TRUE(bit_quantization(32, BitRounding::stochastic).is_identity());
  EXPECT_EQ(bit_quantization(4, BitRounding::truncation).format().kept_bits, 4);
  // The same specs as their text forms give.
  EXPECT_EQ(bit_quantization(12, BitRounding::stochastic),
            quantization::parse_quantization_spec("float:8:3/stochastic"));
  EXPECT_THROW(bit_quantization(8, BitRounding::stochastic), InputError);
  EXPECT_THROW(bit_quantization(0, BitRounding::truncation), InputError);
  EXPECT_THROW(bit_quantization(33, BitRounding::truncation), InputError);
  EXPECT_DOUBLE_EQ(bit_format_epsilon(12), 0.125);
}

// Stochastic rounding is only a fair comparison if it rounds onto the filter's own grid:
// mask:N must equal float:8:(N-9) rounded toward zero for every float32, subnormals included.
TEST(BitFormats, MaskIsFloatWithNMinus9MantissaBitsTowardZero) {
  std::mt19937 generator(7);
  const auto toward_zero = kernels::RoundingOptions().with_mode(kernels::Rounding::toward_zero);
  for (int bits = 9; bits <= 31; ++bits) {
    const auto mask = kernels::parse_number_format("mask:" + std::to_string(bits));
    const auto grid = kernels::parse_number_format("float:8:" + std::to_string(bits - 9));
    for (int i = 0; i < 20000; ++i) {
      std::uint32_t pattern = generator();
      if (i % 4 == 0) pattern &= 0x807FFFFFu;  // subnormals and zeros
      const float x = float_of_bits(pattern);
      if (!std::isfinite(x)) continue;
      const float masked = kernels::quantize_value_ref(x, mask, kernels::RoundingOptions());
      const float truncated = kernels::quantize_value_ref(x, grid, toward_zero);
      ASSERT_EQ(masked, truncated) << "bits " << bits << ", pattern " << pattern;
    }
  }
}

TEST(BitFormats, StochasticRoundingLandsOnTheNeighboursOfTheFilter) {
  const auto mask = kernels::parse_number_format("mask:12");
  const auto grid = kernels::parse_number_format("float:8:3");
  const float x = 1.98749995f;
  const float down = kernels::quantize_value_ref(x, mask, kernels::RoundingOptions());
  const float up = 2.0f;  // the next value of the 12-bit grid above 1.875
  EXPECT_EQ(down, 1.875f);
  int ups = 0;
  const int draws = 4000;
  for (int i = 0; i < draws; ++i) {
    const float rounded = kernels::quantize_value_ref(
        x, grid, kernels::RoundingOptions().with_mode(kernels::Rounding::stochastic).with_seed(3),
        i);
    ASSERT_TRUE(rounded == down || rounded == up) << rounded;
    ups += rounded == up;
  }
  // P(up) = (x - 1.875) / 0.125 = 0.9; 4000 draws put the share within ±0.03 of it.
  EXPECT_NEAR(static_cast<double>(ups) / draws, 0.9, 0.03);
}

}  // namespace
}  // namespace repro::arbitrary_bit_mnist
