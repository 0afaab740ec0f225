#include "papers/arbitrary_bit_mnist/verdict_rules.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <stdexcept>

#include <fmt/format.h>

#include "common/comparison_decision.h"
#include "common/decision_conjunction.h"
#include "base/errors.h"
#include "stats/binomial_interval.h"
#include "stats/binomial_test.h"
#include "stats/bootstrap.h"
#include "stats/detectable_effect.h"
#include "stats/quantile.h"
#include "stats/t_test.h"

namespace repro::arbitrary_bit_mnist {

double mean_of(const std::vector<double>& values) {
  if (values.empty()) throw InputError("arbitrary_bit_mnist: mean of no values");
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

int inflection_bits(const AccuracyBySeed& accuracy, double margin) {
  const auto reference = accuracy.find(32);
  if (reference == accuracy.end()) {
    throw InputError("arbitrary_bit_mnist: the inflection needs float32 (32-bit) accuracies");
  }
  const double threshold = mean_of(reference->second) - margin;
  int smallest = 32;
  // Walk down from 32: the answer is the last bit size before the first one below threshold.
  for (auto it = accuracy.rbegin(); it != accuracy.rend(); ++it) {
    if (mean_of(it->second) < threshold) break;
    smallest = it->first;
  }
  return smallest;
}

InflectionEstimate estimate_inflection(const AccuracyBySeed& accuracy, double margin,
                                       std::uint64_t seed, std::int64_t resamples) {
  InflectionEstimate estimate;
  estimate.bits = inflection_bits(accuracy, margin);
  const std::size_t seeds = accuracy.begin()->second.size();
  for (const auto& [bits, values] : accuracy) {
    if (values.size() != seeds) {
      throw InputError("arbitrary_bit_mnist: bit size " + std::to_string(bits) + " has " +
                       std::to_string(values.size()) + " seeds, others " +
                       std::to_string(seeds));
    }
  }
  std::mt19937_64 generator(seed);
  std::uniform_int_distribution<std::size_t> draw(0, seeds - 1);
  for (std::int64_t r = 0; r < resamples; ++r) {
    std::vector<std::size_t> picks(seeds);
    for (auto& pick : picks) pick = draw(generator);
    AccuracyBySeed resampled;
    for (const auto& [bits, values] : accuracy) {
      auto& column = resampled[bits];
      for (std::size_t pick : picks) column.push_back(values[pick]);
    }
    estimate.resampled_bits.push_back(inflection_bits(resampled, margin));
  }
  std::vector<double> sorted = estimate.resampled_bits;
  std::sort(sorted.begin(), sorted.end());
  estimate.interval = {stats::quantile_of_sorted(sorted, 0.025), stats::quantile_of_sorted(sorted, 0.975)};
  estimate.interval.lower = std::floor(estimate.interval.lower);
  estimate.interval.upper = std::ceil(estimate.interval.upper);
  return estimate;
}

LinearFit fit_line(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size() || x.size() < 2) {
    throw InputError("arbitrary_bit_mnist: a line fit needs >= 2 (x, y) pairs of equal count");
  }
  const double mean_x = mean_of(x), mean_y = mean_of(y);
  double sxx = 0, sxy = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxx += (x[i] - mean_x) * (x[i] - mean_x);
    sxy += (x[i] - mean_x) * (y[i] - mean_y);
    syy += (y[i] - mean_y) * (y[i] - mean_y);
  }
  if (sxx == 0) throw InputError("arbitrary_bit_mnist: a line fit needs x values that differ");
  LinearFit fit;
  fit.slope = sxy / sxx;
  fit.intercept = mean_y - fit.slope * mean_x;
  fit.r_squared = syy == 0 ? 1.0 : (sxy * sxy) / (sxx * syy);
  return fit;
}

RatioEstimate paired_ratio(const std::vector<double>& first, const std::vector<double>& second) {
  if (first.size() != second.size() || first.size() < 2) {
    throw InputError("arbitrary_bit_mnist: paired ratios need >= 2 pairs of equal count");
  }
  std::vector<double> logs;
  for (std::size_t i = 0; i < first.size(); ++i) {
    if (!(first[i] > 0) || !(second[i] > 0)) {
      throw InputError("arbitrary_bit_mnist: paired ratios need positive values");
    }
    logs.push_back(std::log(first[i] / second[i]));
  }
  RatioEstimate estimate;
  estimate.pairs = logs.size();
  estimate.geometric_mean = std::exp(mean_of(logs));
  const auto test = stats::one_sample_t_test(logs, 0.0, 0.95);
  if (std::isnan(test.statistic)) {  // every log ratio equal: the interval is the point
    estimate.interval = {estimate.geometric_mean, estimate.geometric_mean};
    estimate.p_value = logs.front() == 0.0 ? 1.0 : 0.0;
  } else {
    estimate.interval = {std::exp(test.confidence_interval.lower),
                         std::exp(test.confidence_interval.upper)};
    estimate.p_value = test.p_value;
  }
  return estimate;
}

