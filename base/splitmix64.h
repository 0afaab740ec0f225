// splitmix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA
// 2014; constants of Vigna's reference implementation): the suite's one 64-bit integer mixer, for
// seeds, streams and shuffles. Identical on every platform.
#pragma once

#include <cstdint>

namespace repro {

// The splitmix64 output function of a state z.
constexpr std::uint64_t splitmix64_finalize(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// One mix of x: the first output of a splitmix64 generator whose state is x.
constexpr std::uint64_t splitmix64(std::uint64_t x) { return splitmix64_finalize(x + 0x9E3779B97F4A7C15ULL); }

// The generator: advances `state` and returns its next output.
inline std::uint64_t next_splitmix64(std::uint64_t& state) {
  state += 0x9E3779B97F4A7C15ULL;
  return splitmix64_finalize(state);
}

}  // namespace repro
