#include "stats/binomial_interval.h"

#include <algorithm>
#include <cmath>
#include <string>

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/normal.hpp>

#include "base/errors.h"
#include "stats/confidence_level.h"

namespace repro::stats {
namespace {

Interval wilson_interval(double successes, double trials, double level) {
  const double alpha = 1.0 - level;
  const boost::math::normal_distribution<double> standard_normal;
  const double critical = boost::math::quantile(boost::math::complement(standard_normal, alpha / 2));
  const double critical_squared = critical * critical;
  const double proportion = successes / trials;
  const double denominator = 1.0 + critical_squared / trials;
  const double center = (proportion + critical_squared / (2.0 * trials)) / denominator;
  const double half_width =
      critical *
      std::sqrt(proportion * (1.0 - proportion) / trials +
                critical_squared / (4.0 * trials * trials)) /
      denominator;
  return {std::clamp(center - half_width, 0.0, 1.0), std::clamp(center + half_width, 0.0, 1.0)};
}

Interval clopper_pearson_interval(double successes, double trials, double level) {
  const double half_alpha = (1.0 - level) / 2.0;
  Interval interval{0.0, 1.0};
  if (successes > 0) {
    const boost::math::beta_distribution<double> lower_beta(successes, trials - successes + 1.0);
    interval.lower = boost::math::quantile(lower_beta, half_alpha);
  }
  if (successes < trials) {
    const boost::math::beta_distribution<double> upper_beta(successes + 1.0, trials - successes);
    interval.upper = boost::math::quantile(boost::math::complement(upper_beta, half_alpha));
  }
  return interval;
}

Interval jeffreys_interval(double successes, double trials, double level) {
  // scipy.stats.beta.interval: ppf((1 - level) / 2), ppf((1 + level) / 2).
  const boost::math::beta_distribution<double> posterior(successes + 0.5, trials - successes + 0.5);
  return {boost::math::quantile(posterior, (1.0 - level) / 2.0),
          boost::math::quantile(posterior, (1.0 + level) / 2.0)};
}

}  // namespace

IntervalMethod parse_interval_method(const std::string& name) {
  if (name == "wilson") return IntervalMethod::wilson;
  if (name == "clopper-pearson") return IntervalMethod::clopper_pearson;
  if (name == "jeffreys") return IntervalMethod::jeffreys;
  throw InputError("unknown interval method '" + name +
                   "' (expected wilson, clopper-pearson or jeffreys)");
}

std::string to_string(IntervalMethod method) {
  switch (method) {
    case IntervalMethod::wilson: return "wilson";
    case IntervalMethod::clopper_pearson: return "clopper-pearson";
    case IntervalMethod::jeffreys: return "jeffreys";
  }
  return "unknown";
}

Interval binomial_interval(std::int64_t successes, std::int64_t trials, IntervalMethod method,
                           double level) {
  if (trials <= 0) {
    throw InputError("binomial interval: trials must be > 0, got " + std::to_string(trials));
  }
  if (successes < 0 || successes > trials) {
    throw InputError("binomial interval: successes must be in [0, trials = " +
                     std::to_string(trials) + "], got " + std::to_string(successes));
  }
  require_confidence_level(level, "binomial interval");
  const double k = static_cast<double>(successes);
  const double n = static_cast<double>(trials);
  switch (method) {
    case IntervalMethod::wilson: return wilson_interval(k, n, level);
    case IntervalMethod::clopper_pearson: return clopper_pearson_interval(k, n, level);
    case IntervalMethod::jeffreys: return jeffreys_interval(k, n, level);
  }
  throw InputError("binomial interval: unknown method");
}

}  // namespace repro::stats
