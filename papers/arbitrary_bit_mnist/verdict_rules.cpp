#include "papers/arbitrary_bit_mnist/verdict_rules.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <stdexcept>

#include "common/errors.h"
#include "stats/binomial_test.h"
#include "stats/quantile.h"
#include "stats/t_test.h"

namespace repro::arbitrary_bit_mnist {

double mean_of(const std::vector<double>& values) {
  if (values.empty()) throw InputError("arbitrary_bit_mnist: mean of no values");
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

int inflection_bits(const AccuracyBySeed& accuracy, double margin) {
  const auto reference = accuracy.find(32);
  if (reference == accuracy.end()) {
    throw InputError("arbitrary_bit_mnist: the inflection needs float32 (32-bit) accuracies");
  }
  const double threshold = mean_of(reference->second) - margin;
  int smallest = 32;
  // Walk down from 32: the answer is the last bit size before the first one below threshold.
  for (auto it = accuracy.rbegin(); it != accuracy.rend(); ++it) {
    if (mean_of(it->second) < threshold) break;
    smallest = it->first;
  }
  return smallest;
}

InflectionEstimate estimate_inflection(const AccuracyBySeed& accuracy, double margin,
                                       std::uint64_t seed, std::int64_t resamples) {
  InflectionEstimate estimate;
  estimate.bits = inflection_bits(accuracy, margin);
  const std::size_t seeds = accuracy.begin()->second.size();
  for (const auto& [bits, values] : accuracy) {
    if (values.size() != seeds) {
      throw InputError("arbitrary_bit_mnist: bit size " + std::to_string(bits) + " has " +
                       std::to_string(values.size()) + " seeds, others " +
                       std::to_string(seeds));
    }
  }
  std::mt19937_64 generator(seed);
  std::uniform_int_distribution<std::size_t> draw(0, seeds - 1);
  for (std::int64_t r = 0; r < resamples; ++r) {
    std::vector<std::size_t> picks(seeds);
    for (auto& pick : picks) pick = draw(generator);
    AccuracyBySeed resampled;
    for (const auto& [bits, values] : accuracy) {
      auto& column = resampled[bits];
      for (std::size_t pick : picks) column.push_back(values[pick]);
    }
    estimate.resampled_bits.push_back(inflection_bits(resampled, margin));
  }
  std::vector<double> sorted = estimate.resampled_bits;
  std::sort(sorted.begin(), sorted.end());
  estimate.interval = {stats::quantile_of_sorted(sorted, 0.025), stats::quantile_of_sorted(sorted, 0.975)};
  estimate.interval.lower = std::floor(estimate.interval.lower);
  estimate.interval.upper = std::ceil(estimate.interval.upper);
  return estimate;
}

Verdict verdict_for_interval_in_band(const stats::Interval& interval, double low, double high) {
  if (interval.lower >= low && interval.upper <= high) return Verdict::reproduced;
  if (interval.upper < low || interval.lower > high) return Verdict::not_reproduced;
  return Verdict::inconclusive;
}

LinearFit fit_line(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size() || x.size() < 2) {
    throw InputError("arbitrary_bit_mnist: a line fit needs >= 2 (x, y) pairs of equal count");
  }
  const double mean_x = mean_of(x), mean_y = mean_of(y);
  double sxx = 0, sxy = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxx += (x[i] - mean_x) * (x[i] - mean_x);
    sxy += (x[i] - mean_x) * (y[i] - mean_y);
    syy += (y[i] - mean_y) * (y[i] - mean_y);
  }
  if (sxx == 0) throw InputError("arbitrary_bit_mnist: a line fit needs x values that differ");
  LinearFit fit;
  fit.slope = sxy / sxx;
  fit.intercept = mean_y - fit.slope * mean_x;
  fit.r_squared = syy == 0 ? 1.0 : (sxy * sxy) / (sxx * syy);
  return fit;
}

RatioEstimate paired_ratio(const std::vector<double>& first, const std::vector<double>& second) {
  if (first.size() != second.size() || first.size() < 2) {
    throw InputError("arbitrary_bit_mnist: paired ratios need >= 2 pairs of equal count");
  }
  std::vector<double> logs;
  for (std::size_t i = 0; i < first.size(); ++i) {
    if (!(first[i] > 0) || !(second[i] > 0)) {
      throw InputError("arbitrary_bit_mnist: paired ratios need positive values");
    }
    logs.push_back(std::log(first[i] / second[i]));
  }
  RatioEstimate estimate;
  estimate.pairs = logs.size();
  estimate.geometric_mean = std::exp(mean_of(logs));
  const auto test = stats::one_sample_t_test(logs, 0.0, 0.95);
  if (std::isnan(test.statistic)) {  // every log ratio equal: the interval is the point
    estimate.interval = {estimate.geometric_mean, estimate.geometric_mean};
    estimate.p_value = logs.front() == 0.0 ? 1.0 : 0.0;
  } else {
    estimate.interval = {std::exp(test.confidence_interval.lower),
                         std::exp(test.confidence_interval.upper)};
    estimate.p_value = test.p_value;
  }
  return estimate;
}

std::optional<double> first_time_reaching(const std::vector<double>& x,
                                          const std::vector<double>& y, double target) {
  if (x.size() != y.size()) throw InputError("arbitrary_bit_mnist: curve x and y sizes differ");
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (y[i] >= target) return x[i];
  }
  return std::nullopt;
}

double sign_test_p_value(std::int64_t only_first, std::int64_t only_second) {
  const std::int64_t discordant = only_first + only_second;
  if (discordant == 0) return 1.0;
  return stats::binomial_test_p_value(only_first, discordant, 0.5);
}

}  // namespace repro::arbitrary_bit_mnist

namespace repro::arbitrary_bit_mnist {

stats::Interval slope_interval(const std::vector<double>& x, const std::vector<double>& y,
                               std::uint64_t seed) {
  if (x.size() != y.size() || x.size() < 3) {
    throw InputError("arbitrary_bit_mnist: a slope interval needs >= 3 (x, y) pairs");
  }
  const double full_slope = fit_line(x, y).slope;
  std::mt19937_64 generator(seed);
  std::uniform_int_distribution<std::size_t> draw(0, x.size() - 1);
  std::vector<double> slopes;
  for (int r = 0; r < 2000; ++r) {
    std::vector<double> xs, ys;
    for (std::size_t i = 0; i < x.size(); ++i) {
      const std::size_t pick = draw(generator);
      xs.push_back(x[pick]);
      ys.push_back(y[pick]);
    }
    const bool constant = std::all_of(xs.begin(), xs.end(), [&](double v) { return v == xs[0]; });
    slopes.push_back(constant ? full_slope : fit_line(xs, ys).slope);
  }
  std::sort(slopes.begin(), slopes.end());
  return {stats::quantile_of_sorted(slopes, 0.025), stats::quantile_of_sorted(slopes, 0.975)};
}

}  // namespace repro::arbitrary_bit_mnist
