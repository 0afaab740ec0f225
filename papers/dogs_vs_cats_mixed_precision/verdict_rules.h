// The dogs_vs_cats_mixed_precision study's decision rules (no LibTorch): McNemar as the author
// ran it, the learning and agreement rules of the accuracy claims, and the speed-ratio rules.
#pragma once

#include <cstdint>
#include <string>

#include "common/claim.h"
#include "stats/interval.h"
#include "stats/mcnemar.h"
#include "stats/timing_summary.h"

namespace repro::dogs_vs_cats {

// The 2x2 table of two classifiers on the same images (the released logs' order).
struct ContingencyTable {
  std::int64_t both_right = 0;
  std::int64_t only_single_right = 0;
  std::int64_t only_mixed_right = 0;
  std::int64_t both_wrong = 0;
  std::int64_t total() const { return both_right + only_single_right + only_mixed_right + both_wrong; }
};

// The author's code: the exact test when any cell of the 2x2 table is below 25, otherwise
// chi-square with continuity correction.
stats::McNemarMethod author_mcnemar_method(const ContingencyTable& table);
stats::McNemarResult author_mcnemar(const ContingencyTable& table);

// The thesis's conclusion for one network: no significant difference between the single- and
// mixed-precision classifiers (author's McNemar, p >= alpha). `scope` prefixes the reason
// (e.g. "reduced: tiny VGG16 at 80x80, mechanics only").
Decision no_significant_difference_rule(const ContingencyTable& table, const std::string& scope,
                                        double alpha = 0.05);

// Both classifiers learned: each accuracy's 95% Wilson lower bound is above chance (50%).
Decision both_learn_rule(const ContingencyTable& table, const std::string& scope);

// Our accuracies (in %) equal Table 2's within `tolerance_points` for both precisions.
Decision accuracy_matches_rule(double single_percent, double mixed_percent,
                               double published_single_percent, double published_mixed_percent,
                               double tolerance_points);

// mixed/single time ratio: the ratio of the medians, and a conservative 95% interval from the
// medians' distribution-free intervals: [mixed.lower / single.upper, mixed.upper / single.lower].
struct TimeRatio {
  double ratio = 0.0;
  stats::Interval interval;
};
// REQUIRES: both summaries non-empty with positive times (else repro::InputError).
TimeRatio time_ratio(const stats::TimingSummary& mixed, const stats::TimingSummary& single);

// Mixed precision is faster: the whole interval of the ratio is below 1.
Decision mixed_faster_rule(const TimeRatio& ratio, const std::string& what);

// The measured ratio agrees with the published one: its interval meets
// [published - band, published + band].
Decision ratio_within_band_rule(const TimeRatio& ratio, double published_ratio, double band,
                                const std::string& what);

}  // namespace repro::dogs_vs_cats
