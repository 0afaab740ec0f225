// `repro compare <old> <new>`: what changed between two runs. Verdict changes; claims and studies
// added or removed; measured values that changed (every leaf of each claim's "measured" JSON,
// numbers by relative difference); timings compared by a two-sided Mann-Whitney U test and the
// ratio of medians. Timings are durations: a larger median is slower.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/study_results.h"

namespace repro::reports {

class CompareOptions {
 public:
  // Significance level of the timing test. REQUIRES: 0 < alpha < 1.
  CompareOptions& alpha(double value) { alpha_ = value; return *this; }
  double alpha() const { return alpha_; }
  // A timing fails the comparison when significantly slower and new median / old median
  // > 1 + slowdown_tolerance. REQUIRES: >= 0.
  CompareOptions& slowdown_tolerance(double value) { slowdown_tolerance_ = value; return *this; }
  double slowdown_tolerance() const { return slowdown_tolerance_; }
  // Numbers count as changed when |new - old| > numeric_tolerance * max(|old|, |new|). REQUIRES: >= 0.
  CompareOptions& numeric_tolerance(double value) { numeric_tolerance_ = value; return *this; }
  double numeric_tolerance() const { return numeric_tolerance_; }
  // Compare timings of runs on different machines (GPU, driver, CUDA, LibTorch or CPU differ). Without
  // it compare_results throws repro::InputError naming the field (reports/comparison_detectability.h).
  CompareOptions& across_machines(bool value) { across_machines_ = value; return *this; }
  bool across_machines() const { return across_machines_; }

 private:
  bool across_machines_ = false;
  double alpha_ = 0.05;
  double slowdown_tolerance_ = 0.10;
  double numeric_tolerance_ = 1e-9;
};

struct ClaimKey {
  std::string study;
  std::string claim_id;
};

struct VerdictChange {
  ClaimKey claim;
  std::string old_verdict;
  std::string new_verdict;
  std::string new_reason;
};

struct NumericChange {
  ClaimKey claim;
  std::string path;                          // leaf of "measured": "p_value", "totals[0]", "" for a scalar
  double old_value = 0;
  double new_value = 0;
  std::optional<double> relative_difference;  // (new - old) / |old|; none when old is 0
};

// A non-numeric leaf that changed, or a leaf present on one side only ("" text when absent).
struct ValueChange {
  ClaimKey claim;
  std::string path;
  std::optional<nlohmann::json> old_value;   // none when absent in the old run
  std::optional<nlohmann::json> new_value;   // none when absent in the new run
};

struct TimingComparison {
  std::string study;
  std::string timing_id;
  std::string unit;
  std::size_t old_count = 0;
  std::size_t new_count = 0;
  double old_median = 0;
  double new_median = 0;
  double median_ratio = 0;                  // new / old; 0 when the old median is 0
  std::optional<double> u_statistic;        // of the old sample; none when not tested
  std::optional<double> p_value;            // two-sided; none when not tested
  bool significant = false;                 // p < alpha
  bool slower_beyond_tolerance = false;     // significant and median_ratio > 1 + tolerance
  bool faster = false;                      // significant and median_ratio < 1
  // The smallest relative slowdown this comparison detects (80 % power, noise from the repeats;
  // reports/comparison_detectability.h); none when it cannot detect any: then `undetectable` says why
  // (e.g. 3 vs 3 samples: the exact two-sided p is never below 0.1) instead of "no significant change".
  std::optional<double> minimum_detectable_slowdown;
  std::string undetectable;
  std::string note;                         // why not tested, unit change, ...
};

struct Comparison {
  std::string old_source;
  std::string new_source;
  std::vector<std::string> studies_added;
  std::vector<std::string> studies_removed;
  std::vector<std::string> tier_changes;    // "study: smoke -> full"
  std::vector<ClaimKey> claims_added;
  std::vector<ClaimKey> claims_removed;
  std::vector<VerdictChange> verdict_changes;
  std::vector<NumericChange> numeric_changes;
  std::vector<ValueChange> value_changes;
  std::vector<TimingComparison> timings;
  std::vector<std::string> timings_added;   // "study/timing"
  std::vector<std::string> timings_removed;

  std::size_t significant_slowdowns() const;
  // 1 when a verdict changed or a timing got significantly slower beyond the tolerance, else 0.
  int exit_code() const;
};

// Studies are matched by name, claims by id within a study, timings by id within a study.
// Throws repro::InputError when a side holds the same study twice, or when a study has timings on
// both sides from different machines (the message names the manifest field) unless across_machines.
Comparison compare_results(const std::vector<StudyResults>& old_results, const std::vector<StudyResults>& new_results,
                           const CompareOptions& options = CompareOptions());

// Flattens `value` into (path, leaf) pairs: object members as "a.b", array elements as "a[0]";
// an empty object or array is a leaf of its own. A scalar root has the path "".
std::vector<std::pair<std::string, nlohmann::json>> json_leaves(const nlohmann::json& value);

}  // namespace repro::reports
