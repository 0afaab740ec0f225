#include <gtest/gtest.h>

#include <set>

#include "kernels/philox.h"

namespace repro::kernels {
namespace {

// Known-answer vectors of Random123 (kat_vectors, philox4x32 with 10 rounds): counter, key -> output.
TEST(Philox4x32_10, MatchesRandom123KnownAnswers) {
  struct Vector { PhiloxBlock counter; std::uint32_t key0, key1; PhiloxBlock expected; };
  const Vector vectors[] = {
      {{{0, 0, 0, 0}}, 0, 0, {{0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u}}},
      {{{0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}}, 0xffffffffu, 0xffffffffu,
       {{0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu}}},
      {{{0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u}}, 0xa4093822u, 0x299f31d0u,
       {{0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u}}},
  };
  for (const Vector& v : vectors) {
    const PhiloxBlock out = philox4x32_10(v.counter, v.key0, v.key1);
    for (int w = 0; w < 4; ++w) EXPECT_EQ(out.word[w], v.expected.word[w]) << "word " << w;
  }
}

TEST(Philox4x32_10, ElementWordsAreTheBlockWordsOfIndexOverFour) {
  const std::uint64_t seed = 0x0123456789abcdefull, stream = 42;
  for (std::uint64_t index : {0ull, 1ull, 2ull, 3ull, 4ull, 12345ull, (1ull << 33) + 6}) {
    const std::uint64_t block = index / 4;
    const PhiloxBlock out = philox4x32_10(
        PhiloxBlock{{static_cast<std::uint32_t>(block), static_cast<std::uint32_t>(block >> 32), 42u, 0u}},
        static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32));
    EXPECT_EQ(philox_element_word(seed, stream, index), out.word[index % 4]) << index;
  }
  // Different seeds and streams give different words.
  std::set<std::uint32_t> words;
  for (std::uint64_t s = 0; s < 4; ++s)
    for (std::uint64_t t = 0; t < 4; ++t) words.insert(philox_element_word(s, t, 0));
  EXPECT_EQ(words.size(), 16u);
}

}  // namespace
}  // namespace repro::kernels
