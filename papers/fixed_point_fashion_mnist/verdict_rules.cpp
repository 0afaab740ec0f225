#include "papers/fixed_point_fashion_mnist/verdict_rules.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/comparison_decision.h"
#include "common/decision_conjunction.h"
#include "base/errors.h"
#include "stats/binomial_interval.h"
#include "stats/detectable_effect.h"
#include "stats/difference_interval.h"
#include "stats/proportion_difference.h"
#include "stats/t_test.h"

namespace repro::fixed_point_fashion_mnist {
namespace {

constexpr const char* kPoints = "points";
const Margin kAccuracyMargin{kAccuracyMarginPoints, kPoints,
                             "practical margin: two percentage points of test accuracy (stated "
                             "before any run: a headline accuracy within two points is the same result)"};
const Margin kPracticalMargin{kPracticalMarginPoints, kPoints,
                              "practical margin: half a point between two of our own configurations "
                              "(README.md's choice, made before the full tier ran)"};

nlohmann::json interval_json(const stats::Interval& interval) { return {interval.lower, interval.upper}; }

double mean_of(const std::vector<double>& values) {
  double sum = 0.0;
  for (double value : values) sum += value;
  return values.empty() ? 0.0 : sum / static_cast<double>(values.size());
}

// A t-based estimate with its degrees of freedom; a zero-width interval when the data are constant.
struct TEstimate {
  Estimate estimate;
  double degrees_of_freedom = 1.0;
};

TEstimate from_t_test(const stats::TTestResult& test, std::string method) {
  const stats::Interval interval = std::isfinite(test.confidence_interval.lower)
                                       ? test.confidence_interval
                                       : stats::Interval{test.mean_difference, test.mean_difference};
  const double df = std::isfinite(test.degrees_of_freedom) && test.degrees_of_freedom > 0
                        ? test.degrees_of_freedom
                        : 1.0;
  return {{test.mean_difference, interval, std::move(method)}, df};
}

TEstimate paired(const std::vector<double>& first, const std::vector<double>& second) {
  return from_t_test(stats::paired_t_test(first, second),
                     fmt::format("paired t over {} seeds", first.size()));
}

TEstimate welch(const std::vector<double>& first, const std::vector<double>& second) {
  return from_t_test(stats::welch_t_test(first, second),
                     fmt::format("Welch t, {} and {} seeds", first.size(), second.size()));
}

double standard_error(const TEstimate& estimate) {
  return stats::standard_error_of_interval(estimate.estimate.interval, estimate.degrees_of_freedom);
}

DetectableEffect detectable(double standard_error, double degrees_of_freedom, std::string basis) {
  return {stats::minimum_detectable_effect(standard_error, degrees_of_freedom), kPoints, std::move(basis)};
}

DetectableEffect detectable(const TEstimate& estimate) {
  return detectable(standard_error(estimate), estimate.degrees_of_freedom,
                    "(t(0.975) + t(0.80)) x SE of " + estimate.estimate.method);
}

// k of `images` as a percentage with its Wilson interval.
Estimate published_share(std::int64_t right, std::int64_t images) {
  const auto wilson = stats::binomial_interval(right, images, stats::IntervalMethod::wilson);
  return {100.0 * static_cast<double>(right) / static_cast<double>(images),
          {100.0 * wilson.lower, 100.0 * wilson.upper},
          fmt::format("Wilson, {} of {}", right, images)};
}

std::int64_t published_successes(double published_percent, std::int64_t images) {
  return static_cast<std::int64_t>(std::llround(published_percent / 100.0 * images));
}

std::size_t best_point(const SweepSamples& sweep) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < sweep.samples.size(); ++i) {
    if (mean_of(sweep.samples[i]) > mean_of(sweep.samples[best])) best = i;
  }
  return best;
}

}  // namespace

SeedSummary summarize_seeds(const std::vector<double>& samples) {
  SeedSummary summary;
  summary.samples = samples;
  const TEstimate estimate = from_t_test(stats::one_sample_t_test(samples, 0.0), "");
  summary.mean = estimate.estimate.value;
  summary.interval = estimate.estimate.interval;
  return summary;
}

