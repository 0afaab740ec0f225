#include "stats/proportion_difference.h"

#include <cmath>

#include "stats/binomial_interval.h"

namespace repro::stats {

Interval newcombe_difference_interval(std::int64_t successes1, std::int64_t trials1,
                                      std::int64_t successes2, std::int64_t trials2,
                                      double level) {
  const Interval first = binomial_interval(successes1, trials1, IntervalMethod::wilson, level);
  const Interval second = binomial_interval(successes2, trials2, IntervalMethod::wilson, level);
  const double p1 = static_cast<double>(successes1) / static_cast<double>(trials1);
  const double p2 = static_cast<double>(successes2) / static_cast<double>(trials2);
  const double difference = p1 - p2;
  return {difference - std::hypot(p1 - first.lower, second.upper - p2),
          difference + std::hypot(first.upper - p1, p2 - second.lower)};
}

}  // namespace repro::stats
