#include "stats/timing_summary.h"

#include <algorithm>
#include <cmath>

#include <boost/math/distributions/binomial.hpp>

#include "stats/confidence_level.h"
#include "stats/quantile.h"
#include "stats/sample_moments.h"

namespace repro::stats {

TimingSummary summarize_timings(const std::vector<double>& values, double level) {
  require_confidence_level(level, "timing summary");
  const SampleMoments moments = sample_moments(values, 1, "timing summary");
  std::vector<double> sorted(values);
  std::sort(sorted.begin(), sorted.end());

  TimingSummary summary;
  summary.count = static_cast<std::int64_t>(sorted.size());
  summary.minimum = sorted.front();
  summary.maximum = sorted.back();
  summary.mean = moments.mean;
  summary.first_quartile = quantile_of_sorted(sorted, 0.25);
  summary.median = quantile_of_sorted(sorted, 0.5);
  summary.third_quartile = quantile_of_sorted(sorted, 0.75);

  const std::int64_t n = summary.count;
  const boost::math::binomial_distribution<double> signs(static_cast<double>(n), 0.5);
  std::int64_t order = 1;  // j, 1-based
  double coverage = 1.0 - 2.0 * std::pow(0.5, static_cast<double>(n));  // j = 1
  while (2 * (order + 1) <= n + 1) {  // j + 1 <= n + 1 - (j + 1): the interval stays ordered
    const double next_coverage =
        1.0 - 2.0 * boost::math::cdf(signs, static_cast<double>(order));  // j + 1
    if (next_coverage < level) break;
    ++order;
    coverage = next_coverage;
  }
  summary.median_interval = {sorted[static_cast<std::size_t>(order - 1)],
                             sorted[static_cast<std::size_t>(n - order)]};
  summary.median_interval_coverage = coverage;
  return summary;
}

}  // namespace repro::stats