Decision published_accuracy_rule(double published_percent, std::int64_t published_images,
                                 const std::vector<double>& our_percent,
                                 std::int64_t pooled_correct, std::int64_t pooled_total) {
  const TEstimate ours_t = from_t_test(stats::one_sample_t_test(our_percent, 0.0),
                                       fmt::format("mean over {} seeds, t interval", our_percent.size()));
  const std::int64_t k = published_successes(published_percent, published_images);
  const Estimate published = published_share(k, published_images);
  const Estimate& ours = ours_t.estimate;
  const stats::Interval difference =
      stats::mover_difference_interval(ours.value, ours.interval, published.value, published.interval);
  const double se = std::hypot(standard_error(ours_t),
                               100.0 * stats::proportion_standard_error(k, published_images));
  return decide_comparison(
             kPublishedAccuracyRule,
             difference_from_published("test accuracy", "%", published, ours,
                                       {ours.value - published.value, difference,
                                        "MOVER from our seed interval and the published Wilson interval"},
                                       kAccuracyMargin),
             kAccuracyMargin,
             detectable(se, std::numeric_limits<double>::infinity(),
                        fmt::format("2.80 x SE of ours − published (our seeds and the published {} images)",
                                    published_images)))
      .measured({{"published_k_of_n", {k, published_images}},
                 {"our_mean_percent", ours.value},
                 {"our_seed_interval_95_percent", interval_json(ours.interval)},
                 {"our_per_seed_percent", our_percent},
                 {"our_pooled_correct", pooled_correct},
                 {"our_pooled_total", pooled_total},
                 {"difference_95_points", interval_json(difference)}});
}

Decision ordering_rule(const std::vector<double>& fp32, const std::vector<double>& baseline,
                       const std::vector<double>& optimized) {
  const TEstimate first = paired(fp32, baseline);
  const TEstimate second = paired(baseline, optimized);
  Decision steps[2] = {
      decide_comparison(kOrderingRule, direction_of("FP32 − baseline accuracy", kPoints, first.estimate),
                        {0.0, kPoints, "a direction only: any positive difference"}, detectable(first)),
      decide_comparison(kOrderingRule, direction_of("baseline − optimized accuracy", kPoints, second.estimate),
                        {0.0, kPoints, "a direction only: any positive difference"}, detectable(second))};
  const bool all = steps[0].verdict() == Verdict::reproduced && steps[1].verdict() == Verdict::reproduced;
  const bool any_fails =
      steps[0].verdict() == Verdict::not_reproduced || steps[1].verdict() == Verdict::not_reproduced;
  // The step that decides: the first that fails, else the first that is not shown.
  const int deciding = steps[0].verdict() == Verdict::not_reproduced ? 0
                       : steps[1].verdict() == Verdict::not_reproduced ? 1
                       : steps[0].verdict() != Verdict::reproduced   ? 0
                                                                     : 1;
  Decision decision(all ? Verdict::reproduced : any_fails ? Verdict::not_reproduced : Verdict::inconclusive);
  decision.rule_id(kOrderingRule)
      .comparison(*steps[deciding].comparison())
      .margin(*steps[deciding].margin())
      .detectable({std::max(steps[0].detectable()->value, steps[1].detectable()->value), kPoints,
                   "the larger of the two steps' detectable effects"})
      .rule("two direction claims on paired t intervals over seeds, FP32 − baseline and baseline − "
            "optimized, each region [0, +inf): reproduced when both intervals lie inside, not "
            "reproduced when either lies entirely below 0, inconclusive otherwise")
      .reason(steps[0].reason() + "; " + steps[1].reason())
      .measured({{"fp32_minus_baseline", {{"mean_points", first.estimate.value},
                                          {"paired_95_points", interval_json(first.estimate.interval)},
                                          {"verdict", to_string(steps[0].verdict())}}},
                 {"baseline_minus_optimized", {{"mean_points", second.estimate.value},
                                               {"paired_95_points", interval_json(second.estimate.interval)},
                                               {"verdict", to_string(steps[1].verdict())}}}});
  return decision;
}

