#include "papers/arbitrary_bit_mnist/sweep_plots.h"

#include <cmath>

#include <fmt/format.h>

#include "stats/t_test.h"

namespace repro::arbitrary_bit_mnist {

MeanWithInterval mean_with_interval(const std::vector<double>& values) {
  MeanWithInterval result;
  result.mean = mean_of(values);
  result.lower = result.upper = result.mean;
  if (values.size() >= 2) {
    const auto test = stats::one_sample_t_test(values, 0.0, 0.95);
    if (std::isfinite(test.confidence_interval.lower)) {
      result.lower = test.confidence_interval.lower;
      result.upper = test.confidence_interval.upper;
    }
  }
  return result;
}

std::vector<double> as_percent(const std::vector<double>& fractions) {
  std::vector<double> percent;
  for (double fraction : fractions) percent.push_back(100.0 * fraction);
  return percent;
}

nlohmann::json accuracy_against_bits_series(const std::string& name,
                                            const AccuracyBySeed& accuracy) {
  std::vector<double> x, y, lower, upper;
  for (const auto& [bits, values] : accuracy) {
    const auto summary = mean_with_interval(as_percent(values));
    x.push_back(bits);
    y.push_back(summary.mean);
    lower.push_back(summary.lower);
    upper.push_back(summary.upper);
  }
  return {{"name", name}, {"x", x}, {"y", y}, {"y_lower", lower}, {"y_upper", upper}};
}

nlohmann::json accuracy_rows(const std::string& label, const AccuracyBySeed& accuracy) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& [bits, values] : accuracy) {
    const auto summary = mean_with_interval(as_percent(values));
    rows.push_back({label, bits, fmt::format("{:.2f}", summary.mean),
                    fmt::format("{:.2f}..{:.2f}", summary.lower, summary.upper), values.size()});
  }
  return rows;
}

}  // namespace repro::arbitrary_bit_mnist
