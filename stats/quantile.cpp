#include "stats/quantile.h"

#include <cmath>
#include <cstddef>
#include <string>

#include "base/errors.h"

namespace repro::stats {

double quantile_of_sorted(const std::vector<double>& sorted_values, double probability) {
  if (sorted_values.empty()) throw InputError("quantile: no values");
  if (!(probability >= 0.0 && probability <= 1.0)) {
    throw InputError("quantile: probability must be in [0, 1], got " + std::to_string(probability));
  }
  const double position = static_cast<double>(sorted_values.size() - 1) * probability;
  const std::size_t below = static_cast<std::size_t>(std::floor(position));
  const double fraction = position - static_cast<double>(below);
  if (below + 1 >= sorted_values.size() || fraction == 0.0) return sorted_values[below];
  // numpy's _lerp: a + (b - a) * t, switched to b - (b - a) * (1 - t) for t >= 0.5.
  const double low = sorted_values[below];
  const double high = sorted_values[below + 1];
  const double difference = high - low;
  return fraction >= 0.5 ? high - difference * (1.0 - fraction) : low + difference * fraction;
}

}  // namespace repro::stats