Decision drop_rule(double claimed_points, std::int64_t published_fp32_right,
                   std::int64_t published_optimized_right, std::int64_t published_images,
                   const std::vector<double>& fp32, const std::vector<double>& optimized) {
  const TEstimate ours_t = paired(fp32, optimized);
  const Estimate& ours = ours_t.estimate;
  const auto newcombe = stats::newcombe_difference_interval(published_fp32_right, published_images,
                                                            published_optimized_right, published_images);
  const Estimate published{claimed_points,
                           {std::min(claimed_points, 100.0 * newcombe.lower),
                            std::max(claimed_points, 100.0 * newcombe.upper)},
                           fmt::format("Newcombe, {}/{} − {}/{}", published_fp32_right, published_images,
                                       published_optimized_right, published_images)};
  const stats::Interval difference =
      stats::mover_difference_interval(ours.value, ours.interval, published.value, published.interval);
  const double published_se = stats::standard_error_of_interval(published.interval);
  return decide_comparison(kDropRule,
                           difference_from_published("FP32 − optimized accuracy drop", kPoints, published, ours,
                                                     {ours.value - published.value, difference,
                                                      "MOVER from our paired interval and the published Newcombe interval"},
                                                     kAccuracyMargin),
                           kAccuracyMargin,
                           detectable(std::hypot(standard_error(ours_t), published_se),
                                      std::numeric_limits<double>::infinity(),
                                      "2.80 x SE of ours − published (our seeds and the published 32 images)"))
      .measured({{"our_drop_points", ours.value},
                 {"our_drop_paired_95_points", interval_json(ours.interval)},
                 {"claimed_drop_points", claimed_points},
                 {"claimed_drop_newcombe_95_points", interval_json(published.interval)}});
}

Decision k_of_n_rule(const std::vector<PrintedNumber>& accuracies, std::int64_t images) {
  double worst = 0.0;
  nlohmann::json measured = nlohmann::json::object();
  for (const PrintedNumber& accuracy : accuracies) {
    const std::int64_t k = published_successes(accuracy.value, images);
    const double distance = std::abs(accuracy.value - 100.0 * static_cast<double>(k) / static_cast<double>(images));
    const double in_half_units = distance / accuracy.half_unit;
    worst = std::max(worst, in_half_units);
    measured[accuracy.name] = {{"nearest_k", k}, {"images", images}, {"distance_points", distance},
                               {"distance_half_units", in_half_units}};
  }
  const Margin margin{1.0, "half units", "a printed number stands for any value within half a unit of its last digit"};
  return decide_comparison(kKOf32Rule,
                           agreement_with(fmt::format("largest distance of a printed accuracy from k/{}", images),
                                          "half units", 0.0,
                                          Estimate::exact(worst, "exact computation on the printed values"), margin),
                           margin, {0.0, "half units", "exact computation"})
      .measured(measured);
}

Decision drop_arithmetic_rule(const PrintedNumber& fp32, const PrintedNumber& optimized,
                              const PrintedNumber& claimed_drop) {
  const double difference = fp32.value - optimized.value;
  const double spread = fp32.half_unit + optimized.half_unit + claimed_drop.half_unit;
  return decide_comparison(kDropArithmeticRule,
                           published_within("FP32 − optimized accuracy from the printed accuracies", kPoints,
                                            claimed_drop.value,
                                            {difference, {difference - spread, difference + spread},
                                             "printed inputs ± half a unit of their last digits"}),
                           {spread, kPoints, "the printed numbers' rounding (half a unit of each last digit), added"},
                           {0.0, kPoints, "exact computation"})
      .measured({{"fp32_minus_optimized_points", difference}});
}

Decision published_drop_rule(std::int64_t fp32_right, std::int64_t optimized_right, std::int64_t images) {
  const auto newcombe = stats::newcombe_difference_interval(fp32_right, images, optimized_right, images);
  const double drop = 100.0 * static_cast<double>(fp32_right - optimized_right) / static_cast<double>(images);
  const stats::Interval interval{100.0 * newcombe.lower, 100.0 * newcombe.upper};
  return decide_comparison(kPublishedDropRule,
                           direction_of("published FP32 − optimized accuracy", kPoints,
                                        {drop, interval, fmt::format("Newcombe, {}/{} − {}/{}", fp32_right,
                                                                     images, optimized_right, images)}),
                           {0.0, kPoints, "a direction only: any drop"},
                           detectable(stats::standard_error_of_interval(interval),
                                      std::numeric_limits<double>::infinity(),
                                      fmt::format("2.80 x SE of a difference of two proportions of {} images", images)))
      .measured({{"drop_points", drop}, {"drop_newcombe_95_points", interval_json(interval)}});
}

