// Element indices at and beyond 2^34 put a nonzero value in Philox's high counter word (block = index / 4
// reaches 2^32): stochastic rounding there must use the full 64-bit index (no truncation to 32 bits), in
// quantize_ref, in quantize_cpu's block fill and in the single-value path, all agreeing.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "kernels/philox.h"
#include "kernels/quantize.h"

namespace repro::kernels {
namespace {

constexpr std::uint64_t kHighWordStart = std::uint64_t{1} << 34;  // first index whose block has high word 1

TEST(PhiloxHighWord, ElementWordUsesTheHighCounterWord) {
  const std::uint64_t seed = 0x0123456789ABCDEFull, stream = 77;
  for (std::uint64_t offset = 0; offset < 8; ++offset) {
    const std::uint64_t index = kHighWordStart + offset;
    const PhiloxBlock block =
        philox4x32_10(PhiloxBlock{{static_cast<std::uint32_t>(offset / 4), 1u, 77u, 0u}}, 0x89ABCDEFu, 0x01234567u);
    EXPECT_EQ(philox_element_word(seed, stream, index), block.word[offset % 4]) << index;
    // Truncating the block to 32 bits would give the word of index `offset`.
    EXPECT_NE(philox_element_word(seed, stream, index), philox_element_word(seed, stream, offset)) << index;
  }
}

TEST(PhiloxHighWord, StochasticRoundingAgreesAcrossPathsAroundTwoToThe34) {
  // 4,096 values halfway between fp16 neighbours (1 + 2^-11: up with probability 1/2) on both sides of 2^34.
  const std::int64_t n = 4096;
  const std::int64_t first = static_cast<std::int64_t>(kHighWordStart) - n / 2;
  std::vector<float> input(n, 1.0f + 1.0f / 2048.0f), ref(n), cpu(n);
  const NumberFormat fp16 = parse_number_format("fp16");
  for (int bits : {23, 8, 1}) {
    const RoundingOptions rounding =
        RoundingOptions().with_mode(Rounding::stochastic).with_seed(99).with_stream(5).with_random_bits(bits);
    quantize_ref(QuantizeCall{input.data(), ref.data(), n, first}, fp16, rounding);
    quantize_cpu(QuantizeCall{input.data(), cpu.data(), n, first}, fp16, rounding);
    std::int64_t up = 0, mismatches = 0, single_mismatches = 0;
    for (std::int64_t i = 0; i < n; ++i) {
      mismatches += ref[i] != cpu[i];
      single_mismatches += quantize_value_ref(input[i], fp16, rounding, first + i) != ref[i];
      up += ref[i] > 1.0f;
    }
    EXPECT_EQ(mismatches, 0) << bits << " random bits";
    EXPECT_EQ(single_mismatches, 0) << bits << " random bits";
    // Half round up: 2048 expected, sd 32; a broken (constant) word would give 0 or 4096.
    EXPECT_GT(up, 2048 - 200) << bits;
    EXPECT_LT(up, 2048 + 200) << bits;
    // The half at and beyond 2^34 is not what a 32-bit block index would give (the words of indices 0, 1, ...).
    std::vector<float> truncated(n / 2);
    quantize_ref(QuantizeCall{input.data(), truncated.data(), n / 2, 0}, fp16, rounding);
    std::int64_t differ = 0;
    for (std::int64_t i = 0; i < n / 2; ++i) differ += truncated[i] != ref[n / 2 + i];
    EXPECT_GT(differ, n / 8) << bits;
  }
}

}  // namespace
}  // namespace repro::kernels
