#include "stats/t_test.h"

#include <cmath>
#include <limits>
#include <string>

#include <boost/math/distributions/students_t.hpp>

#include "base/errors.h"
#include "stats/confidence_level.h"
#include "stats/sample_moments.h"

namespace repro::stats {
namespace {

constexpr double kNotANumber = std::numeric_limits<double>::quiet_NaN();

// Fills statistic, p_value and confidence_interval from the difference, its standard error and
// the degrees of freedom.
TTestResult finish_t_test(double difference, double standard_error, double degrees_of_freedom,
                          double level) {
  TTestResult result;
  result.mean_difference = difference;
  result.degrees_of_freedom = degrees_of_freedom;
  if (standard_error == 0.0 || !std::isfinite(degrees_of_freedom)) {
    result.statistic = difference == 0.0 ? kNotANumber
                                         : std::copysign(std::numeric_limits<double>::infinity(),
                                                         difference);
    result.p_value = difference == 0.0 ? kNotANumber : 0.0;
    result.confidence_interval = {difference, difference};
    return result;
  }
  const boost::math::students_t_distribution<double> t_distribution(degrees_of_freedom);
  result.statistic = difference / standard_error;
  result.p_value =
      2.0 * boost::math::cdf(boost::math::complement(t_distribution, std::fabs(result.statistic)));
  const double critical =
      boost::math::quantile(boost::math::complement(t_distribution, (1.0 - level) / 2.0));
  result.confidence_interval = {difference - critical * standard_error,
                                difference + critical * standard_error};
  return result;
}

}  // namespace

TTestResult welch_t_test(const std::vector<double>& first, const std::vector<double>& second,
                         double level) {
  require_confidence_level(level, "Welch t test");
  const SampleMoments a = sample_moments(first, 2, "Welch t test: first sample");
  const SampleMoments b = sample_moments(second, 2, "Welch t test: second sample");
  const double variance_of_mean_a = a.variance / static_cast<double>(a.count);
  const double variance_of_mean_b = b.variance / static_cast<double>(b.count);
  const double variance_of_difference = variance_of_mean_a + variance_of_mean_b;
  const double degrees_of_freedom =
      variance_of_difference * variance_of_difference /
      (variance_of_mean_a * variance_of_mean_a / static_cast<double>(a.count - 1) +
       variance_of_mean_b * variance_of_mean_b / static_cast<double>(b.count - 1));
  return finish_t_test(a.mean - b.mean, std::sqrt(variance_of_difference), degrees_of_freedom,
                       level);
}

TTestResult one_sample_t_test(const std::vector<double>& sample, double hypothesized_mean,
                              double level) {
  require_confidence_level(level, "one-sample t test");
  if (!std::isfinite(hypothesized_mean)) {
    throw InputError("one-sample t test: hypothesized_mean is not finite");
  }
  const SampleMoments moments = sample_moments(sample, 2, "one-sample t test");
  return finish_t_test(moments.mean - hypothesized_mean,
                       std::sqrt(moments.variance / static_cast<double>(moments.count)),
                       static_cast<double>(moments.count - 1), level);
}

TTestResult paired_t_test(const std::vector<double>& first, const std::vector<double>& second,
                          double level) {
  if (first.size() != second.size()) {
    throw InputError("paired t test: the samples differ in size (" + std::to_string(first.size()) +
                     " and " + std::to_string(second.size()) + ")");
  }
  std::vector<double> differences(first.size());
  for (std::size_t i = 0; i < first.size(); ++i) differences[i] = first[i] - second[i];
  return one_sample_t_test(differences, 0.0, level);
}

}  // namespace repro::stats
