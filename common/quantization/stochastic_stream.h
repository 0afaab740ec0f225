// Keys for stochastic rounding: every quantization call in training gets its own Philox stream.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <tuple>

#include "common/quantization/role.h"

namespace repro::quantization {

// The kernel's (seed, stream) pair: Philox draws element i's random bits from (seed, stream, i).
struct StochasticKey {
  std::uint64_t seed = 0;
  std::uint64_t stream = 0;
};

// The stream for one call, a pure function of (role, layer, iteration, occurrence): a 64-bit mix
// (splitmix64 finalizer) of the four. Distinct arguments give distinct streams except with
// probability ~2^-64 per pair.
std::uint64_t stochastic_stream_id(Role role, std::int64_t layer, std::int64_t iteration,
                                   std::int64_t occurrence);

// Hands out keys for a training run. The same seed and the same sequence of calls give the same
// keys, so a run is reproducible; two calls with the same (role, layer) within one iteration get
// different streams (the occurrence counter), so a layer used twice never reuses random bits.
// Thread-safe.
class StochasticStream {
 public:
  explicit StochasticStream(std::uint64_t seed = 0) : seed_(seed) {}

  std::uint64_t seed() const { return seed_; }

  // Starts iteration `iteration`: resets the occurrence counters.
  void set_iteration(std::int64_t iteration);
  std::int64_t iteration() const;

  // The key for the next call quantizing `role` in `layer` during the current iteration.
  StochasticKey next(Role role, std::int64_t layer);

 private:
  const std::uint64_t seed_;
  mutable std::mutex mutex_;
  std::int64_t iteration_ = 0;
  std::map<std::tuple<int, std::int64_t>, std::int64_t> occurrences_;
};

}  // namespace repro::quantization
