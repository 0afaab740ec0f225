#include "common/quantization/stochastic_stream.h"

namespace repro::quantization {
namespace {

std::uint64_t mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

std::uint64_t stochastic_stream_id(Role role, std::int64_t layer, std::int64_t iteration,
                                   std::int64_t occurrence) {
  std::uint64_t h = mix64(static_cast<std::uint64_t>(role) + 1);
  h = mix64(h ^ static_cast<std::uint64_t>(layer));
  h = mix64(h ^ static_cast<std::uint64_t>(iteration));
  h = mix64(h ^ static_cast<std::uint64_t>(occurrence));
  return h;
}

void StochasticStream::set_iteration(std::int64_t iteration) {
  std::lock_guard<std::mutex> lock(mutex_);
  iteration_ = iteration;
  occurrences_.clear();
}

std::int64_t StochasticStream::iteration() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return iteration_;
}

StochasticKey StochasticStream::next(Role role, std::int64_t layer) {
  std::lock_guard<std::mutex> lock(mutex_);
  const std::int64_t occurrence = occurrences_[{static_cast<int>(role), layer}]++;
  return StochasticKey{seed_, stochastic_stream_id(role, layer, iteration_, occurrence)};
}

}  // namespace repro::quantization
