// Seeded bootstrap percentile confidence interval of a statistic of one sample.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "stats/interval.h"

namespace repro::stats {

class BootstrapOptions {
 public:
  // Number of resamples (each of sample.size() draws with replacement). REQUIRES: > 0.
  BootstrapOptions& resamples(std::int64_t count) { resamples_ = count; return *this; }
  // Seed of the std::mt19937_64 that draws the resample indices.
  BootstrapOptions& seed(std::uint64_t value) { seed_ = value; return *this; }
  // Confidence level of the percentile interval. REQUIRES: 0 < level < 1.
  BootstrapOptions& level(double value) { level_ = value; return *this; }

  std::int64_t resamples() const { return resamples_; }
  std::uint64_t seed() const { return seed_; }
  double level() const { return level_; }

 private:
  std::int64_t resamples_ = 2000;
  std::uint64_t seed_ = 0;
  double level_ = 0.95;
};

using SampleStatistic = std::function<double(const std::vector<double>&)>;

// The statistic of `resamples` resamples, in resample order. Resample r holds
// sample[draw()] for sample.size() draws, where draw() maps the next std::mt19937_64 outputs to
// [0, n) without bias: outputs below 2^64 mod n are rejected, the rest taken modulo n. (No
// std::uniform_int_distribution, whose algorithm differs between standard libraries, so a
// seed gives the same numbers everywhere.)
// REQUIRES: sample non-empty (else InputError).
std::vector<double> bootstrap_statistics(const std::vector<double>& sample,
                                         const SampleStatistic& statistic,
                                         const BootstrapOptions& options = BootstrapOptions());

// Percentile interval: the (1 - level) / 2 and (1 + level) / 2 quantiles (numpy's linear
// interpolation, stats/quantile.h) of bootstrap_statistics. Deterministic for a seed.
// REQUIRES: sample non-empty, resamples > 0, 0 < level < 1 (else InputError).
Interval bootstrap_percentile_interval(const std::vector<double>& sample,
                                       const SampleStatistic& statistic,
                                       const BootstrapOptions& options = BootstrapOptions());

}  // namespace repro::stats
