// The statistical rules that decide this study's claims: pure functions of measured numbers,
// unit-tested in tests/papers/arbitrary_bit_mnist/.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/verdict.h"
#include "stats/interval.h"

namespace repro::arbitrary_bit_mnist {

// Accuracy (in [0, 1]) of each seed at each bit size; vectors are indexed by seed, the same
// seeds at every bit size (paired). Bit size 32 is float32.
using AccuracyBySeed = std::map<int, std::vector<double>>;

double mean_of(const std::vector<double>& values);  // REQUIRES: values non-empty

// The smallest swept N such that N and every larger swept bit size have mean accuracy at least
// mean(accuracy[32]) - margin (an accuracy fraction: 0.01 is 1 point). Always <= 32.
// REQUIRES: accuracy has key 32; every vector has the same non-zero length.
int inflection_bits(const AccuracyBySeed& accuracy, double margin);

// inflection_bits over `resamples` bootstrap resamples of the seeds (all bit sizes resampled
// with the same seed indices), and their 95% percentile interval (rounded outward to bits).
struct InflectionEstimate {
  int bits = 32;
  stats::Interval interval;  // of the bit size
  std::vector<double> resampled_bits;
};
InflectionEstimate estimate_inflection(const AccuracyBySeed& accuracy, double margin,
                                       std::uint64_t seed, std::int64_t resamples = 2000);

// Reproduced when `interval` lies within [low, high], not reproduced when it misses it entirely,
// inconclusive when it straddles an end.
Verdict verdict_for_interval_in_band(const stats::Interval& interval, double low, double high);

// Least squares y = intercept + slope * x, with the coefficient of determination.
struct LinearFit {
  double intercept = 0.0;
  double slope = 0.0;
  double r_squared = 0.0;
};
// REQUIRES: x.size() == y.size() >= 2, x not constant.
LinearFit fit_line(const std::vector<double>& x, const std::vector<double>& y);

// Paired ratios first[i] / second[i] (e.g. epochs to converge with stochastic rounding over
// epochs with truncation): geometric mean and the 95% t interval of the mean log ratio,
// exponentiated. REQUIRES: equal sizes >= 2, all values > 0.
struct RatioEstimate {
  double geometric_mean = 1.0;
  stats::Interval interval;
  double p_value = 1.0;  // paired t test of the log ratios against 0 (two-sided)
  std::size_t pairs = 0;
};
RatioEstimate paired_ratio(const std::vector<double>& first, const std::vector<double>& second);

// The first time (x of a curve, e.g. epochs) at which y reaches `target`, or nullopt.
// REQUIRES: x.size() == y.size().
std::optional<double> first_time_reaching(const std::vector<double>& x,
                                          const std::vector<double>& y, double target);

// Two-sided exact binomial (sign) test on discordant pairs: p of `only_first` successes among
// only_first + only_second under probability 1/2; 1 when there are none.
double sign_test_p_value(std::int64_t only_first, std::int64_t only_second);

}  // namespace repro::arbitrary_bit_mnist

namespace repro::arbitrary_bit_mnist {

// 95% bootstrap percentile interval of the least-squares slope of y on x, resampling (x, y)
// pairs (2000 resamples; resamples with constant x are redrawn as the full sample's slope).
// REQUIRES: x.size() == y.size() >= 3, x not constant.
stats::Interval slope_interval(const std::vector<double>& x, const std::vector<double>& y,
                               std::uint64_t seed);

}  // namespace repro::arbitrary_bit_mnist
