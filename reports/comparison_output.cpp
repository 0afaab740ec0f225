#include "reports/comparison_output.h"

#include <cmath>

#include <fmt/format.h>

#include "reports/claim_formatting.h"
#include "reports/markdown_writer.h"

namespace repro::reports {
namespace {

using nlohmann::json;

std::string row(const std::vector<std::string>& cells) {
  std::string line = "|";
  for (const std::string& cell : cells) line += " " + markdown_cell(cell) + " |";
  return line + "\n";
}

std::string header(const std::vector<std::string>& cells) {
  std::string line = row(cells) + "|";
  for (std::size_t i = 0; i < cells.size(); ++i) line += " --- |";
  return line + "\n";
}

std::string number(double value) { return fmt::format("{:.6g}", value); }

std::string percent(double fraction) { return fmt::format("{:+.3g}%", 100.0 * fraction); }

std::string leaf_path(const std::string& path) { return path.empty() ? "(value)" : path; }

std::string optional_json_text(const std::optional<json>& value) {
  if (!value) return "(absent)";
  return value->is_string() ? "\"" + value->get<std::string>() + "\"" : value->dump();
}

std::string timing_assessment(const TimingComparison& timing) {
  if (!timing.note.empty()) return timing.note;
  if (timing.slower_beyond_tolerance) return "SLOWER (significant, beyond tolerance)";
  if (timing.significant && timing.median_ratio > 1.0) return "slower (significant, within tolerance)";
  if (timing.faster) return "faster (significant)";
  if (!timing.undetectable.empty()) return timing.undetectable;
  return fmt::format("no significant change (detects slowdowns >= {:.1f} %)",
                     100.0 * *timing.minimum_detectable_slowdown);
}

json finite_or_null(double value) { return std::isfinite(value) ? json(value) : json(nullptr); }

json optional_number(const std::optional<double>& value) { return value ? finite_or_null(*value) : json(nullptr); }

json claim_key_json(const ClaimKey& key) { return {{"study", key.study}, {"claim", key.claim_id}}; }

}  // namespace

std::string comparison_markdown(const Comparison& comparison, const CompareOptions& options) {
  std::string out = "# Comparison of two runs\n\n";
  if (!comparison.old_source.empty()) out += "- old: `" + comparison.old_source + "`\n";
  if (!comparison.new_source.empty()) out += "- new: `" + comparison.new_source + "`\n";
  out += fmt::format("- {} verdict change{}, {} significant slowdown{} (alpha {}, tolerance {}), {} numeric change{}\n\n",
                     comparison.verdict_changes.size(), comparison.verdict_changes.size() == 1 ? "" : "s",
                     comparison.significant_slowdowns(), comparison.significant_slowdowns() == 1 ? "" : "s",
                     options.alpha(), percent(options.slowdown_tolerance()), comparison.numeric_changes.size(),
                     comparison.numeric_changes.size() == 1 ? "" : "s");
  out += comparison.exit_code() == 0 ? "**Result: no verdict changed, no significant slowdown.**\n\n"
                                     : "**Result: CHANGED (a verdict changed or a timing got slower).**\n\n";

  if (!comparison.studies_added.empty() || !comparison.studies_removed.empty() || !comparison.tier_changes.empty()) {
    out += "## Studies\n\n";
    for (const auto& study : comparison.studies_added) out += "- added: `" + study + "`\n";
    for (const auto& study : comparison.studies_removed) out += "- removed: `" + study + "`\n";
    for (const auto& change : comparison.tier_changes) out += "- tier changed: " + change + "\n";
    out += "\n";
  }
  out += "## Verdict changes\n\n";
  if (comparison.verdict_changes.empty()) {
    out += "None.\n\n";
  } else {
    out += header({"study", "claim", "old verdict", "new verdict", "new reason"});
    for (const VerdictChange& change : comparison.verdict_changes) {
      out += row({change.claim.study, change.claim.claim_id, verdict_label(change.old_verdict),
                  verdict_label(change.new_verdict), change.new_reason});
    }
    out += "\n";
  }
  if (!comparison.claims_added.empty() || !comparison.claims_removed.empty()) {
    out += "## Claims added or removed\n\n";
    for (const ClaimKey& key : comparison.claims_added) out += "- added: `" + key.study + "` / `" + key.claim_id + "`\n";
    for (const ClaimKey& key : comparison.claims_removed) out += "- removed: `" + key.study + "` / `" + key.claim_id + "`\n";
    out += "\n";
  }
  out += "## Measured values that changed\n\n";
  if (comparison.numeric_changes.empty() && comparison.value_changes.empty()) {
    out += "None.\n\n";
  } else {
    out += header({"study", "claim", "value", "old", "new", "relative change"});
    for (const NumericChange& change : comparison.numeric_changes) {
      out += row({change.claim.study, change.claim.claim_id, leaf_path(change.path), number(change.old_value),
                  number(change.new_value),
                  change.relative_difference ? percent(*change.relative_difference) : "n/a (old value is 0)"});
    }
    for (const ValueChange& change : comparison.value_changes) {
      out += row({change.claim.study, change.claim.claim_id, leaf_path(change.path), optional_json_text(change.old_value),
                  optional_json_text(change.new_value), ""});
    }
    out += "\n";
  }
  out += "## Timings (two-sided Mann–Whitney U test, ratio of medians new/old)\n\n";
  if (comparison.timings.empty()) {
    out += "No timing present in both runs.\n\n";
  } else {
    out += header({"study", "timing", "unit", "n old", "n new", "median old", "median new", "ratio", "U", "p",
                   "assessment"});
    for (const TimingComparison& timing : comparison.timings) {
      out += row({timing.study, timing.timing_id, timing.unit, std::to_string(timing.old_count),
                  std::to_string(timing.new_count), number(timing.old_median), number(timing.new_median),
                  timing.median_ratio > 0 ? fmt::format("{:.4f}", timing.median_ratio) : "n/a",
                  timing.u_statistic ? number(*timing.u_statistic) : "", timing.p_value ? number(*timing.p_value) : "",
                  timing_assessment(timing)});
    }
    out += "\n";
  }
  for (const auto& id : comparison.timings_added) out += "- timing added: `" + id + "`\n";
  for (const auto& id : comparison.timings_removed) out += "- timing removed: `" + id + "`\n";
  return out;
}

json comparison_json(const Comparison& comparison, const CompareOptions& options) {
  json out;
  out["old"] = comparison.old_source;
  out["new"] = comparison.new_source;
  out["options"] = {{"alpha", options.alpha()},
                    {"slowdown_tolerance", options.slowdown_tolerance()},
                    {"numeric_tolerance", options.numeric_tolerance()}};
  out["exit_code"] = comparison.exit_code();
  out["studies_added"] = comparison.studies_added;
  out["studies_removed"] = comparison.studies_removed;
  out["tier_changes"] = comparison.tier_changes;
  out["claims_added"] = json::array();
  for (const ClaimKey& key : comparison.claims_added) out["claims_added"].push_back(claim_key_json(key));
  out["claims_removed"] = json::array();
  for (const ClaimKey& key : comparison.claims_removed) out["claims_removed"].push_back(claim_key_json(key));
  out["verdict_changes"] = json::array();
  for (const VerdictChange& change : comparison.verdict_changes) {
    json entry = claim_key_json(change.claim);
    entry["old_verdict"] = change.old_verdict;
    entry["new_verdict"] = change.new_verdict;
    entry["new_reason"] = change.new_reason;
    out["verdict_changes"].push_back(entry);
  }
  out["numeric_changes"] = json::array();
  for (const NumericChange& change : comparison.numeric_changes) {
    json entry = claim_key_json(change.claim);
    entry["path"] = change.path;
    entry["old"] = finite_or_null(change.old_value);
    entry["new"] = finite_or_null(change.new_value);
    entry["relative_difference"] = optional_number(change.relative_difference);
    out["numeric_changes"].push_back(entry);
  }
  out["value_changes"] = json::array();
  for (const ValueChange& change : comparison.value_changes) {
    json entry = claim_key_json(change.claim);
    entry["path"] = change.path;
    entry["old"] = change.old_value ? *change.old_value : json(nullptr);
    entry["new"] = change.new_value ? *change.new_value : json(nullptr);
    entry["old_present"] = change.old_value.has_value();
    entry["new_present"] = change.new_value.has_value();
    out["value_changes"].push_back(entry);
  }
  out["timings"] = json::array();
  for (const TimingComparison& timing : comparison.timings) {
    out["timings"].push_back({{"study", timing.study},
                              {"timing", timing.timing_id},
                              {"unit", timing.unit},
                              {"old_count", timing.old_count},
                              {"new_count", timing.new_count},
                              {"old_median", finite_or_null(timing.old_median)},
                              {"new_median", finite_or_null(timing.new_median)},
                              {"median_ratio", finite_or_null(timing.median_ratio)},
                              {"u_statistic", optional_number(timing.u_statistic)},
                              {"p_value", optional_number(timing.p_value)},
                              {"significant", timing.significant},
                              {"slower_beyond_tolerance", timing.slower_beyond_tolerance},
                              {"faster", timing.faster},
                              {"minimum_detectable_slowdown", optional_number(timing.minimum_detectable_slowdown)},
                              {"undetectable", timing.undetectable},
                              {"note", timing.note}});
  }
  out["timings_added"] = comparison.timings_added;
  out["timings_removed"] = comparison.timings_removed;
  return out;
}

}  // namespace repro::reports
