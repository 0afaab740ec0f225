#include "papers/cyclic_precision_training/verdict_rules.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "common/comparison_decision.h"
#include "base/errors.h"
#include "stats/detectable_effect.h"
#include "stats/t_test.h"

namespace repro::cyclic_precision_training {
namespace {

constexpr const char* kPoints = "points";

// A t estimate (paired or one-sample) with its degrees of freedom; constant data give a point.
struct TEstimate {
  Estimate estimate;
  double degrees_of_freedom = 1.0;
};

TEstimate t_estimate(const stats::TTestResult& test, std::string method) {
  stats::Interval interval = test.confidence_interval;
  if (!std::isfinite(interval.lower) || !std::isfinite(interval.upper)) {
    interval = {test.mean_difference, test.mean_difference};
  }
  const double df = test.degrees_of_freedom > 0 ? test.degrees_of_freedom : 1.0;
  return {{test.mean_difference, interval, std::move(method)}, df};
}

void require_pairs(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size() || a.size() < 2) {
    throw InputError(fmt::format("cyclic_precision_training: a paired rule needs >= 2 pairs of equal "
                                 "count, got {} and {}", a.size(), b.size()));
  }
}

TEstimate paired_difference(const std::vector<double>& a, const std::vector<double>& b) {
  require_pairs(a, b);
  return t_estimate(stats::paired_t_test(a, b, 0.95), fmt::format("paired t over {} seeds", a.size()));
}

DetectableEffect detectable(const TEstimate& t) {
  return {stats::minimum_detectable_effect(
              stats::standard_error_of_interval(t.estimate.interval, t.degrees_of_freedom), t.degrees_of_freedom),
          kPoints, "(t(0.975) + t(0.80)) x SE of the " + t.estimate.method};
}

nlohmann::json paired_measured(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> differences;
  for (std::size_t i = 0; i < a.size(); ++i) differences.push_back(a[i] - b[i]);
  return {{"seeds", a.size()}, {"first", a}, {"second", b}, {"differences_points", differences}};
}

}  // namespace

Decision paired_non_inferiority(const std::vector<double>& a, const std::vector<double>& b,
                                double margin_points, const std::string& a_name,
                                const std::string& b_name) {
  const TEstimate difference = paired_difference(a, b);
  const Margin margin{margin_points, kPoints,
                      "practical margin, fixed before any run: half a point is the smallest accuracy "
                      "gap Table 2 treats as a difference between methods (CPT over SBM, ResNet-74 on "
                      "CIFAR-10: 0.66 points), so a deficit inside it counts as \"equal\""};
  return decide_comparison(kNonInferiorityRule,
                           non_inferiority_of(a_name + " − " + b_name + " test accuracy", kPoints,
                                              difference.estimate, margin),
                           margin, detectable(difference))
      .measured(paired_measured(a, b));
}

Decision paired_superiority(const std::vector<double>& a, const std::vector<double>& b,
                            const std::string& a_name, const std::string& b_name) {
  const TEstimate difference = paired_difference(a, b);
  return decide_comparison(kDirectionRule,
                           direction_of(a_name + " − " + b_name + " test accuracy", kPoints, difference.estimate),
                           {0.0, kPoints, "a direction only: any positive difference"}, detectable(difference))
      .measured(paired_measured(a, b));
}

Decision published_accuracy(double published_percent, const std::vector<double>& ours,
                            double margin_points, const std::string& margin_words) {
  if (ours.size() < 2) throw InputError("cyclic_precision_training: a mean over seeds needs >= 2 seeds");
  const TEstimate mean = t_estimate(stats::one_sample_t_test(ours, 0.0, 0.95),
                                    fmt::format("mean over {} seeds, t interval", ours.size()));
  const Margin margin{margin_points, kPoints, margin_words};
  return decide_comparison(kPublishedAccuracyRule,
                           agreement_with("test accuracy", "%", published_percent, mean.estimate, margin),
                           margin, detectable(mean))
      .measured({{"per_seed_percent", ours}});
}

}  // namespace repro::cyclic_precision_training
