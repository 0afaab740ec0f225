// philox_fill_blocks (AVX-512 where the CPU has it) and its portable loop give philox_element_word's words,
// across 16-block groups, partial tails and the carry of the block counter's low word into its high word.
#include "kernels/philox_blocks.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "kernels/philox.h"

namespace repro::kernels {
namespace {

using Fill = void (*)(std::uint64_t, std::uint64_t, std::uint64_t, std::int64_t, std::uint32_t*);

void expect_words_of_elements(Fill fill, const char* name) {
  // Element indices are 64-bit, so blocks stay below 2^62.
  const std::uint64_t first_blocks[] = {0, 1, 0xFFFFFFF7u /* the low word wraps inside a group */,
                                        0x1FFFFFFF9u, 0x2FFFFFFFFFFFFFF8u, 0x3FFFFFFFFFFFFE00u};
  const std::int64_t block_counts[] = {0, 1, 15, 16, 17, 33, 256, 258};
  const std::uint64_t seeds[] = {0, 0x0123456789ABCDEFu};
  const std::uint64_t streams[] = {0, 0xFEDCBA9876543210u};
  for (std::uint64_t first_block : first_blocks)
    for (std::int64_t blocks : block_counts)
      for (std::uint64_t seed : seeds)
        for (std::uint64_t stream : streams) {
          std::vector<std::uint32_t> words(4 * blocks + 1, 0xDEADBEEFu);
          fill(seed, stream, first_block, blocks, words.data());
          for (std::int64_t i = 0; i < 4 * blocks; ++i) {
            const std::uint64_t element = 4 * first_block + static_cast<std::uint64_t>(i);
            ASSERT_EQ(words[i], philox_element_word(seed, stream, element))
                << name << ": first block " << first_block << ", " << blocks << " blocks, word " << i;
          }
          EXPECT_EQ(words[4 * blocks], 0xDEADBEEFu) << name << ": wrote past the end";
        }
}

TEST(PhiloxBlocks, FillEqualsTheWordOfEveryElement) {
  expect_words_of_elements(&philox_fill_blocks, philox_fill_blocks_uses_avx512() ? "avx512" : "portable");
}

TEST(PhiloxBlocks, PortableLoopEqualsTheWordOfEveryElement) {
  expect_words_of_elements(&philox_fill_blocks_portable, "portable");
}

}  // namespace
}  // namespace repro::kernels
