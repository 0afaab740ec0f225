#include "common/quantization/stochastic_stream.h"

#include <set>

#include <gtest/gtest.h>

namespace repro::quantization {
namespace {

TEST(StochasticStream, SameSeedAndCallsGiveSameKeys) {
  StochasticStream a(17), b(17);
  for (int iteration = 0; iteration < 3; ++iteration) {
    a.set_iteration(iteration);
    b.set_iteration(iteration);
    for (Role role : kAllRoles) {
      const StochasticKey key_a = a.next(role, 2), key_b = b.next(role, 2);
      EXPECT_EQ(key_a.seed, 17u);
      EXPECT_EQ(key_a.seed, key_b.seed);
      EXPECT_EQ(key_a.stream, key_b.stream);
    }
  }
}

TEST(StochasticStream, KeysDifferByRoleLayerIterationAndOccurrence) {
  StochasticStream streams(1);
  std::set<std::uint64_t> seen;
  int calls = 0;
  for (int iteration = 0; iteration < 4; ++iteration) {
    streams.set_iteration(iteration);
    for (Role role : kAllRoles) {
      for (int layer = -1; layer < 5; ++layer) {
        for (int occurrence = 0; occurrence < 3; ++occurrence) {
          const StochasticKey key = streams.next(role, layer);
          EXPECT_EQ(key.stream, stochastic_stream_id(role, layer, iteration, occurrence));
          seen.insert(key.stream);
          ++calls;
        }
      }
    }
  }
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(calls));
}

TEST(StochasticStream, SettingTheIterationAgainRestartsOccurrences) {
  StochasticStream streams(3);
  streams.set_iteration(5);
  const StochasticKey first = streams.next(Role::errors, 0);
  streams.next(Role::errors, 0);
  streams.set_iteration(5);
  EXPECT_EQ(streams.next(Role::errors, 0).stream, first.stream);
  EXPECT_EQ(streams.iteration(), 5);
}

}  // namespace
}  // namespace repro::quantization