Decision parameter_bits_rule(const std::vector<std::pair<std::string, int>>& total_bits_by_role, int claimed_bits) {
  if (total_bits_by_role.empty()) throw InputError("fixed_point: the parameter-bits audit needs at least one role");
  std::vector<std::string> differing;
  nlohmann::json bits = nlohmann::json::object();
  for (const auto& [role, total] : total_bits_by_role) {
    bits[role] = total;
    if (total != claimed_bits) differing.push_back(fmt::format("{} at {} bits", role, total));
  }
  Decision decision = decide_no_mismatch(kParameterBitsRule,
                                         fmt::format("stored-parameter roles not at {} bits", claimed_bits), "roles",
                                         differing);
  nlohmann::json measured = decision.measured();
  measured["total_bits_by_role"] = bits;
  measured["claimed_bits"] = claimed_bits;
  return decision.measured(measured);
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
                                       : welch(sweep.samples[best], sweep.samples[worst]).estimate.interval;
  sensitivity.best_x = sweep.x[best];
  sensitivity.worst_x = sweep.x[worst];
  return sensitivity;
}

Decision weights_matter_most_rule(const std::map<std::string, SweepSamples>& sweeps) {
  std::map<std::string, Sensitivity> by_role;
  for (const auto& [role, sweep] : sweeps) by_role[role] = sweep_sensitivity(sweep);
  const Sensitivity& weights = by_role.at("weights");
  std::string rival;
  for (const auto& [role, sensitivity] : by_role) {
    if (role != "weights" && (rival.empty() || sensitivity.points > by_role.at(rival).points)) rival = role;
  }
  if (rival.empty()) throw std::logic_error("weights_matter_most_rule needs a role besides the weights");
  const Sensitivity& other = by_role.at(rival);
  const stats::Interval difference =
      stats::mover_difference_interval(weights.points, weights.interval, other.points, other.interval);
  nlohmann::json measured = nlohmann::json::object();
  for (const auto& [role, sensitivity] : by_role) {
    measured[role] = {{"sensitivity_points", sensitivity.points},
                      {"welch_95_points", interval_json(sensitivity.interval)},
                      {"best_fraction", sensitivity.best_x},
                      {"worst_fraction", sensitivity.worst_x}};
  }
  const double se = stats::standard_error_of_interval(difference);
  return decide_comparison(kWeightsMatterMostRule,
                           direction_of("weights' sensitivity − " + rival + "'s (the largest other)", kPoints,
                                        {weights.points - other.points, difference,
                                         "MOVER from the two Welch intervals of best − worst"}),
                           {0.0, kPoints, "a direction only: the weights' sensitivity is the largest"},
                           detectable(se, std::numeric_limits<double>::infinity(),
                                      "2.80 x SE of the sensitivity difference"))
      .measured(measured);
}

Decision fractional_bits_dominate_rule(const std::map<std::string, SweepSamples>& sweeps) {
  if (sweeps.empty()) throw InputError("fractional_bits_dominate_rule: no sweeps");
  std::vector<Decision> parts;
  for (const auto& [role, sweep] : sweeps) {
    std::vector<double> upper, lower;  // per seed: the mean over the points on each side of 1/2
    std::size_t upper_points = 0, lower_points = 0;
    const std::size_t seeds = sweep.samples.empty() ? 0 : sweep.samples.front().size();
    if (seeds < 2) throw InputError("fractional_bits_dominate_rule: " + role + " needs >= 2 seeds per point");
    upper.assign(seeds, 0.0);
    lower.assign(seeds, 0.0);
    for (std::size_t i = 0; i < sweep.x.size(); ++i) {
      if (sweep.samples.at(i).size() != seeds) {
        throw InputError("fractional_bits_dominate_rule: " + role + " has points with different seed counts");
      }
      if (sweep.x[i] == 0.5) continue;
      std::vector<double>& side = sweep.x[i] > 0.5 ? upper : lower;
      (sweep.x[i] > 0.5 ? upper_points : lower_points) += 1;
      for (std::size_t s = 0; s < seeds; ++s) side[s] += sweep.samples[i][s];
    }
    if (upper_points == 0 || lower_points == 0) {
      throw InputError("fractional_bits_dominate_rule: " + role + " needs points on both sides of F/W = 1/2");
    }
    for (double& value : upper) value /= static_cast<double>(upper_points);
    for (double& value : lower) value /= static_cast<double>(lower_points);
    const TEstimate difference = paired(upper, lower);
    parts.push_back(
        decide_comparison(kFractionalBitsDominateRule,
                          direction_of(role + ": mean accuracy at F/W > 1/2 − at F/W < 1/2", kPoints,
                                       difference.estimate),
                          {0.0, kPoints, "a direction only: more fractional than integer bits is better"},
                          detectable(difference))
            .measured({{"role", role},
                       {"points_above_half", upper_points},
                       {"points_below_half", lower_points},
                       {"mean_above_half_percent", mean_of(upper)},
                       {"mean_below_half_percent", mean_of(lower)}}));
  }
  return all_of_decisions(parts, "fractional bits dominate: for every role, the formats with more fractional "
                                 "than integer bits are the more accurate");
}

