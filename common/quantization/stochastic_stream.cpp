#include "common/quantization/stochastic_stream.h"

#include "base/splitmix64.h"

namespace repro::quantization {
std::uint64_t stochastic_stream_id(Role role, std::int64_t layer, std::int64_t iteration,
                                   std::int64_t occurrence) {
  std::uint64_t h = splitmix64(static_cast<std::uint64_t>(role) + 1);
  h = splitmix64(h ^ static_cast<std::uint64_t>(layer));
  h = splitmix64(h ^ static_cast<std::uint64_t>(iteration));
  h = splitmix64(h ^ static_cast<std::uint64_t>(occurrence));
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
