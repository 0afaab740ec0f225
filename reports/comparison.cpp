#include "reports/comparison.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <map>

#include <fmt/format.h>

#include "base/errors.h"
#include "reports/comparison_detectability.h"
#include "reports/timing_summary.h"
#include "stats/mann_whitney.h"

namespace repro::reports {
namespace {

using nlohmann::json;

std::map<std::string, const StudyResults*> by_study(const std::vector<StudyResults>& results, const char* side) {
  std::map<std::string, const StudyResults*> studies;
  for (const StudyResults& study : results) {
    if (!studies.emplace(study.study, &study).second) {
      throw InputError(std::string(side) + " results hold the study '" + study.study + "' twice (" +
                       studies[study.study]->source_path.string() + " and " + study.source_path.string() + ")");
    }
  }
  return studies;
}

void append_leaves(const json& value, const std::string& path, std::vector<std::pair<std::string, json>>& leaves) {
  if (value.is_object() && !value.empty()) {
    for (const auto& [key, member] : value.items()) append_leaves(member, path.empty() ? key : path + "." + key, leaves);
  } else if (value.is_array() && !value.empty()) {
    for (std::size_t i = 0; i < value.size(); ++i) append_leaves(value[i], path + "[" + std::to_string(i) + "]", leaves);
  } else {
    leaves.emplace_back(path, value);
  }
}

void compare_measured(const ClaimKey& key, const json& old_measured, const json& new_measured,
                      const CompareOptions& options, Comparison& comparison) {
  std::map<std::string, json> old_leaves;
  for (auto& [path, leaf] : json_leaves(old_measured)) old_leaves.emplace(path, leaf);
  std::map<std::string, json> new_leaves;
  for (auto& [path, leaf] : json_leaves(new_measured)) new_leaves.emplace(path, leaf);

  for (const auto& [path, old_leaf] : old_leaves) {
    const auto found = new_leaves.find(path);
    if (found == new_leaves.end()) {
      comparison.value_changes.push_back({key, path, old_leaf, std::nullopt});
      continue;
    }
    const json& new_leaf = found->second;
    if (old_leaf.is_number() && new_leaf.is_number()) {
      const double old_value = old_leaf.get<double>();
      const double new_value = new_leaf.get<double>();
      const double scale = std::max(std::fabs(old_value), std::fabs(new_value));
      if (std::fabs(new_value - old_value) > options.numeric_tolerance() * scale) {
        NumericChange change{key, path, old_value, new_value, std::nullopt};
        if (old_value != 0) change.relative_difference = (new_value - old_value) / std::fabs(old_value);
        comparison.numeric_changes.push_back(change);
      }
    } else if (old_leaf != new_leaf) {
      comparison.value_changes.push_back({key, path, old_leaf, new_leaf});
    }
  }
  for (const auto& [path, new_leaf] : new_leaves) {
    if (old_leaves.count(path) == 0) comparison.value_changes.push_back({key, path, std::nullopt, new_leaf});
  }
}

TimingComparison compare_timing(const std::string& study, const TimingSamples& old_timing,
                                 const TimingSamples& new_timing, const CompareOptions& options) {
  TimingComparison result;
  result.study = study;
  result.timing_id = old_timing.id;
  result.unit = new_timing.unit;
  const TimingDisplay old_summary = summarize_timing(old_timing.samples);
  const TimingDisplay new_summary = summarize_timing(new_timing.samples);
  result.old_count = old_summary.count;
  result.new_count = new_summary.count;
  result.old_median = old_summary.median;
  result.new_median = new_summary.median;
  if (old_timing.unit != new_timing.unit) {
    result.note = "unit changed from '" + old_timing.unit + "' to '" + new_timing.unit + "'; not compared";
    return result;
  }
  if (old_summary.count == 0 || new_summary.count == 0) {
    result.note = "no samples on one side; not compared";
    return result;
  }
  result.median_ratio = old_summary.median != 0 ? new_summary.median / old_summary.median : 0.0;
  try {
    const stats::MannWhitneyResult test = stats::mann_whitney_u_test(old_timing.samples, new_timing.samples);
    result.u_statistic = test.u_statistic;
    result.p_value = test.p_value;
  } catch (const std::exception& error) {
    result.note = std::string("Mann-Whitney U test not possible: ") + error.what();
    return result;
  }
  result.minimum_detectable_slowdown =
      minimum_detectable_slowdown(old_timing.samples, new_timing.samples, options.alpha());
  if (!result.minimum_detectable_slowdown) {
    const double smallest_p = mann_whitney_smallest_p(static_cast<std::int64_t>(old_summary.count),
                                                      static_cast<std::int64_t>(new_summary.count));
    result.undetectable =
        smallest_p >= options.alpha()
            ? fmt::format("cannot detect a slowdown: with {} vs {} samples the exact two-sided Mann-Whitney p is "
                          "never below {:.3g} (alpha {:.3g}); take more repeats",
                          old_summary.count, new_summary.count, smallest_p, options.alpha())
            : "cannot estimate the noise (fewer than 2 samples or a median <= 0 on a side)";
  }
  result.significant = *result.p_value < options.alpha();
  result.slower_beyond_tolerance = result.significant && old_summary.median > 0 &&
                                   result.median_ratio > 1.0 + options.slowdown_tolerance();
  result.faster = result.significant && result.median_ratio < 1.0 && old_summary.median > 0;
  return result;
}

void compare_study(const StudyResults& old_study, const StudyResults& new_study, const CompareOptions& options,
                   Comparison& comparison) {
  const std::string& study = new_study.study;
  if (!options.across_machines() && !old_study.timings.empty() && !new_study.timings.empty()) {
    if (const std::optional<std::string> difference = machine_difference(old_study, new_study)) {
      throw InputError("compare: study " + study + " has timings from different machines (" + *difference +
                       "); timings are only comparable on one machine: pass --across-machines to compare anyway");
    }
  }
  if (old_study.tier != new_study.tier) comparison.tier_changes.push_back(study + ": " + old_study.tier + " -> " + new_study.tier);

  std::map<std::string, const ClaimResult*> old_claims;
  for (const ClaimResult& claim : old_study.claims) old_claims.emplace(claim.id, &claim);
  std::map<std::string, const ClaimResult*> new_claims;
  for (const ClaimResult& claim : new_study.claims) new_claims.emplace(claim.id, &claim);

  for (const ClaimResult& old_claim : old_study.claims) {
    const ClaimKey key{study, old_claim.id};
    const auto found = new_claims.find(old_claim.id);
    if (found == new_claims.end()) {
      comparison.claims_removed.push_back(key);
      continue;
    }
    const ClaimResult& new_claim = *found->second;
    if (old_claim.verdict != new_claim.verdict) {
      comparison.verdict_changes.push_back({key, old_claim.verdict, new_claim.verdict, new_claim.reason});
    }
    compare_measured(key, old_claim.measured, new_claim.measured, options, comparison);
  }
  for (const ClaimResult& new_claim : new_study.claims) {
    if (old_claims.count(new_claim.id) == 0) comparison.claims_added.push_back({study, new_claim.id});
  }

  std::map<std::string, const TimingSamples*> new_timings;
  for (const TimingSamples& timing : new_study.timings) new_timings.emplace(timing.id, &timing);
  std::map<std::string, const TimingSamples*> old_timings;
  for (const TimingSamples& timing : old_study.timings) {
    old_timings.emplace(timing.id, &timing);
    const auto found = new_timings.find(timing.id);
    if (found == new_timings.end()) {
      comparison.timings_removed.push_back(study + "/" + timing.id);
    } else {
      comparison.timings.push_back(compare_timing(study, timing, *found->second, options));
    }
  }
  for (const TimingSamples& timing : new_study.timings) {
    if (old_timings.count(timing.id) == 0) comparison.timings_added.push_back(study + "/" + timing.id);
  }
}

}  // namespace

std::vector<std::pair<std::string, json>> json_leaves(const json& value) {
  std::vector<std::pair<std::string, json>> leaves;
  append_leaves(value, "", leaves);
  return leaves;
}

std::size_t Comparison::significant_slowdowns() const {
  std::size_t count = 0;
  for (const TimingComparison& timing : timings) count += timing.slower_beyond_tolerance ? 1 : 0;
  return count;
}

int Comparison::exit_code() const { return verdict_changes.empty() && significant_slowdowns() == 0 ? 0 : 1; }

Comparison compare_results(const std::vector<StudyResults>& old_results, const std::vector<StudyResults>& new_results,
                           const CompareOptions& options) {
  const auto old_studies = by_study(old_results, "old");
  const auto new_studies = by_study(new_results, "new");
  Comparison comparison;
  for (const auto& [name, old_study] : old_studies) {
    const auto found = new_studies.find(name);
    if (found == new_studies.end()) {
      comparison.studies_removed.push_back(name);
    } else {
      compare_study(*old_study, *found->second, options, comparison);
    }
  }
  for (const auto& [name, new_study] : new_studies) {
    if (old_studies.count(name) == 0) comparison.studies_added.push_back(name);
  }
  return comparison;
}

}  // namespace repro::reports
