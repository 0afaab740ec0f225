// The stated statistical rules that decide the study's claims from measured accuracies. Pure
// functions (no LibTorch) so that unit tests can check each rule on known numbers.
// Accuracies are in percent; "samples" are one value per seed, in seed order.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/claim.h"
#include "stats/interval.h"

namespace repro::fixed_point_fashion_mnist {

inline constexpr double kSignificance = 0.05;
// Two accuracies closer than this count as practically equal (a choice; see README.md).
inline constexpr double kPracticalMarginPoints = 0.5;

// Mean and 95% t interval of per-seed accuracies. REQUIRES: samples.size() >= 2.
struct SeedSummary {
  double mean = 0.0;
  stats::Interval interval;
  std::vector<double> samples;
};
SeedSummary summarize_seeds(const std::vector<double>& samples);

// A published accuracy that is k of `published_images` against ours. Exact two-sided binomial
// test of k successes in `published_images` trials at our pooled accuracy (correct / total over
// every seed's full test set): reproduced when p >= 0.05 (the published count is what our model
// would score on 32 random test images), not reproduced when p < 0.05. Also reports the p-values
// at the ends of our seed interval.
Decision published_accuracy_rule(double published_percent, std::int64_t published_images,
                                 const std::vector<double>& our_percent,
                                 std::int64_t pooled_correct, std::int64_t pooled_total);

// FP32 > baseline > optimized, by paired t tests over seeds (same seed: same initial weights and
// batch order). Each step "holds" when its 95% interval of the paired difference is above 0; it
// "fails" when that interval's upper end is below kPracticalMarginPoints (equal within the margin,
// or reversed). Reproduced when both steps hold, not reproduced when either fails, inconclusive
// otherwise.
Decision ordering_rule(const std::vector<double>& fp32, const std::vector<double>& baseline,
                       const std::vector<double>& optimized);

// The claimed drop (points) against our paired FP32 - optimized differences: reproduced when the
// claimed value lies in the 95% paired t interval of our mean drop, not reproduced otherwise.
Decision drop_rule(double claimed_points, const std::vector<double>& fp32,
                   const std::vector<double>& optimized);

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

// "The weights' format affects accuracy most": reproduced when the weights' sensitivity is the
// largest and its Welch interval excludes 0; not reproduced when another role's sensitivity is
// larger than the weights' and that role's interval excludes 0; inconclusive otherwise.
// REQUIRES: sweeps has the key "weights".
Decision weights_matter_most_rule(const std::map<std::string, SweepSamples>& sweeps);

// "With enough fractional bits, 16-bit weights rival 32-bit ones": the best point of the 16-bit
// weights sweep against the best of the 32-bit sweep. Reproduced when Welch's TOST shows them
// equivalent within kPracticalMarginPoints (p < 0.05); not reproduced when the Welch 95% interval
// of 32-bit minus 16-bit lies above the margin; inconclusive otherwise.
Decision sixteen_bit_weights_rule(const SweepSamples& weights16, const SweepSamples& weights32);

// "The other roles can be quantized deeply with little loss": FP32 against the optimized formats
// with the weights kept at the baseline's 24.12 (every other role at its optimized, narrower
// format). Reproduced when the paired 95% interval of FP32 minus that configuration lies below
// 1 point ("little loss" = under one point, a choice); not reproduced when it lies above 1 point;
// inconclusive otherwise.
Decision other_roles_rule(const std::vector<double>& fp32, const std::vector<double>& others_deep);

// "Much of the variation in the other sweeps is noise": over every point of the non-weight roles'
// sweeps and of the batch-size sweep, a Welch t test of the point against its sweep's best point.
// Reproduced when fewer than half of the points differ at p < 0.05 (no multiplicity correction,
// which favours finding differences), not reproduced otherwise.
Decision variation_is_noise_rule(const std::map<std::string, SweepSamples>& sweeps);

}  // namespace repro::fixed_point_fashion_mnist
