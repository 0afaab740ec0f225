#include "papers/cyclic_precision_training/verdict_rules.h"

#include <cmath>

#include <fmt/format.h>

#include "stats/t_test.h"

namespace repro::cyclic_precision_training {
namespace {

nlohmann::json paired_measurements(const std::vector<double>& a, const std::vector<double>& b,
                                   const stats::TTestResult& test) {
  std::vector<double> differences;
  for (std::size_t i = 0; i < a.size(); ++i) differences.push_back(a[i] - b[i]);
  return {{"seeds", a.size()},
          {"first", a},
          {"second", b},
          {"differences_points", differences},
          {"mean_difference_points", test.mean_difference},
          {"ci95_lower_points", test.confidence_interval.lower},
          {"ci95_upper_points", test.confidence_interval.upper},
          {"t_statistic", test.statistic},
          {"p_value_two_sided", test.p_value}};
}

// A constant difference gives an interval of zero width (or NaN when it is all zeros).
stats::TTestResult paired(const std::vector<double>& a, const std::vector<double>& b) {
  stats::TTestResult test = stats::paired_t_test(a, b, 0.95);
  if (std::isnan(test.confidence_interval.lower)) {
    test.confidence_interval.lower = test.mean_difference;
    test.confidence_interval.upper = test.mean_difference;
  }
  return test;
}

}  // namespace

Decision paired_non_inferiority(const std::vector<double>& a, const std::vector<double>& b,
                                double margin_points, const std::string& a_name,
                                const std::string& b_name) {
  const stats::TTestResult test = paired(a, b);
  const double lower = test.confidence_interval.lower;
  const double upper = test.confidence_interval.upper;
  Verdict verdict = Verdict::inconclusive;
  if (lower > -margin_points) verdict = Verdict::reproduced;
  if (upper < -margin_points) verdict = Verdict::not_reproduced;
  nlohmann::json measured = paired_measurements(a, b, test);
  measured["margin_points"] = margin_points;
  return Decision(verdict)
      .measured(measured)
      .rule(fmt::format("paired t-test over {} seeds of {} − {} accuracy (points), two-sided 95% "
                        "interval; non-inferior when the lower end > −{}; worse when the upper "
                        "end < −{}; inconclusive otherwise",
                        a.size(), a_name, b_name, margin_points, margin_points))
      .reason(fmt::format("mean difference {:+.2f} points, 95% CI [{:+.2f}, {:+.2f}], p = {:.3g}",
                          test.mean_difference, lower, upper, test.p_value));
}

Decision paired_superiority(const std::vector<double>& a, const std::vector<double>& b,
                            const std::string& a_name, const std::string& b_name) {
  const stats::TTestResult test = paired(a, b);
  const double lower = test.confidence_interval.lower;
  const double upper = test.confidence_interval.upper;
  Verdict verdict = Verdict::inconclusive;
  if (lower > 0.0) verdict = Verdict::reproduced;
  if (upper <= 0.0) verdict = Verdict::not_reproduced;
  return Decision(verdict)
      .measured(paired_measurements(a, b, test))
      .rule(fmt::format("paired t-test over {} seeds of {} − {} accuracy (points), two-sided 95% "
                        "interval; better when the lower end > 0; not better when the upper end "
                        "<= 0; inconclusive when the interval contains 0",
                        a.size(), a_name, b_name))
      .reason(fmt::format("mean difference {:+.2f} points, 95% CI [{:+.2f}, {:+.2f}], p = {:.3g}",
                          test.mean_difference, lower, upper, test.p_value));
}

Decision within_tolerance(double ours, double published, double tolerance,
                          const std::string& what, const std::string& unit) {
  return decide_by(std::abs(ours - published) <= tolerance)
      .measured({{"ours", ours}, {"published", published}, {"residual", ours - published}})
      .rule(fmt::format("{} reproduced when |ours − published| <= {} {}", what, tolerance, unit))
      .reason(fmt::format("ours {:.4g} {}, published {:.4g} {} (residual {:+.3g})", ours, unit,
                          published, unit, ours - published));
}

}  // namespace repro::cyclic_precision_training
