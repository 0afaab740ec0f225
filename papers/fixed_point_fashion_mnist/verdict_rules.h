// The stated statistical rules that decide the study's claims from measured accuracies. Pure
// functions (no LibTorch) so that unit tests can check each rule on known numbers. Every rule
// decides by the suite's one decision model (common/comparison_decision.h): our 95% interval
// against the claim's region of agreement.
// Accuracies are in percent; "samples" are one value per seed, in seed order.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "common/claim.h"
#include "common/comparison.h"
#include "stats/interval.h"

namespace repro::fixed_point_fashion_mnist {

// Rule ids (ClaimSpec::rule and the decisions' rule_id).
inline constexpr const char* kPublishedAccuracyRule = "fixed_point.published_accuracy";
inline constexpr const char* kOrderingRule = "fixed_point.ordering";
inline constexpr const char* kDropRule = "fixed_point.drop";
inline constexpr const char* kKOf32Rule = "fixed_point.k_of_32";
inline constexpr const char* kDropArithmeticRule = "fixed_point.drop_arithmetic";
inline constexpr const char* kPublishedDropRule = "fixed_point.published_drop_established";
inline constexpr const char* kParameterBitsRule = "fixed_point.parameters_at_claimed_bits";
inline constexpr const char* kWeightsMatterMostRule = "fixed_point.weights_matter_most";
inline constexpr const char* kSixteenBitWeightsRule = "fixed_point.sixteen_bit_weights";
inline constexpr const char* kOtherRolesRule = "fixed_point.other_roles_deep";
inline constexpr const char* kVariationIsNoiseRule = "fixed_point.variation_is_noise";
inline constexpr const char* kFractionalBitsDominateRule = "fixed_point.fractional_bits_dominate";

// Practical margin of agreement for a test accuracy (or a difference of two), in points: two
// percentage points. Stated before any run under this rule: a reproduction of a 10-class
// benchmark's headline accuracy within two points counts as the same result; the slides give no
// uncertainty of their own beyond the 32 images, which the two-sample interval carries.
inline constexpr double kAccuracyMarginPoints = 2.0;
// "Rival" and "practically equal" for two accuracies of this suite's own runs: half a point (the
// README's choice, made before the full tier ever ran).
inline constexpr double kPracticalMarginPoints = 0.5;
// "Little loss": under one point (a choice, README.md).
inline constexpr double kLittleLossPoints = 1.0;

// Mean and 95% t interval of per-seed accuracies. REQUIRES: samples.size() >= 2.
struct SeedSummary {
  double mean = 0.0;
  stats::Interval interval;
  std::vector<double> samples;
};
SeedSummary summarize_seeds(const std::vector<double>& samples);

// A published accuracy that is k of `published_images` (k/32: the slides' one batch) against
// ours (mean over seeds, t interval). Both are uncertain: the difference ours − published gets the
// MOVER (Newcombe-type) interval from our seed interval and the published Wilson interval, placed
// against ±kAccuracyMarginPoints.
Decision published_accuracy_rule(double published_percent, std::int64_t published_images,
                                 const std::vector<double>& our_percent,
                                 std::int64_t pooled_correct, std::int64_t pooled_total);

// FP32 > baseline > optimized: each step is a direction claim on its paired t interval over seeds
// (same seed: same initial weights and batch order), region [0, +inf). Reproduced when both steps
// are, not reproduced when either is, inconclusive otherwise.
Decision ordering_rule(const std::vector<double>& fp32, const std::vector<double>& baseline,
                       const std::vector<double>& optimized);

// The claimed drop (points, the slides' 30/32 − 27/32 on one batch) against ours (paired t
// interval of FP32 − optimized): ours − published with MOVER from our interval and the published
// drop's Newcombe interval, against ±kAccuracyMarginPoints.
Decision drop_rule(double claimed_points, std::int64_t published_fp32_right,
                   std::int64_t published_optimized_right, std::int64_t published_images,
                   const std::vector<double>& fp32, const std::vector<double>& optimized);

// A number as the slides print it: its value and half a unit of its last printed digit.
struct PrintedNumber {
  std::string name;
  double value = 0.0;
  double half_unit = 0.0;  // 93.75 -> 0.005, 84.4 -> 0.05
};

// Internal-consistency audit: every printed accuracy is k/images for a whole k, to its printed
// precision. Tested: the largest distance of a printed accuracy from the nearest multiple of
// 100/images, in half units of its last printed digit (a point), against [0, 1].
Decision k_of_n_rule(const std::vector<PrintedNumber>& accuracies, std::int64_t images);

// Internal-consistency audit: the printed drop equals FP32 minus optimized as printed, within the
// range the inputs' rounding allows (published_within).
Decision drop_arithmetic_rule(const PrintedNumber& fp32, const PrintedNumber& optimized,
                              const PrintedNumber& claimed_drop);

// Internal-consistency audit: do the slides' own figures (k of `images` each) establish a drop?
// A direction claim on the published FP32 − optimized difference with its Newcombe interval.
Decision published_drop_rule(std::int64_t fp32_right, std::int64_t optimized_right, std::int64_t images);

// Internal-consistency audit of "all parameters at N bits" against a configuration's own formats:
// tested, the number of stored-parameter roles (e.g. weights, biases) whose total bits differ from
// `claimed_bits` (a count, exact) against 0 (published_within). `total_bits_by_role`: role -> total
// bits. REQUIRES: non-empty (else InputError).
Decision parameter_bits_rule(const std::vector<std::pair<std::string, int>>& total_bits_by_role, int claimed_bits);

// A sweep of one role: per-seed accuracies at each value of the swept parameter.
struct SweepSamples {
  std::vector<double> x;                   // e.g. fractional bits / total bits
  std::vector<std::vector<double>> samples;  // samples[i]: per-seed accuracies at x[i]
};

// Sensitivity of a sweep: the best minus the worst mean accuracy over its points, with the 95%
// Welch interval of that difference.
struct Sensitivity {
  double points = 0.0;
  stats::Interval interval;
  double best_x = 0.0, worst_x = 0.0;
};
Sensitivity sweep_sensitivity(const SweepSamples& sweep);

// "The weights' format affects accuracy most": the weights' sensitivity minus the largest other
// role's (MOVER from the two Welch intervals), a direction claim, region [0, +inf).
// REQUIRES: sweeps has the key "weights" and at least one other role.
Decision weights_matter_most_rule(const std::map<std::string, SweepSamples>& sweeps);

// "With enough fractional bits, 16-bit weights rival 32-bit ones": the best 32-bit point minus the
// best 16-bit point (Welch interval), equivalence within ±kPracticalMarginPoints.
Decision sixteen_bit_weights_rule(const SweepSamples& weights16, const SweepSamples& weights32);

// "The other roles can be quantized deeply with little loss": the optimized formats with the
// weights at the baseline's 24.12 minus FP32 (paired interval), non-inferiority with margin
// kLittleLossPoints.
Decision other_roles_rule(const std::vector<double>& fp32, const std::vector<double>& others_deep);

// "Fractional bits must dominate the format": for every role's sweep, the mean accuracy over its
// points with more fractional than integer bits (F/W > 1/2) minus the mean over those with fewer
// (F/W < 1/2; F/W = 1/2 belongs to neither), per seed (the sweeps' points share the seeds, in
// seed order), with the paired t interval over seeds: a direction, region [0, +inf), for each
// role (all_of_decisions). REQUIRES: each sweep has points on both sides of 1/2 and the same
// number (>= 2) of seeds at every point (else InputError).
Decision fractional_bits_dominate_rule(const std::map<std::string, SweepSamples>& sweeps);

// "Much of the variation in the other sweeps is noise": each point of the non-weight roles' sweeps
// and of the batch-size sweep against its sweep's best point (Welch interval of best − point):
// shown equal when inside ±kPracticalMarginPoints, shown different when entirely outside. The share
// of points that are noise lies in [shown equal / n, 1 − shown different / n]; the claim ("much",
// read as at least half) has the region [0.5, 1].
Decision variation_is_noise_rule(const std::map<std::string, SweepSamples>& sweeps);

}  // namespace repro::fixed_point_fashion_mnist
