// A seeded random source whose draws are the same on every platform and standard library.
// std::uniform_int_distribution, std::uniform_real_distribution and std::shuffle are
// implementation-defined; the data pipeline uses this instead so that a seed names one result.
#pragma once

#include <cstdint>
#include <random>
#include <utility>
#include <vector>

namespace repro::data {

class DeterministicRandom {
 public:
  explicit DeterministicRandom(std::uint64_t seed) : engine_(static_cast<std::uint32_t>(seed ^ (seed >> 32))) {}

  // The next raw 32-bit draw of std::mt19937 (whose output sequence the standard fixes).
  std::uint32_t next_u32() { return static_cast<std::uint32_t>(engine_()); }

  // Uniform integer in [0, bound) by rejection sampling (no modulo bias).
  // REQUIRES: 0 < bound <= 2^32.
  std::uint64_t uniform_below(std::uint64_t bound) {
    const std::uint64_t range = std::uint64_t{1} << 32;
    const std::uint64_t limit = range - range % bound;  // accept draws below a multiple of bound
    while (true) {
      const std::uint64_t draw = next_u32();
      if (draw < limit) return draw % bound;
    }
  }

  // Uniform integer in [low, high]. REQUIRES: low <= high, high - low < 2^32.
  std::int64_t uniform_int(std::int64_t low, std::int64_t high) {
    return low + static_cast<std::int64_t>(uniform_below(static_cast<std::uint64_t>(high - low) + 1));
  }

  // Uniform double in [0, 1) with 32 random bits.
  double uniform01() { return next_u32() * (1.0 / 4294967296.0); }

  // Uniform double in [low, high).
  double uniform(double low, double high) { return low + (high - low) * uniform01(); }

  // True with probability `probability`.
  bool bernoulli(double probability) { return uniform01() < probability; }

 private:
  std::mt19937 engine_;
};

// Fisher-Yates shuffle, from the last element down: for i = n-1 .. 1, swap element i with
// element j = uniform_below(i + 1). Same result on every platform for a given random state.
template <typename T>
void fisher_yates_shuffle(std::vector<T>& values, DeterministicRandom& random) {
  for (std::size_t i = values.size(); i > 1; --i) {
    const std::size_t j = static_cast<std::size_t>(random.uniform_below(i));
    std::swap(values[i - 1], values[j]);
  }
}

// A permutation of 0 .. count-1 drawn by fisher_yates_shuffle from DeterministicRandom(seed).
std::vector<std::int64_t> seeded_permutation(std::int64_t count, std::uint64_t seed);

// Mixes (seed, a, b) into one 64-bit seed (SplitMix64 finaliser); used to give each
// (epoch, sample) its own stream so results do not depend on the number of worker threads.
std::uint64_t mix_seed(std::uint64_t seed, std::uint64_t a, std::uint64_t b = 0);

}  // namespace repro::data
