// Summary of repeated measurements (timings of a kernel, say).
#pragma once

#include <cstdint>
#include <vector>

#include "stats/interval.h"

namespace repro::stats {

// All values in the unit of the input (name the unit where the summary is stored: e.g.
// `duration_ms`). Quartiles use numpy's default linear interpolation (stats/quantile.h):
// first_quartile = numpy.quantile(values, 0.25), median = numpy.median(values), ...
struct TimingSummary {
  std::int64_t count = 0;
  double minimum = 0.0;
  double first_quartile = 0.0;
  double median = 0.0;
  double third_quartile = 0.0;
  double maximum = 0.0;
  double mean = 0.0;
  // Distribution-free interval of the median: order statistics [x(j), x(n + 1 - j)] (1-based,
  // sorted) with the largest j such that 2 * BinomCDF(j - 1; n, 1/2) <= 1 - level; it covers the
  // population median with probability median_interval_coverage = 1 - 2 * BinomCDF(j - 1; n, 1/2)
  // >= level for any continuous distribution. With too few values (n < 6 at 95 %) no j works:
  // then j = 1, the interval is [minimum, maximum] and the coverage (1 - 2^(1 - n)) is below level.
  Interval median_interval;
  double median_interval_coverage = 0.0;
  double interquartile_range() const { return third_quartile - first_quartile; }
};

// REQUIRES: values non-empty and finite, 0 < level < 1 (else InputError).
TimingSummary summarize_timings(const std::vector<double>& values, double level = 0.95);

}  // namespace repro::stats
