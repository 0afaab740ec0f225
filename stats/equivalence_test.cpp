#include "stats/equivalence_test.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include <boost/math/distributions/students_t.hpp>

#include "base/errors.h"
#include "stats/sample_moments.h"

namespace repro::stats {

EquivalenceTestResult welch_equivalence_test(const std::vector<double>& first,
                                             const std::vector<double>& second, double margin,
                                             double alpha) {
  if (!(margin > 0.0) || !std::isfinite(margin)) {
    throw InputError("equivalence test: margin must be a finite number > 0, got " +
                     std::to_string(margin));
  }
  if (!(alpha > 0.0 && alpha < 1.0)) {
    throw InputError("equivalence test: alpha must be in (0, 1), got " + std::to_string(alpha));
  }
  const SampleMoments a = sample_moments(first, 2, "equivalence test: first sample");
  const SampleMoments b = sample_moments(second, 2, "equivalence test: second sample");
  const double variance_of_mean_a = a.variance / static_cast<double>(a.count);
  const double variance_of_mean_b = b.variance / static_cast<double>(b.count);
  const double variance_of_difference = variance_of_mean_a + variance_of_mean_b;
  const double standard_error = std::sqrt(variance_of_difference);
  const double difference = a.mean - b.mean;

  EquivalenceTestResult result;
  if (standard_error == 0.0) {
    const double infinity = std::numeric_limits<double>::infinity();
    result.degrees_of_freedom = std::numeric_limits<double>::quiet_NaN();
    result.lower_statistic = difference + margin > 0 ? infinity : -infinity;
    result.upper_statistic = difference - margin < 0 ? -infinity : infinity;
    result.lower_p_value = difference > -margin ? 0.0 : 1.0;
    result.upper_p_value = difference < margin ? 0.0 : 1.0;
  } else {
    result.degrees_of_freedom =
        variance_of_difference * variance_of_difference /
        (variance_of_mean_a * variance_of_mean_a / static_cast<double>(a.count - 1) +
         variance_of_mean_b * variance_of_mean_b / static_cast<double>(b.count - 1));
    const boost::math::students_t_distribution<double> t_distribution(result.degrees_of_freedom);
    result.lower_statistic = (difference + margin) / standard_error;
    result.upper_statistic = (difference - margin) / standard_error;
    result.lower_p_value =
        boost::math::cdf(boost::math::complement(t_distribution, result.lower_statistic));
    result.upper_p_value = boost::math::cdf(t_distribution, result.upper_statistic);
  }
  result.p_value = std::max(result.lower_p_value, result.upper_p_value);
  result.equivalent = result.p_value < alpha;
  return result;
}

}  // namespace repro::stats
