#include "stats/paired_proportion_difference.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "base/errors.h"
#include "stats/binomial_interval.h"

namespace repro::stats {

Interval paired_proportion_difference_interval(std::int64_t a, std::int64_t b, std::int64_t c,
                                               std::int64_t d, double level) {
  if (a < 0 || b < 0 || c < 0 || d < 0 || a + b + c + d <= 0 || !(level > 0.0 && level < 1.0)) {
    throw InputError("paired proportion difference: counts must be >= 0 with a positive total and "
                     "0 < level < 1 (got " + std::to_string(a) + ", " + std::to_string(b) + ", " +
                     std::to_string(c) + ", " + std::to_string(d) + ", level " + std::to_string(level) + ")");
  }
  const double n = static_cast<double>(a + b + c + d);
  const double p1 = (a + b) / n;
  const double p2 = (a + c) / n;
  const Interval first = binomial_interval(a + b, a + b + c + d, IntervalMethod::wilson, level);
  const Interval second = binomial_interval(a + c, a + b + c + d, IntervalMethod::wilson, level);
  const double margins = static_cast<double>(a + b) * static_cast<double>(c + d) *
                         static_cast<double>(a + c) * static_cast<double>(b + d);
  const double phi = margins > 0.0
                         ? (static_cast<double>(a) * d - static_cast<double>(b) * c) / std::sqrt(margins)
                         : 0.0;
  const auto spread = [phi](double x, double y) {
    return std::sqrt(std::max(0.0, x * x - 2.0 * phi * x * y + y * y));
  };
  const double difference = p1 - p2;
  return {difference - spread(p1 - first.lower, second.upper - p2),
          difference + spread(first.upper - p1, p2 - second.lower)};
}

}  // namespace repro::stats
