#include "stats/difference_interval.h"

#include <cmath>
#include <string>

#include "base/errors.h"

namespace repro::stats {
namespace {

void require_contains(double value, const Interval& interval, const char* name) {
  if (!std::isfinite(value) || !std::isfinite(interval.lower) || !std::isfinite(interval.upper) ||
      interval.lower > value || value > interval.upper) {
    throw InputError(std::string("MOVER difference interval: ") + name + " " + std::to_string(value) +
                     " must be finite and inside its interval [" + std::to_string(interval.lower) +
                     ", " + std::to_string(interval.upper) + "]");
  }
}

}  // namespace

Interval mover_difference_interval(double a, const Interval& a_interval, double b,
                                   const Interval& b_interval) {
  require_contains(a, a_interval, "first estimate");
  require_contains(b, b_interval, "second estimate");
  const double difference = a - b;
  return {difference - std::hypot(a - a_interval.lower, b_interval.upper - b),
          difference + std::hypot(a_interval.upper - a, b - b_interval.lower)};
}

}  // namespace repro::stats