std::optional<double> first_time_reaching(const std::vector<double>& x,
                                          const std::vector<double>& y, double target) {
  if (x.size() != y.size()) throw InputError("arbitrary_bit_mnist: curve x and y sizes differ");
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (y[i] >= target) return x[i];
  }
  return std::nullopt;
}

double sign_test_p_value(std::int64_t only_first, std::int64_t only_second) {
  const std::int64_t discordant = only_first + only_second;
  if (discordant == 0) return 1.0;
  return stats::binomial_test_p_value(only_first, discordant, 0.5);
}

}  // namespace repro::arbitrary_bit_mnist

namespace repro::arbitrary_bit_mnist {

stats::Interval slope_interval(const std::vector<double>& x, const std::vector<double>& y,
                               std::uint64_t seed) {
  if (x.size() != y.size() || x.size() < 3) {
    throw InputError("arbitrary_bit_mnist: a slope interval needs >= 3 (x, y) pairs");
  }
  const double full_slope = fit_line(x, y).slope;
  std::mt19937_64 generator(seed);
  std::uniform_int_distribution<std::size_t> draw(0, x.size() - 1);
  std::vector<double> slopes;
  for (int r = 0; r < 2000; ++r) {
    std::vector<double> xs, ys;
    for (std::size_t i = 0; i < x.size(); ++i) {
      const std::size_t pick = draw(generator);
      xs.push_back(x[pick]);
      ys.push_back(y[pick]);
    }
    const bool constant = std::all_of(xs.begin(), xs.end(), [&](double v) { return v == xs[0]; });
    slopes.push_back(constant ? full_slope : fit_line(xs, ys).slope);
  }
  std::sort(slopes.begin(), slopes.end());
  return {stats::quantile_of_sorted(slopes, 0.025), stats::quantile_of_sorted(slopes, 0.975)};
}

}  // namespace repro::arbitrary_bit_mnist

