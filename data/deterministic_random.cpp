#include "data/deterministic_random.h"

#include <numeric>

#include "base/splitmix64.h"

namespace repro::data {

std::vector<std::int64_t> seeded_permutation(std::int64_t count, std::uint64_t seed) {
  std::vector<std::int64_t> order(static_cast<std::size_t>(count));
  std::iota(order.begin(), order.end(), std::int64_t{0});
  DeterministicRandom random(seed);
  fisher_yates_shuffle(order, random);
  return order;
}

std::uint64_t mix_seed(std::uint64_t seed, std::uint64_t a, std::uint64_t b) {
  return splitmix64(splitmix64(splitmix64(seed) ^ a) ^ b);
}

}  // namespace repro::data
