#include "papers/fixed_point_fashion_mnist/verdict_rules.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "stats/binomial_test.h"
#include "stats/equivalence_test.h"
#include "stats/t_test.h"

namespace repro::fixed_point_fashion_mnist {
namespace {

nlohmann::json interval_json(const stats::Interval& interval) {
  return {interval.lower, interval.upper};
}

double mean_of(const std::vector<double>& values) {
  double sum = 0.0;
  for (double value : values) sum += value;
  return values.empty() ? 0.0 : sum / static_cast<double>(values.size());
}

std::int64_t published_successes(double published_percent, std::int64_t images) {
  return static_cast<std::int64_t>(std::llround(published_percent / 100.0 * images));
}

// Welch interval of mean(first) - mean(second); a zero-width interval when both are constant.
stats::Interval welch_interval(const std::vector<double>& first, const std::vector<double>& second) {
  const auto test = stats::welch_t_test(first, second);
  if (std::isfinite(test.confidence_interval.lower)) return test.confidence_interval;
  return {test.mean_difference, test.mean_difference};
}

stats::Interval paired_interval(const std::vector<double>& first, const std::vector<double>& second) {
  const auto test = stats::paired_t_test(first, second);
  if (std::isfinite(test.confidence_interval.lower)) return test.confidence_interval;
  return {test.mean_difference, test.mean_difference};
}

}  // namespace

SeedSummary summarize_seeds(const std::vector<double>& samples) {
  SeedSummary summary;
  summary.samples = samples;
  summary.mean = mean_of(samples);
  const auto test = stats::one_sample_t_test(samples, 0.0);
  summary.interval = std::isfinite(test.confidence_interval.lower)
                         ? test.confidence_interval
                         : stats::Interval{summary.mean, summary.mean};
  return summary;
}

Decision published_accuracy_rule(double published_percent, std::int64_t published_images,
                                 const std::vector<double>& our_percent,
                                 std::int64_t pooled_correct, std::int64_t pooled_total) {
  const SeedSummary ours = summarize_seeds(our_percent);
  const std::int64_t k = published_successes(published_percent, published_images);
  const double pooled = static_cast<double>(pooled_correct) / static_cast<double>(pooled_total);
  const double p_value = stats::binomial_test_p_value(k, published_images, pooled);
  const auto clamp01 = [](double percent) { return std::clamp(percent / 100.0, 0.0, 1.0); };
  const double p_at_lower = stats::binomial_test_p_value(k, published_images, clamp01(ours.interval.lower));
  const double p_at_upper = stats::binomial_test_p_value(k, published_images, clamp01(ours.interval.upper));
  const bool consistent = p_value >= kSignificance;
  return Decision(consistent ? Verdict::reproduced : Verdict::not_reproduced)
      .measured({{"published_k_of_n", {k, published_images}},
                 {"our_mean_percent", ours.mean},
                 {"our_seed_interval_95_percent", interval_json(ours.interval)},
                 {"our_per_seed_percent", our_percent},
                 {"our_pooled_correct", pooled_correct},
                 {"our_pooled_total", pooled_total},
                 {"binomial_p_value", p_value},
                 {"binomial_p_at_seed_interval_ends", {p_at_lower, p_at_upper}}})
      .rule("exact two-sided binomial test of the published k successes in 32 at our pooled "
            "accuracy (all seeds, full test set): reproduced when p >= 0.05")
      .reason(fmt::format("published {}/{} = {:.2f} %; ours {:.2f} % (95% over seeds {:.2f}–{:.2f}); "
                          "p = {:.3g}{}",
                          k, published_images, 100.0 * k / published_images, ours.mean,
                          ours.interval.lower, ours.interval.upper, p_value,
                          consistent ? ": 32 images at our accuracy give the published count often enough"
                                     : ": the published count is implausible at our accuracy"));
}

Decision ordering_rule(const std::vector<double>& fp32, const std::vector<double>& baseline,
                       const std::vector<double>& optimized) {
  struct Step {
    std::string name;
    stats::Interval interval;
    double mean = 0.0;
    std::string state;  // holds, fails, undetermined
  };
  std::vector<Step> steps = {{"fp32 - baseline", paired_interval(fp32, baseline), 0.0, ""},
                             {"baseline - optimized", paired_interval(baseline, optimized), 0.0, ""}};
  steps[0].mean = mean_of(fp32) - mean_of(baseline);
  steps[1].mean = mean_of(baseline) - mean_of(optimized);
  bool all_hold = true, any_fails = false;
  nlohmann::json measured = nlohmann::json::object();
  std::string reason;
  for (auto& step : steps) {
    step.state = step.interval.lower > 0.0                        ? "holds"
                 : step.interval.upper < kPracticalMarginPoints ? "fails"
                                                                  : "undetermined";
    all_hold = all_hold && step.state == "holds";
    any_fails = any_fails || step.state == "fails";
    measured[step.name] = {{"mean_points", step.mean},
                           {"paired_95_points", interval_json(step.interval)},
                           {"state", step.state}};
    reason += fmt::format("{}{}: {:+.2f} points (95% {:+.2f} to {:+.2f}) {}", reason.empty() ? "" : "; ",
                          step.name, step.mean, step.interval.lower, step.interval.upper, step.state);
  }
  const Verdict verdict = all_hold    ? Verdict::reproduced
                          : any_fails ? Verdict::not_reproduced
                                      : Verdict::inconclusive;
  return Decision(verdict)
      .measured(measured)
      .rule(fmt::format("paired t tests over seeds; a step holds when its 95% interval is above 0 "
                        "and fails when its upper end is below {} points; reproduced when both "
                        "hold, not reproduced when either fails",
                        kPracticalMarginPoints))
      .reason(reason);
}

Decision drop_rule(double claimed_points, const std::vector<double>& fp32,
                   const std::vector<double>& optimized) {
  const stats::Interval interval = paired_interval(fp32, optimized);
  const double mean = mean_of(fp32) - mean_of(optimized);
  const bool inside = interval.lower <= claimed_points && claimed_points <= interval.upper;
  return Decision(inside ? Verdict::reproduced : Verdict::not_reproduced)
      .measured({{"our_drop_points", mean},
                 {"our_drop_paired_95_points", interval_json(interval)},
                 {"claimed_drop_points", claimed_points}})
      .rule("the claimed drop must lie in the 95% paired t interval (over seeds) of our FP32 "
            "minus optimized accuracy")
      .reason(fmt::format("our drop is {:.2f} points (95% {:.2f} to {:.2f}); the claimed {} points "
                          "lie {} it",
                          mean, interval.lower, interval.upper, claimed_points,
                          inside ? "inside" : "outside"));
}

Sensitivity sweep_sensitivity(const SweepSamples& sweep) {
  std::size_t best = 0, worst = 0;
  for (std::size_t i = 1; i < sweep.samples.size(); ++i) {
    if (mean_of(sweep.samples[i]) > mean_of(sweep.samples[best])) best = i;
    if (mean_of(sweep.samples[i]) < mean_of(sweep.samples[worst])) worst = i;
  }
  Sensitivity sensitivity;
  sensitivity.points = mean_of(sweep.samples[best]) - mean_of(sweep.samples[worst]);
  sensitivity.interval = best == worst ? stats::Interval{0.0, 0.0}
                                       : welch_interval(sweep.samples[best], sweep.samples[worst]);
  sensitivity.best_x = sweep.x[best];
  sensitivity.worst_x = sweep.x[worst];
  return sensitivity;
}

Decision weights_matter_most_rule(const std::map<std::string, SweepSamples>& sweeps) {
  std::map<std::string, Sensitivity> by_role;
  for (const auto& [role, sweep] : sweeps) by_role[role] = sweep_sensitivity(sweep);
  const Sensitivity& weights = by_role.at("weights");
  std::string largest = "weights";
  for (const auto& [role, sensitivity] : by_role) {
    if (sensitivity.points > by_role.at(largest).points) largest = role;
  }
  nlohmann::json measured = nlohmann::json::object();
  std::string reason;
  for (const auto& [role, sensitivity] : by_role) {
    measured[role] = {{"sensitivity_points", sensitivity.points},
                      {"welch_95_points", interval_json(sensitivity.interval)},
                      {"best_fraction", sensitivity.best_x},
                      {"worst_fraction", sensitivity.worst_x}};
    reason += fmt::format("{}{} {:.2f}", reason.empty() ? "sensitivity (points): " : ", ", role,
                          sensitivity.points);
  }
  Verdict verdict = Verdict::inconclusive;
  if (largest == "weights" && weights.interval.lower > 0.0) {
    verdict = Verdict::reproduced;
  } else if (largest != "weights" && by_role.at(largest).interval.lower > 0.0) {
    verdict = Verdict::not_reproduced;
  }
  return Decision(verdict)
      .measured(measured)
      .rule("sensitivity = best minus worst mean accuracy over a role's fractional-bit sweep, with "
            "a Welch 95% interval; reproduced when the weights' is the largest and its interval "
            "excludes 0, not reproduced when another role's is larger and excludes 0")
      .reason(reason + "; largest: " + largest);
}

Decision sixteen_bit_weights_rule(const SweepSamples& weights16, const SweepSamples& weights32) {
  const auto best_of = [](const SweepSamples& sweep) {
    std::size_t best = 0;
    for (std::size_t i = 1; i < sweep.samples.size(); ++i) {
      if (mean_of(sweep.samples[i]) > mean_of(sweep.samples[best])) best = i;
    }
    return best;
  };
  const std::size_t best16 = best_of(weights16), best32 = best_of(weights32);
  const auto& sixteen = weights16.samples[best16];
  const auto& thirty_two = weights32.samples[best32];
  const auto equivalence = stats::welch_equivalence_test(thirty_two, sixteen, kPracticalMarginPoints);
  const stats::Interval interval = welch_interval(thirty_two, sixteen);
  const Verdict verdict = equivalence.equivalent                         ? Verdict::reproduced
                          : interval.lower > kPracticalMarginPoints ? Verdict::not_reproduced
                                                                       : Verdict::inconclusive;
  return Decision(verdict)
      .measured({{"best_16_bit_fraction", weights16.x[best16]},
                 {"best_16_bit_mean_percent", mean_of(sixteen)},
                 {"best_32_bit_fraction", weights32.x[best32]},
                 {"best_32_bit_mean_percent", mean_of(thirty_two)},
                 {"difference_welch_95_points", interval_json(interval)},
                 {"tost_p_value", equivalence.p_value}})
      .rule(fmt::format("Welch TOST of the best 32-bit against the best 16-bit weight format with "
                        "margin {} points: reproduced when equivalent (p < 0.05), not reproduced "
                        "when the Welch 95% interval of 32-bit minus 16-bit is above the margin",
                        kPracticalMarginPoints))
      .reason(fmt::format("best 16-bit {:.2f} % (F/W {:.3f}) vs best 32-bit {:.2f} % (F/W {:.3f}); "
                          "difference 95% {:.2f} to {:.2f}; TOST p = {:.3g}",
                          mean_of(sixteen), weights16.x[best16], mean_of(thirty_two),
                          weights32.x[best32], interval.lower, interval.upper, equivalence.p_value));
}

Decision other_roles_rule(const std::vector<double>& fp32, const std::vector<double>& others_deep) {
  constexpr double kLittleLossPoints = 1.0;
  const stats::Interval interval = paired_interval(fp32, others_deep);
  const double mean = mean_of(fp32) - mean_of(others_deep);
  const Verdict verdict = interval.upper < kLittleLossPoints   ? Verdict::reproduced
                          : interval.lower > kLittleLossPoints ? Verdict::not_reproduced
                                                               : Verdict::inconclusive;
  return Decision(verdict)
      .measured({{"loss_points", mean}, {"paired_95_points", interval_json(interval)}})
      .rule("paired 95% interval of FP32 minus (optimized formats with baseline 24.12 weights): "
            "reproduced when below 1 point, not reproduced when above 1 point")
      .reason(fmt::format("quantizing every other role to its optimized format loses {:.2f} points "
                          "(95% {:.2f} to {:.2f})",
                          mean, interval.lower, interval.upper));
}

Decision variation_is_noise_rule(const std::map<std::string, SweepSamples>& sweeps) {
  std::int64_t points = 0, significant = 0;
  nlohmann::json measured = nlohmann::json::object();
  for (const auto& [name, sweep] : sweeps) {
    std::size_t best = 0;
    for (std::size_t i = 1; i < sweep.samples.size(); ++i) {
      if (mean_of(sweep.samples[i]) > mean_of(sweep.samples[best])) best = i;
    }
    std::int64_t differing = 0;
    for (std::size_t i = 0; i < sweep.samples.size(); ++i) {
      if (i == best) continue;
      ++points;
      const auto test = stats::welch_t_test(sweep.samples[best], sweep.samples[i]);
      // NaN (two equal constant samples) compares false: no difference.
      if (test.p_value < kSignificance) ++differing;
    }
    significant += differing;
    measured[name] = {{"points_differing_from_best", differing},
                      {"points", static_cast<std::int64_t>(sweep.samples.size()) - 1}};
  }
  const bool noise = 2 * significant < points;
  measured["total_differing"] = significant;
  measured["total_points"] = points;
  return Decision(noise ? Verdict::reproduced : Verdict::not_reproduced)
      .measured(measured)
      .rule("Welch t test of each sweep point against its sweep's best point (non-weight roles' "
            "fractional-bit sweeps and the batch-size sweep): reproduced when fewer than half "
            "differ at p < 0.05")
      .reason(fmt::format("{} of {} points differ significantly from their sweep's best",
                          significant, points));
}

}  // namespace repro::fixed_point_fashion_mnist
