// Stochastic rounding, deterministically and statistically.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "kernels/quantize.h"
#include "kernels/quantize_element.h"
#include "tests/kernels/exhaustive.h"

namespace repro::kernels {
namespace {

using testing::bits_of;

// For a magnitude significand * 2^e with drop_bits below the grid and every k-bit random word, the number
// of words that round up equals floor(fraction * 2^k), fraction = remainder / 2^drop_bits.
TEST(StochasticRounding, WordsRoundingUpNumberFloorOfFractionTimesTwoToTheK) {
  for (int k : {1, 3, 8, 13, 16}) {
    for (int drop_bits : {1, 2, 5, 11, 16, 23, 24, 25, 30, 40}) {
      for (std::uint32_t significand : {0x800000u, 0x800001u, 0xC00000u, 0xFFFFFFu, 0xABCDEFu, 0x000123u, 0x5u}) {
        const std::uint64_t kept = drop_bits >= 32 ? 0 : significand >> drop_bits;
        const std::uint64_t remainder = drop_bits >= 32 ? significand : significand - (kept << drop_bits);
        // floor(remainder / 2^drop * 2^k), in exact integer arithmetic
        const std::uint64_t expected =
            drop_bits >= k ? ((drop_bits - k) >= 64 ? 0 : remainder >> (drop_bits - k)) : remainder << (k - drop_bits);
        std::uint64_t ups = 0;
        for (std::uint64_t r = 0; r < (std::uint64_t{1} << k); ++r) {
          const std::uint32_t word = static_cast<std::uint32_t>(r << (32 - k));
          const std::uint32_t result = element_round_significand(significand, drop_bits, false,
                                                                 element_detail::kStochastic, k, word);
          ASSERT_TRUE(result == kept || result == kept + 1);  // one of the two neighbours
          ups += result == kept + 1;
        }
        EXPECT_EQ(ups, expected) << "k=" << k << " drop=" << drop_bits << " significand=" << significand;
      }
    }
  }
}

TEST(StochasticRounding, OutputsAreNeighboursAndRepresentableInputsStay) {
  const NumberFormat format = parse_number_format("fp16");
  const RoundingOptions stochastic = RoundingOptions().with_mode(Rounding::stochastic).with_seed(11);
  std::vector<float> input(1 << 18);
  for (std::size_t i = 0; i < input.size(); ++i) input[i] = std::ldexp(std::sin(0.37 * i), static_cast<int>(i % 40) - 30);
  const std::int64_t n = static_cast<std::int64_t>(input.size());
  std::vector<float> out(n), down(n), up(n), again(n);
  quantize_cpu(QuantizeCall{input.data(), out.data(), n}, format, stochastic);
  quantize_cpu(QuantizeCall{input.data(), down.data(), n}, format, RoundingOptions().with_mode(Rounding::down));
  quantize_cpu(QuantizeCall{input.data(), up.data(), n}, format, RoundingOptions().with_mode(Rounding::up));
  for (std::int64_t i = 0; i < n; ++i)
    ASSERT_TRUE(bits_of(out[i]) == bits_of(down[i]) || bits_of(out[i]) == bits_of(up[i]))
        << "x=" << input[i] << " out=" << out[i] << " neighbours " << down[i] << ", " << up[i];
  // Representable inputs never move, whatever the random words.
  quantize_cpu(QuantizeCall{out.data(), again.data(), n}, format, stochastic.with_seed(12345));
  for (std::int64_t i = 0; i < n; ++i) ASSERT_EQ(bits_of(out[i]), bits_of(again[i])) << i;
}

// The number of elements rounded up is Binomial(n, p) with p = floor(fraction * 2^k) / 2^k; we accept
// |ups - n p| <= 6 sigma + 1 (a false failure has probability below 1e-8 per case).
TEST(StochasticRounding, UnbiasedWithinABinomialBound) {
  const NumberFormat format = parse_number_format("bf16");
  const std::int64_t n = 1 << 20;
  const float step = std::ldexp(1.0f, -7);  // bf16 spacing in [1, 2)
  for (int k : {23, 4}) {
    for (double fraction : {0.5, 0.1, 0.01, 0.7734375 + 0.001}) {
      const float x = 1.0f + static_cast<float>(fraction) * step;
      const double exact_fraction = (static_cast<double>(x) - 1.0) / step;
      const double p = std::floor(exact_fraction * std::ldexp(1.0, k)) / std::ldexp(1.0, k);
      std::vector<float> input(n, x), out(n);
      quantize_cpu(QuantizeCall{input.data(), out.data(), n, 1000},
                   format, RoundingOptions().with_mode(Rounding::stochastic).with_random_bits(k).with_seed(7));
      std::int64_t ups = 0;
      double sum = 0;
      for (float y : out) {
        ups += y > 1.0f;
        sum += y;
      }
      const double sigma = std::sqrt(n * p * (1 - p));
      EXPECT_LE(std::fabs(ups - n * p), 6 * sigma + 1) << "k=" << k << " fraction=" << exact_fraction;
      // The mean is x up to the same bound in steps, plus the truncation of the fraction to k bits.
      const double mean_error = std::fabs(sum / n - x);
      EXPECT_LE(mean_error, step * ((6 * sigma + 1) / n + (exact_fraction - p)) + 1e-12) << "k=" << k;
    }
  }
}

}  // namespace
}  // namespace repro::kernels
