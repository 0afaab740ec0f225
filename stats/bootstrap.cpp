#include "stats/bootstrap.h"

#include <algorithm>
#include <random>
#include <string>

#include "base/errors.h"
#include "stats/confidence_level.h"
#include "stats/quantile.h"

namespace repro::stats {
namespace {

// Uniform index in [0, count) from a 64-bit generator, by rejection (see the header).
std::uint64_t draw_index(std::mt19937_64& generator, std::uint64_t count) {
  const std::uint64_t rejected_below = (0 - count) % count;  // 2^64 mod count
  std::uint64_t value = generator();
  while (value < rejected_below) value = generator();
  return value % count;
}

}  // namespace

std::vector<double> bootstrap_statistics(const std::vector<double>& sample,
                                         const SampleStatistic& statistic,
                                         const BootstrapOptions& options) {
  if (sample.empty()) throw InputError("bootstrap: the sample is empty");
  if (options.resamples() <= 0) {
    throw InputError("bootstrap: resamples must be > 0, got " +
                     std::to_string(options.resamples()));
  }
  std::mt19937_64 generator(options.seed());
  const std::uint64_t count = sample.size();
  std::vector<double> resample(sample.size());
  std::vector<double> statistics;
  statistics.reserve(static_cast<std::size_t>(options.resamples()));
  for (std::int64_t r = 0; r < options.resamples(); ++r) {
    for (double& value : resample) value = sample[draw_index(generator, count)];
    statistics.push_back(statistic(resample));
  }
  return statistics;
}

Interval bootstrap_percentile_interval(const std::vector<double>& sample,
                                       const SampleStatistic& statistic,
                                       const BootstrapOptions& options) {
  require_confidence_level(options.level(), "bootstrap");
  std::vector<double> statistics = bootstrap_statistics(sample, statistic, options);
  std::sort(statistics.begin(), statistics.end());
  return {quantile_of_sorted(statistics, (1.0 - options.level()) / 2.0),
          quantile_of_sorted(statistics, (1.0 + options.level()) / 2.0)};
}

}  // namespace repro::stats
