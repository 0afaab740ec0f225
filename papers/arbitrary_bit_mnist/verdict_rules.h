// The statistical rules that decide this study's claims: pure functions of measured numbers,
// unit-tested in tests/papers/arbitrary_bit_mnist/.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/claim.h"
#include "common/comparison.h"
#include "stats/interval.h"

namespace repro::arbitrary_bit_mnist {

// The study's verdict rules (ClaimSpec::rule); every Decision below is built by
// decide_comparison (common/comparison_decision.h) and carries one of these ids.
inline constexpr const char* kFilterRule = "arbitrary_bit_mnist.filter_example";
inline constexpr const char* kErrorLinearRule = "arbitrary_bit_mnist.error_linear";
inline constexpr const char* kForwardDominatesRule = "arbitrary_bit_mnist.forward_dominates";
inline constexpr const char* kErrorOrderRule = "arbitrary_bit_mnist.error_order";
inline constexpr const char* kPositiveInitialRule = "arbitrary_bit_mnist.positive_initial_accuracy";
inline constexpr const char* kLogisticRule = "arbitrary_bit_mnist.logistic_rise";
inline constexpr const char* kInflectionRule = "arbitrary_bit_mnist.cnn_inflection";
inline constexpr const char* kConvergenceRule = "arbitrary_bit_mnist.cnn_convergence";
inline constexpr const char* kSpeedupRule = "arbitrary_bit_mnist.stochastic_speedup";
inline constexpr const char* kConvergesMoreRule = "arbitrary_bit_mnist.stochastic_converges_more";
inline constexpr const char* kTrendsRule = "arbitrary_bit_mnist.slope_trends";
inline constexpr const char* kBatchRule = "arbitrary_bit_mnist.batch_size";
inline constexpr const char* kInitialWeightsRule = "arbitrary_bit_mnist.initial_weights";
inline constexpr const char* kConvLayersRule = "arbitrary_bit_mnist.conv_layers";

// Accuracy (in [0, 1]) of each seed at each bit size; vectors are indexed by seed, the same
// seeds at every bit size (paired). Bit size 32 is float32.
using AccuracyBySeed = std::map<int, std::vector<double>>;

double mean_of(const std::vector<double>& values);  // REQUIRES: values non-empty

// The smallest swept N such that N and every larger swept bit size have mean accuracy at least
// mean(accuracy[32]) - margin (an accuracy fraction: 0.01 is 1 point). Always <= 32.
// REQUIRES: accuracy has key 32; every vector has the same non-zero length.
int inflection_bits(const AccuracyBySeed& accuracy, double margin);

// inflection_bits over `resamples` bootstrap resamples of the seeds (all bit sizes resampled
// with the same seed indices), and their 95% percentile interval (rounded outward to bits).
struct InflectionEstimate {
  int bits = 32;
  stats::Interval interval;  // of the bit size
  std::vector<double> resampled_bits;
};
InflectionEstimate estimate_inflection(const AccuracyBySeed& accuracy, double margin,
                                       std::uint64_t seed, std::int64_t resamples = 2000);

// Where the mean accuracy curve rises fastest: over consecutive swept bit sizes (a, b), the
// largest (mean(b) − mean(a)) / (b − a); the location is the step's midpoint (a + b) / 2.
// REQUIRES: >= 2 bit sizes, every vector the same non-zero length (else InputError).
double steepest_rise_bits(const AccuracyBySeed& accuracy);
// steepest_rise_bits with its 95% bootstrap percentile interval over seeds (all bit sizes
// resampled with the same seed indices; stats/bootstrap.h).
Estimate estimate_steepest_rise(const AccuracyBySeed& accuracy, std::uint64_t seed,
                                std::int64_t resamples = 2000);
// The spacing of a sorted bit grid at `bits`: the larger of the gaps on either side of it (or of
// the gap containing it). REQUIRES: >= 2 sizes.
double grid_spacing_at(const std::vector<int>& grid, double bits);

// 95% bootstrap percentile interval of the least-squares slope of y on x, resampling (x, y)
// pairs (2000 resamples; resamples with constant x are redrawn as the full sample's slope).
// REQUIRES: x.size() == y.size() >= 3, x not constant.
stats::Interval slope_interval(const std::vector<double>& x, const std::vector<double>& y,
                               std::uint64_t seed);

// Least squares y = intercept + slope * x, with the coefficient of determination.
struct LinearFit {
  double intercept = 0.0;
  double slope = 0.0;
  double r_squared = 0.0;
};
// REQUIRES: x.size() == y.size() >= 2, x not constant.
LinearFit fit_line(const std::vector<double>& x, const std::vector<double>& y);

// Paired ratios first[i] / second[i] (e.g. epochs to converge with stochastic rounding over
// epochs with truncation): geometric mean and the 95% t interval of the mean log ratio,
// exponentiated. REQUIRES: equal sizes >= 2, all values > 0.
struct RatioEstimate {
  double geometric_mean = 1.0;
  stats::Interval interval;
  double p_value = 1.0;  // paired t test of the log ratios against 0 (two-sided)
  std::size_t pairs = 0;
};
RatioEstimate paired_ratio(const std::vector<double>& first, const std::vector<double>& second);

// The first time (x of a curve, e.g. epochs) at which y reaches `target`, or nullopt.
// REQUIRES: x.size() == y.size().
std::optional<double> first_time_reaching(const std::vector<double>& x,
                                          const std::vector<double>& y, double target);

// Two-sided exact binomial (sign) test on discordant pairs: p of `only_first` successes among
// only_first + only_second under probability 1/2; 1 when there are none.
double sign_test_p_value(std::int64_t only_first, std::int64_t only_second);

// --- Decisions (pure; unit-tested with each verdict in verdict_rules_test.cpp)

// Several steps of one claim (common/decision_conjunction.h): reproduced when every step is, not
// reproduced when any is, inconclusive otherwise; the comparison shown is the deciding step's.
// REQUIRES: steps non-empty, each a comparison decided by `rule_id` (else InputError).
Decision all_steps(const std::string& rule_id, const std::vector<Decision>& steps, const std::string& rule_words);

// The filter example: our mask:N of the float32 input against the printed output (exact, margin
// half a unit of the printed last digit) and the input's bit pattern against the printed one.
Decision filter_example_rule(double printed_output, double printed_half_unit, double our_output,
                             std::uint32_t printed_input_bits, std::uint32_t our_input_bits);

// Linear growth of the forward error with W: the bootstrap interval of the slope lies above 0
// and the fit's R² (a point) is at least `r_squared_floor`.
Decision error_linear_rule(const Estimate& slope, double r_squared, double r_squared_floor);

// "Forward propagation dominates the sensitivity": at every bit size, the forward-only error over
// the backward-only error (paired per draw: geometric mean, t interval of the mean log ratio)
// lies above 1 (a direction per bit size, all_steps). REQUIRES: ratios non-empty.
struct BitsRatio {
  int bits = 0;
  RatioEstimate ratio;
};
Decision forward_dominates_rule(const std::vector<BitsRatio>& ratios);

// "The back-propagation error is of order ε^k": the slope of log2(error) against log2(ε) over
// bit sizes (`slope`, with its interval) against `published_order` ± margin (an order is an
// integer exponent: ±0.5 tells neighbouring orders apart).
Decision error_order_rule(double published_order, const Estimate& slope, const Margin& margin);

// "Positive initial weights reach about X %": at every listed bit size, the mean final accuracy
// over seeds (t interval) against the printed value ± margin (all_steps). Accuracies in [0, 1],
// each entry at least 2 seeds (else InputError). REQUIRES: by_bits non-empty.
Decision positive_initial_accuracy_rule(double published_accuracy, const std::map<int, std::vector<double>>& by_bits,
                                        const Margin& margin_points);

// Logistic accuracy rises with bits to float32's: float32 − lowest (Welch, points) at least
// `rise_points`, and the largest swept size below 32 equivalent to float32 within ±margin.
// Accuracies in [0, 1], at least 2 values each (else InputError).
Decision logistic_rise_rule(const std::vector<double>& lowest, const std::vector<double>& highest_below_32,
                            const std::vector<double>& float32, double rise_points, const Margin& margin);

// The inflection: the steepest rise's location (bits) against `published_bits` ± margin.
Decision inflection_rule(double published_bits, const Estimate& location, const Margin& margin);

// A share of runs (successes of trials, Clopper-Pearson interval) at least `threshold`.
// REQUIRES: 0 <= successes <= trials; trials > 0 (else InputError).
Decision share_at_least_rule(const std::string& rule_id, const std::string& quantity, std::int64_t successes,
                             std::int64_t trials, double threshold, const std::string& threshold_words);

// Stochastic rounding's epochs over truncation's (geometric mean, interval) against `published`
// ± margin.
Decision speedup_rule(double published_ratio, const RatioEstimate& ratio, const Margin& margin);

// A slope in the stated direction: `increasing` tests slope > 0, else −slope > 0.
struct Trend {
  std::string quantity;
  Estimate slope;
  bool increasing = true;
};
// Every trend in its direction (all_steps of direction steps). REQUIRES: trends non-empty.
Decision trends_rule(const std::string& rule_id, const std::vector<Trend>& trends, const std::string& rule_words);


// scale · (mean(first) − mean(second)) with its 95% Welch interval (scale 100: accuracies in
// [0, 1] as points). REQUIRES: >= 2 values each (else InputError).
Estimate welch_difference(const std::vector<double>& first, const std::vector<double>& second, double scale);

// Batch size: accuracy of the smallest − largest batch (points) equivalent within ±margin, and
// the epochs-to-target slope against log2(batch) above 0.
Decision batch_size_rule(const Estimate& accuracy_difference_points, const Estimate& epochs_slope,
                         const Margin& margin);

// Initial weights matter: every difference (smallest − largest initial scale) differs from 0 by
// more than its margin (decide_differs, common/comparison_decision.h). REQUIRES: differences non-empty.
struct Difference {
  std::string quantity;
  std::string unit;
  Estimate estimate;
  Margin margin;
};
Decision initial_weights_rule(const std::vector<Difference>& differences);

// Conv layers, three exact counts: (a) one layer's lead in mean epochs to target over the best
// deeper network, the smallest over bit sizes, >= 0; (b) runs with >= 3 layers that converged
// = 0; (c) the smallest bit size at which a 1- or 2-layer run converges against the published
// threshold ± margin (0 when none converged: not reproduced).
Decision conv_layers_rule(double one_layer_lead_epochs, std::int64_t deep_runs_converged, int threshold_bits,
                          double published_threshold_bits, const Margin& threshold_margin);

}  // namespace repro::arbitrary_bit_mnist
