#include "stats/binomial_test.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>

#include <boost/math/distributions/binomial.hpp>

#include "base/errors.h"

namespace repro::stats {
namespace {

// scipy's _binary_search_for_binom_tst: the index i in [low, high] with a(i) <= target < a(i+1),
// for `a` ascending on [low, high].
std::int64_t search_ascending(const std::function<double(std::int64_t)>& a, double target,
                              std::int64_t low, std::int64_t high) {
  while (low < high) {
    const std::int64_t middle = low + (high - low) / 2;
    const double value = a(middle);
    if (value < target) {
      low = middle + 1;
    } else if (value > target) {
      high = middle - 1;
    } else {
      return middle;
    }
  }
  return a(low) <= target ? low : low - 1;
}

}  // namespace

double binomial_test_p_value(std::int64_t successes, std::int64_t trials, double probability) {
  if (trials <= 0) {
    throw InputError("binomial test: trials must be > 0, got " + std::to_string(trials));
  }
  if (successes < 0 || successes > trials) {
    throw InputError("binomial test: successes must be in [0, trials = " + std::to_string(trials) +
                     "], got " + std::to_string(successes));
  }
  if (!(probability >= 0.0 && probability <= 1.0)) {
    throw InputError("binomial test: probability must be in [0, 1], got " +
                     std::to_string(probability));
  }
  const double n = static_cast<double>(trials);
  const double k = static_cast<double>(successes);
  const boost::math::binomial_distribution<double> null_distribution(n, probability);
  const auto pmf = [&](std::int64_t x) {
    return boost::math::pdf(null_distribution, static_cast<double>(x));
  };
  const auto cdf = [&](double x) { return x < 0 ? 0.0 : boost::math::cdf(null_distribution, x); };
  const auto survival = [&](double x) {  // P(X > x)
    if (x < 0) return 1.0;
    if (x >= n) return 0.0;
    return boost::math::cdf(boost::math::complement(null_distribution, x));
  };

  const double observed_likelihood = pmf(successes);
  const double relative_slack = 1.0 + 1e-7;
  const double expected = probability * n;
  double p_value = 1.0;
  if (k == expected) {
    p_value = 1.0;
  } else if (k < expected) {
    const std::int64_t index = search_ascending([&](std::int64_t x) { return -pmf(x); },
                                                -observed_likelihood * relative_slack,
                                                static_cast<std::int64_t>(std::ceil(expected)),
                                                trials);
    const std::int64_t far_side_count =
        trials - index + (observed_likelihood * relative_slack == pmf(index) ? 1 : 0);
    p_value = cdf(k) + survival(static_cast<double>(trials - far_side_count));
  } else {
    const std::int64_t index =
        search_ascending(pmf, observed_likelihood * relative_slack, 0,
                         static_cast<std::int64_t>(std::floor(expected)));
    const std::int64_t far_side_count = index + 1;
    p_value = cdf(static_cast<double>(far_side_count - 1)) + survival(k - 1.0);
  }
  return std::min(1.0, p_value);
}

}  // namespace repro::stats