Decision sixteen_bit_weights_rule(const SweepSamples& weights16, const SweepSamples& weights32) {
  const std::size_t best16 = best_point(weights16), best32 = best_point(weights32);
  const TEstimate difference = welch(weights32.samples[best32], weights16.samples[best16]);
  return decide_comparison(kSixteenBitWeightsRule,
                           equivalence_of("best 32-bit − best 16-bit weight format accuracy", kPoints,
                                          difference.estimate, kPracticalMargin),
                           kPracticalMargin, detectable(difference))
      .measured({{"best_16_bit_fraction", weights16.x[best16]},
                 {"best_16_bit_mean_percent", mean_of(weights16.samples[best16])},
                 {"best_32_bit_fraction", weights32.x[best32]},
                 {"best_32_bit_mean_percent", mean_of(weights32.samples[best32])}});
}

Decision other_roles_rule(const std::vector<double>& fp32, const std::vector<double>& others_deep) {
  const TEstimate difference = paired(others_deep, fp32);
  const Margin little_loss{kLittleLossPoints, kPoints, "\"little loss\" read as under one point (README.md's choice)"};
  return decide_comparison(kOtherRolesRule,
                           non_inferiority_of("deep other roles − FP32 accuracy", kPoints, difference.estimate,
                                              little_loss),
                           little_loss, detectable(difference));
}

Decision variation_is_noise_rule(const std::map<std::string, SweepSamples>& sweeps) {
  std::int64_t points = 0, shown_equal = 0, shown_different = 0;
  std::vector<double> detectable_effects;
  nlohmann::json measured = nlohmann::json::object();
  for (const auto& [name, sweep] : sweeps) {
    const std::size_t best = best_point(sweep);
    std::int64_t equal = 0, different = 0;
    for (std::size_t i = 0; i < sweep.samples.size(); ++i) {
      if (i == best) continue;
      ++points;
      const TEstimate difference = welch(sweep.samples[best], sweep.samples[i]);
      const stats::Placement placement = stats::place(difference.estimate.interval,
                                                      stats::band_around(0.0, kPracticalMarginPoints));
      equal += placement == stats::Placement::inside ? 1 : 0;
      different += placement == stats::Placement::outside ? 1 : 0;
      detectable_effects.push_back(detectable(difference).value);
    }
    shown_equal += equal;
    shown_different += different;
    measured[name] = {{"points_shown_equal_to_best", equal},
                      {"points_shown_different_from_best", different},
                      {"points", static_cast<std::int64_t>(sweep.samples.size()) - 1}};
  }
  if (points == 0) throw std::logic_error("variation_is_noise_rule needs sweeps of two or more points");
  std::sort(detectable_effects.begin(), detectable_effects.end());
  const double n = static_cast<double>(points);
  const double lower = static_cast<double>(shown_equal) / n;
  const double upper = 1.0 - static_cast<double>(shown_different) / n;
  measured["total_points"] = points;
  return decide_comparison(
             kVariationIsNoiseRule,
             direction_of("share of sweep points within ±0.5 points of their sweep's best", "share",
                          {0.5 * (lower + upper), {lower, upper},
                           fmt::format("{} of {} shown equal, {} shown different (Welch 95% against ±{})",
                                       shown_equal, points, shown_different, kPracticalMarginPoints)},
                          0.5),
             {0.5, "share", "\"much of the variation\" read as at least half of the points (README.md)"},
             {detectable_effects[detectable_effects.size() / 2], kPoints,
              "median over the points of 2.80 x SE of best − point"})
      .measured(measured);
}

}  // namespace repro::fixed_point_fashion_mnist