namespace repro::arbitrary_bit_mnist {
namespace {

constexpr const char* kPoints = "points";

void require_equal_seeds(const AccuracyBySeed& accuracy) {
  if (accuracy.size() < 2) throw InputError("arbitrary_bit_mnist: a curve needs >= 2 bit sizes");
  const std::size_t seeds = accuracy.begin()->second.size();
  for (const auto& [bits, values] : accuracy) {
    if (values.empty() || values.size() != seeds) {
      throw InputError(fmt::format("arbitrary_bit_mnist: bit size {} has {} seeds, the first {}", bits,
                                   values.size(), seeds));
    }
  }
}

// The detectable effect of an estimate whose interval is a (normal-approximation) 95% interval.
DetectableEffect detectable_of(const Estimate& estimate, const std::string& unit, double degrees_of_freedom = std::numeric_limits<double>::infinity()) {
  const double se = stats::standard_error_of_interval(estimate.interval, degrees_of_freedom);
  return {stats::minimum_detectable_effect(se, degrees_of_freedom), unit,
          "(q(0.975) + q(0.80)) x SE implied by the interval (" + estimate.method + ")"};
}

const DetectableEffect kExact{0.0, "", "exact computation"};
const Margin kDirectionOnly{0.0, "", "a direction only: any difference beyond the threshold"};

// A Welch estimate of scale · (mean(first) − mean(second)) (scale 100: accuracies as points).
struct WelchEstimate {
  Estimate estimate;
  double degrees_of_freedom = 1.0;
};
WelchEstimate welch_points(const std::vector<double>& first, const std::vector<double>& second, double scale = 100.0) {
  if (first.size() < 2 || second.size() < 2) throw InputError("arbitrary_bit_mnist: Welch needs >= 2 values each");
  std::vector<double> a, b;
  for (double v : first) a.push_back(scale * v);
  for (double v : second) b.push_back(scale * v);
  const auto test = stats::welch_t_test(a, b, 0.95);
  stats::Interval interval = test.confidence_interval;
  if (!std::isfinite(interval.lower) || !std::isfinite(interval.upper)) interval = {test.mean_difference, test.mean_difference};
  const double df = std::isfinite(test.degrees_of_freedom) && test.degrees_of_freedom > 0 ? test.degrees_of_freedom : 1.0;
  return {{test.mean_difference, interval, fmt::format("Welch t, {} and {} values", a.size(), b.size())}, df};
}

Estimate negated(const Estimate& estimate) {
  return {-estimate.value, {-estimate.interval.upper, -estimate.interval.lower}, estimate.method + ", negated"};
}

}  // namespace

Estimate welch_difference(const std::vector<double>& first, const std::vector<double>& second, double scale) {
  return welch_points(first, second, scale).estimate;
}

double steepest_rise_bits(const AccuracyBySeed& accuracy) {
  require_equal_seeds(accuracy);
  double best_slope = -std::numeric_limits<double>::infinity(), location = 0.0;
  for (auto it = std::next(accuracy.begin()); it != accuracy.end(); ++it) {
    const auto& [low_bits, low] = *std::prev(it);
    const auto& [high_bits, high] = *it;
    const double slope = (mean_of(high) - mean_of(low)) / static_cast<double>(high_bits - low_bits);
    if (slope > best_slope) {
      best_slope = slope;
      location = 0.5 * (low_bits + high_bits);
    }
  }
  return location;
}

Estimate estimate_steepest_rise(const AccuracyBySeed& accuracy, std::uint64_t seed, std::int64_t resamples) {
  require_equal_seeds(accuracy);
  std::vector<double> seed_indices;
  for (std::size_t i = 0; i < accuracy.begin()->second.size(); ++i) seed_indices.push_back(static_cast<double>(i));
  const auto of_resample = [&](const std::vector<double>& picks) {
    AccuracyBySeed resampled;
    for (const auto& [bits, values] : accuracy) {
      for (double pick : picks) resampled[bits].push_back(values[static_cast<std::size_t>(pick)]);
    }
    return steepest_rise_bits(resampled);
  };
  const stats::Interval interval = stats::bootstrap_percentile_interval(
      seed_indices, of_resample, stats::BootstrapOptions().resamples(resamples).seed(seed));
  return {steepest_rise_bits(accuracy), interval,
          fmt::format("midpoint of the steepest step of the mean curve; 95% bootstrap percentile over {} seeds "
                      "({} resamples)", seed_indices.size(), resamples)};
}

double grid_spacing_at(const std::vector<int>& grid, double bits) {
  if (grid.size() < 2) throw InputError("arbitrary_bit_mnist: a grid spacing needs >= 2 bit sizes");
  std::vector<int> sorted = grid;
  std::sort(sorted.begin(), sorted.end());
  double spacing = 0.0;
  for (std::size_t i = 1; i < sorted.size(); ++i) {
    const double gap = sorted[i] - sorted[i - 1];
    if (sorted[i - 1] <= bits && bits <= sorted[i]) spacing = std::max(spacing, gap);
  }
  return spacing > 0.0 ? spacing : static_cast<double>(sorted[1] - sorted[0]);
}

Decision all_steps(const std::string& rule_id, const std::vector<Decision>& steps, const std::string& rule_words) {
  for (const Decision& step : steps) {
    if (!step.comparison() || step.rule_id() != rule_id) {
      throw InputError("arbitrary_bit_mnist: every step must be a comparison decided by " + rule_id);
    }
  }
  return all_of_decisions(steps, rule_words);
}

Decision filter_example_rule(double printed_output, double printed_half_unit, double our_output,
                             std::uint32_t printed_input_bits, std::uint32_t our_input_bits) {
  const Margin output_margin{printed_half_unit, "", "half a unit of the printed output's last digit"};
  const Margin bits_margin{0.0, "", "a bit pattern: exact"};
  return all_steps(
      kFilterRule,
      {decide_comparison(kFilterRule,
                         agreement_with("mask:N of the float32 input", "", printed_output, Estimate::exact(our_output),
                                        output_margin),
                         output_margin, kExact),
       decide_comparison(kFilterRule,
                         agreement_with("bit pattern of the float32 nearest the printed input", "",
                                        static_cast<double>(printed_input_bits),
                                        Estimate::exact(static_cast<double>(our_input_bits)), bits_margin),
                         bits_margin, kExact)},
      "the printed output and input bit pattern against ours (exact computations)");
}

Decision error_linear_rule(const Estimate& slope, double r_squared, double r_squared_floor) {
  const Margin fit_margin{1.0 - r_squared_floor, "",
                          "practical margin stated with the rule before any run: at most this share of the "
                          "variance across widths left unexplained by a line"};
  return all_steps(
      kErrorLinearRule,
      {decide_comparison(kErrorLinearRule, direction_of("slope of the mean relative error against W", "per unit width", slope),
                         kDirectionOnly, detectable_of(slope, "per unit width")),
       decide_comparison(kErrorLinearRule,
                         direction_of("R² of the line fit", "", Estimate::exact(r_squared, "least squares"), r_squared_floor),
                         fit_margin, kExact)},
      "linear growth: the error's slope against W above 0 and the line's R² at least the floor");
}

Decision forward_dominates_rule(const std::vector<BitsRatio>& ratios) {
  if (ratios.empty()) throw InputError("arbitrary_bit_mnist: forward_dominates_rule needs at least one bit size");
  std::vector<Decision> steps;
  for (const BitsRatio& entry : ratios) {
    const Estimate ratio{entry.ratio.geometric_mean, entry.ratio.interval,
                         fmt::format("geometric mean over {} draws, paired t on log ratios", entry.ratio.pairs)};
    steps.push_back(decide_comparison(
        kForwardDominatesRule,
        direction_of(fmt::format("forward-only / backward-only relative gradient error at {} bits", entry.bits),
                     "ratio", ratio, 1.0),
        kDirectionOnly, detectable_of(ratio, "ratio", static_cast<double>(entry.ratio.pairs) - 1.0)));
  }
  return all_steps(kForwardDominatesRule, steps,
                   "forward propagation dominates: at every bit size the forward-only error exceeds the "
                   "backward-only error (the ratio's interval above 1)");
}

Decision error_order_rule(double published_order, const Estimate& slope, const Margin& margin) {
  return decide_comparison(kErrorOrderRule,
                           agreement_with("order of the back-propagation error in ε (slope of log2 error on "
                                          "log2 ε)",
                                          "", published_order, slope, margin),
                           margin, detectable_of(slope, ""));
}

Decision positive_initial_accuracy_rule(double published_accuracy, const std::map<int, std::vector<double>>& by_bits,
                                        const Margin& margin_points) {
  if (by_bits.empty()) throw InputError("arbitrary_bit_mnist: positive_initial_accuracy_rule needs a bit size");
  std::vector<Decision> steps;
  for (const auto& [bits, accuracies] : by_bits) {
    if (accuracies.size() < 2) {
      throw InputError(fmt::format("arbitrary_bit_mnist: positive initial weights at {} bits need >= 2 seeds", bits));
    }
    std::vector<double> points;
    for (double a : accuracies) points.push_back(100.0 * a);
    const auto test = stats::one_sample_t_test(points, 0.0, 0.95);
    const double mean = mean_of(points);
    const stats::Interval interval = std::isnan(test.statistic) ? stats::Interval{mean, mean} : test.confidence_interval;
    const Estimate estimate{mean, interval, fmt::format("mean over {} seeds, 95% t interval", points.size())};
    steps.push_back(decide_comparison(
        kPositiveInitialRule,
        agreement_with(fmt::format("final test accuracy from positive initial weights at {} bits", bits), kPoints,
                       100.0 * published_accuracy, estimate, margin_points),
        margin_points, detectable_of(estimate, kPoints, static_cast<double>(points.size()) - 1.0)));
  }
  return all_steps(kPositiveInitialRule, steps,
                   "positive initial weights reach the printed accuracy at every bit size of the slide");
}

Decision logistic_rise_rule(const std::vector<double>& lowest, const std::vector<double>& highest_below_32,
                            const std::vector<double>& float32, double rise_points, const Margin& margin) {
  const WelchEstimate rise = welch_points(float32, lowest);
  const WelchEstimate plateau = welch_points(highest_below_32, float32);
  const Margin rise_margin{rise_points, kPoints,
                           "practical threshold stated with the rule before any run: a rise of more than one point"};
  return all_steps(
      kLogisticRule,
      {decide_comparison(kLogisticRule, direction_of("float32 − lowest bit size accuracy", kPoints, rise.estimate, rise_points),
                         rise_margin, detectable_of(rise.estimate, kPoints, rise.degrees_of_freedom)),
       decide_comparison(kLogisticRule,
                         equivalence_of("largest swept bit size below 32 − float32 accuracy", kPoints, plateau.estimate, margin),
                         margin, detectable_of(plateau.estimate, kPoints, plateau.degrees_of_freedom))},
      "the curve rises (float32 above the lowest bit size) to float32's (equivalence at the top of the sweep)");
}

Decision inflection_rule(double published_bits, const Estimate& location, const Margin& margin) {
  return decide_comparison(kInflectionRule,
                           agreement_with("bit size of the steepest rise of accuracy", "bits", published_bits, location, margin),
                           margin, detectable_of(location, "bits"));
}

Decision share_at_least_rule(const std::string& rule_id, const std::string& quantity, std::int64_t successes,
                             std::int64_t trials, double threshold, const std::string& threshold_words) {
  if (trials <= 0 || successes < 0 || successes > trials) {
    throw InputError(fmt::format("arbitrary_bit_mnist: {} of {} is not a share", successes, trials));
  }
  const auto interval = stats::binomial_interval(successes, trials, stats::IntervalMethod::clopper_pearson);
  const Estimate share{static_cast<double>(successes) / static_cast<double>(trials), {interval.lower, interval.upper},
                       fmt::format("Clopper-Pearson, {} of {}", successes, trials)};
  return decide_comparison(rule_id, direction_of(quantity, "share", share, threshold),
                           {threshold, "share", threshold_words},
                           {stats::minimum_detectable_effect(stats::proportion_standard_error(successes, trials)), "share",
                            fmt::format("2.80 x SE of a share of {} runs", trials)})
      .measured({{"successes", successes}, {"trials", trials}});
}

Decision speedup_rule(double published_ratio, const RatioEstimate& ratio, const Margin& margin) {
  const Estimate estimate{ratio.geometric_mean, ratio.interval,
                          fmt::format("geometric mean, paired t on log ratios over {} pairs", ratio.pairs)};
  return decide_comparison(kSpeedupRule,
                           agreement_with("epochs to target, stochastic rounding / truncation", "ratio", published_ratio,
                                          estimate, margin),
                           margin, detectable_of(estimate, "ratio"));
}

Decision trends_rule(const std::string& rule_id, const std::vector<Trend>& trends, const std::string& rule_words) {
  std::vector<Decision> steps;
  for (const Trend& trend : trends) {
    const Estimate signed_slope = trend.increasing ? trend.slope : negated(trend.slope);
    steps.push_back(decide_comparison(
        rule_id, direction_of((trend.increasing ? "" : "−") + trend.quantity, "per step", signed_slope),
        kDirectionOnly, detectable_of(signed_slope, "per step")));
  }
  return all_steps(rule_id, steps, rule_words);
}

Decision batch_size_rule(const Estimate& accuracy_difference_points, const Estimate& epochs_slope,
                         const Margin& margin) {
  return all_steps(
      kBatchRule,
      {decide_comparison(kBatchRule,
                         equivalence_of("smallest − largest batch accuracy", kPoints, accuracy_difference_points, margin),
                         margin, detectable_of(accuracy_difference_points, kPoints)),
       decide_comparison(kBatchRule, direction_of("epochs-to-target slope per doubling of the batch", "epochs", epochs_slope),
                         kDirectionOnly, detectable_of(epochs_slope, "epochs"))},
      "accuracy unaffected by the batch size (equivalence) and smaller batches converge faster (direction)");
}

Decision initial_weights_rule(const std::vector<Difference>& differences) {
  std::vector<Decision> steps;
  for (const Difference& d : differences) {
    steps.push_back(
        decide_differs(kInitialWeightsRule, d.quantity, d.unit, d.estimate, d.margin, detectable_of(d.estimate, d.unit)));
  }
  return all_steps(kInitialWeightsRule, steps,
                   "accuracy and epochs to target each differ between the smallest and largest initial scale");
}

Decision conv_layers_rule(double one_layer_lead_epochs, std::int64_t deep_runs_converged, int threshold_bits,
                          double published_threshold_bits, const Margin& threshold_margin) {
  const Margin none{0.0, "runs", "the slides: three or more layers \"do not converge\" — none"};
  return all_steps(
      kConvLayersRule,
      {decide_comparison(kConvLayersRule,
                         direction_of("one conv layer's lead in mean epochs to target (smallest over bit sizes)", "epochs",
                                      Estimate::exact(one_layer_lead_epochs, "means over seeds")),
                         kDirectionOnly, kExact),
       decide_comparison(kConvLayersRule,
                         agreement_with("runs with >= 3 conv layers that converged", "runs", 0.0,
                                        Estimate::exact(static_cast<double>(deep_runs_converged), "count"), none),
                         none, kExact),
       decide_comparison(kConvLayersRule,
                         agreement_with("smallest bit size at which a 1- or 2-layer run converges", "bits",
                                        published_threshold_bits, Estimate::exact(threshold_bits, "swept grid"),
                                        threshold_margin),
                         threshold_margin, kExact)},
      "one layer fastest, three or more never converge, convergence from the published threshold");
}

}  // namespace repro::arbitrary_bit_mnist
