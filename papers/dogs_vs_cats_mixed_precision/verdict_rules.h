// The dogs_vs_cats_mixed_precision study's decision rules (no LibTorch): McNemar as the author
// ran it, the audits of the printed tables, the accuracy rules (one decision model:
// common/comparison_decision.h) and the speed-ratio rules.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/check.h"
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

// Rule ids (ClaimSpec::rule and the decisions' rule_id).
inline constexpr const char* kDiscordantTotalRule = "dogs_vs_cats.discordant_total_allowed";
inline constexpr const char* kTable3FromLogsRule = "dogs_vs_cats.table3_from_released_logs";
inline constexpr const char* kDifferenceFitsRule = "dogs_vs_cats.table2_difference_fits_table3";
inline constexpr const char* kTable2FromLogsRule = "dogs_vs_cats.table2_from_released_logs";
inline constexpr const char* kSpeedupPercentRule = "dogs_vs_cats.speedup_percent_follows";
inline constexpr const char* kInferenceSavingRule = "dogs_vs_cats.inference_saving_follows";
inline constexpr const char* kConclusionFollowsRule = "dogs_vs_cats.conclusion_follows_from_tables";
inline constexpr const char* kPairedEquivalenceRule = "dogs_vs_cats.paired_accuracy_equivalence";
inline constexpr const char* kTable2AgreementRule = "dogs_vs_cats.accuracy_matches_table2";
inline constexpr const char* kMixedFasterRule = "dogs_vs_cats.mixed_faster";
inline constexpr const char* kRatioMatchesRule = "dogs_vs_cats.time_ratio_matches_table";
inline constexpr const char* kSpeedupDependsRule = "dogs_vs_cats.speedup_depends_on_model";

// Margin of agreement for an accuracy, or for the difference of two, in points: 1 point. Derived
// from the thesis itself: its two runs of one protocol (Table 2 against the released logs' 2x2
// tables, same networks and validation set) differ by up to 0.88 points (VGG16 mixed: 90.74 in
// Table 2, 91.62 in the logs), rounded up to a whole point; stated before any run of this rule.
inline constexpr double kRerunMarginPoints = 1.0;

// Internal-consistency audit: the released logs' b+c (`logged_total`) lies among the discordant
// totals `allowed` (contiguous: the exact p grows with b+c at fixed min(b,c)) whose exact McNemar p
// rounds to Table 3's. Exact: reproduced or not reproduced (none allowed: not reproduced).
Decision discordant_total_rule(const std::vector<std::int64_t>& allowed, std::int64_t logged_total);

// Internal-consistency audit: McNemar with the author's method on the released logs' 2x2 table
// gives Table 3's statistic exactly and its p within half a unit of Table 3's last printed digit.
Decision table3_from_logs_rule(const ContingencyTable& logs, double published_statistic,
                               double published_p, int published_p_decimals);

// Internal-consistency audit: the net discordant images Table 2's two accuracies need
// (`needed`, whole images of the validation set) is at most the largest |b−c| = (b+c) − 2·min(b,c)
// that Table 3 allows (`largest_allowed`; negative when Table 3 allows no b+c). Exact.
Decision difference_fits_rule(std::int64_t needed, std::int64_t largest_allowed);

// Internal-consistency audit: Table 2's printed accuracies (two decimals) equal the released
// logs' (both right + only this one right) / n to half a unit of the printed digit.
Decision table2_from_logs_rule(const ContingencyTable& logs, double published_single_percent,
                               double published_mixed_percent);

// A quantity 100·(1 − numerator/denominator) printed as `printed_percent`, from times printed to
// `time_half_unit` (half a unit of their last digit) and printed itself to `percent_half_unit`.
struct PrintedSaving {
  double numerator_ms = 0.0, denominator_ms = 0.0, time_half_unit = 0.5;
  double printed_percent = 0.0, percent_half_unit = 0.5;
};
// Internal-consistency audit (published_within): the printed percentage lies in the range the
// printed times allow, widened by the percentage's own rounding. `rule_id` is
// kSpeedupPercentRule (Tables 4/5) or kInferenceSavingRule (the text). REQUIRES: times > their
// half unit (else repro::InputError).
Decision printed_saving_rule(const std::string& rule_id, const std::string& quantity,
                             const PrintedSaving& saving);

// Internal-consistency audit of a statement of the Conclusion against the tables it summarizes:
// tested, the number of the statement's parts that differ from the tables (`mismatches`, each
// described in words; a count, exact) against 0, out of `parts` checked (published_within).
// REQUIRES: parts >= 1 and mismatches.size() <= parts (else repro::InputError).
Decision conclusion_follows_rule(const std::string& statement, const std::vector<std::string>& mismatches, int parts);

// "The fp32 and mixed-precision classifiers do not differ" (Table 3's conclusion) as an
// equivalence claim: the paired accuracy difference single − mixed on the same images, with
// Newcombe's paired interval from the 2x2 table, inside ±kRerunMarginPoints. The author's
// McNemar statistic and p are kept in measured (information only). `scope` prefixes the reason.
Decision paired_equivalence_rule(const ContingencyTable& table, const std::string& scope);

// Our accuracies against Table 2's on `published_images` validation images: per precision,
// ours − published with the MOVER interval of the two Wilson intervals (Table 2's value is k of
// published_images), inside ±kRerunMarginPoints; both precisions must agree (all_of_decisions).
Decision accuracy_matches_table2_rule(const ContingencyTable& ours, double published_single_percent,
                                      double published_mixed_percent, std::int64_t published_images);

// Mechanics check: both classifiers beat chance (each accuracy's 95% Wilson lower bound > 50%).
// REQUIRES: a non-empty table (else repro::InputError).
CheckOutcome both_learn_check(const ContingencyTable& table, const std::string& scope);

// mixed/single time ratio: the ratio of the medians, and a conservative 95% interval from the
// medians' distribution-free intervals: [mixed.lower / single.upper, mixed.upper / single.lower].
struct TimeRatio {
  double ratio = 0.0;
  stats::Interval interval;
};
// REQUIRES: both summaries non-empty with positive times (else repro::InputError).
TimeRatio time_ratio(const stats::TimingSummary& mixed, const stats::TimingSummary& single);

// Mixed precision is faster (common/time_ratio_rule.h decide_faster): reproduced when the whole
// interval of the ratio lies below 1, not reproduced when it lies above 1, else inconclusive.
Decision mixed_faster_rule(const TimeRatio& ratio, const std::string& what);

// The measured ratio agrees with Table 4's or 5's (mixed ms / single ms as printed): our interval
// inside published ± kTimeRatioMargin (0.10, common/time_ratio_rule.h). Tables 4-5 print whole
// milliseconds (e.g. 196 / 303): their rounding moves the ratio by under 0.004, far inside 0.10.
Decision ratio_matches_rule(const TimeRatio& ratio, double published_ratio, const std::string& what);

// One comparison of "the speed-up depends on the model": the two models' measured ratios.
struct ModelRatioPair {
  std::string what;            // e.g. "training step, ResNet152V2 − VGG16"
  TimeRatio first, second;
};
// "The speed-up depends on the model": for each pair (the models the thesis's table shows gaining
// most and least, chosen from the table before any run), first − second with the conservative
// interval [first.lower − second.upper, first.upper − second.lower] lies entirely outside
// ±kTimeRatioMargin (decide_differs: two speed-ups 0.10 or more apart are different ones);
// reproduced when every pair differs. REQUIRES: pairs non-empty (else repro::InputError).
Decision speedup_depends_on_model_rule(const std::vector<ModelRatioPair>& pairs);

}  // namespace repro::dogs_vs_cats
