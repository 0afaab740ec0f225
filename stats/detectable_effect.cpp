#include "stats/detectable_effect.h"

#include <cmath>
#include <string>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include "base/errors.h"

namespace repro::stats {
namespace {

double quantile(double probability, double degrees_of_freedom) {
  if (std::isinf(degrees_of_freedom)) {
    return boost::math::quantile(boost::math::normal_distribution<double>(), probability);
  }
  return boost::math::quantile(boost::math::students_t_distribution<double>(degrees_of_freedom),
                               probability);
}

void require_probability(double value, const char* name) {
  if (!(value > 0.0 && value < 1.0)) {
    throw InputError(std::string("detectable effect: ") + name + " must be in (0, 1), got " +
                     std::to_string(value));
  }
}

void require_degrees_of_freedom(double degrees_of_freedom) {
  if (!(degrees_of_freedom > 0.0)) {
    throw InputError("detectable effect: degrees of freedom must be > 0, got " +
                     std::to_string(degrees_of_freedom));
  }
}

}  // namespace

double minimum_detectable_effect(double standard_error, double degrees_of_freedom, double alpha,
                                 double power) {
  if (!(standard_error >= 0.0) || !std::isfinite(standard_error)) {
    throw InputError("detectable effect: standard error must be finite and >= 0, got " +
                     std::to_string(standard_error));
  }
  require_degrees_of_freedom(degrees_of_freedom);
  require_probability(alpha, "alpha");
  require_probability(power, "power");
  return (quantile(1.0 - alpha / 2.0, degrees_of_freedom) + quantile(power, degrees_of_freedom)) *
         standard_error;
}

double standard_error_of_interval(const Interval& interval, double degrees_of_freedom,
                                  double level) {
  require_degrees_of_freedom(degrees_of_freedom);
  require_probability(level, "level");
  if (!(interval.lower <= interval.upper) || !std::isfinite(interval.upper - interval.lower)) {
    throw InputError("detectable effect: interval must be finite and ordered");
  }
  return (interval.upper - interval.lower) / 2.0 /
         quantile(1.0 - (1.0 - level) / 2.0, degrees_of_freedom);
}

double proportion_standard_error(std::int64_t successes, std::int64_t trials) {
  if (trials <= 0 || successes < 0 || successes > trials) {
    throw InputError("proportion standard error: need 0 <= successes <= trials, trials > 0 (got " +
                     std::to_string(successes) + " of " + std::to_string(trials) + ")");
  }
  const double p = (static_cast<double>(successes) + 0.5) / (static_cast<double>(trials) + 1.0);
  return std::sqrt(p * (1.0 - p) / static_cast<double>(trials));
}

}  // namespace repro::stats
