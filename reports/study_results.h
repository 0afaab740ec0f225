// The results of one study run, as `repro run` writes them to <out>/<study>/results.json,
// loaded and validated. Required fields (study, tier, claims[].id, claims[].verdict) are checked
// strictly; optional ones (plots, tables, timings, manifest, ...) may be absent.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace repro::reports {

// The four verdicts a claim can receive.
inline constexpr const char* kVerdicts[] = {"reproduced", "not_reproduced", "inconclusive", "skipped"};
bool is_known_verdict(const std::string& verdict);

// One published number of a claim: {"value": ..., "unit": ..., "provenance": ...}.
struct PublishedValue {
  std::string name;          // the key in the claim's "published" object
  nlohmann::json value;      // usually a number; any JSON is kept
  std::string unit;          // "" when absent
  std::string provenance;    // "Table 3, p. 21"; "" when absent
};

struct ClaimResult {
  std::string id;
  std::string text;
  std::vector<PublishedValue> published;
  nlohmann::json measured;   // any JSON; null when absent
  std::string rule;
  std::string verdict;                   // one of kVerdicts
  std::string expected_verdict;          // one of kVerdicts, or "" when the study states none
  std::string reason;
  std::vector<std::string> decided_at_tiers;

  // True when there is no expected verdict or the verdict equals it.
  bool matches_expected() const { return expected_verdict.empty() || verdict == expected_verdict; }
};

struct PlotSeries {
  std::string name;
  std::vector<nlohmann::json> x;        // numbers, or strings (category labels of bar plots)
  std::vector<double> y;                // NaN where the JSON holds null
  std::vector<double> y_lower;          // empty, or one per point (error bars)
  std::vector<double> y_upper;          // empty, or one per point
  bool has_error_bars() const { return !y_lower.empty(); }
};

struct PlotSpec {
  std::string id;
  std::string title;
  std::string x_label;
  std::string y_label;
  std::string kind = "line";            // "line", "bar" or "points"
  bool log_x = false;
  bool log_y = false;
  // Names for the x positions 0, 1, 2, ... of a points or line plot of categories ("x_tick_labels").
  std::vector<std::string> x_tick_labels;
  std::vector<PlotSeries> series;
};

struct ResultTable {
  std::string id;
  std::string title;
  std::vector<std::string> columns;
  std::vector<std::vector<nlohmann::json>> rows;
};

struct TimingSamples {
  std::string id;
  std::string unit;
  std::vector<double> samples;
};

struct StudyResults {
  std::filesystem::path source_path;    // the results.json it came from
  std::string study;
  std::string title;
  std::string paper_citation;
  std::string paper_url;
  std::string tier;
  std::string device;
  std::optional<std::int64_t> seed;
  std::string started_at;
  std::optional<double> wall_seconds;
  nlohmann::json manifest;              // object, or null when absent
  std::vector<ClaimResult> claims;
  std::vector<PlotSpec> plots;
  std::vector<ResultTable> tables;
  std::vector<TimingSamples> timings;
  nlohmann::json outcome;               // object, or null when absent
};

// Parses and validates one results document. `source_name` names it in error messages.
// Throws repro::InputError naming the source and the field (e.g. "claims[2].verdict").
StudyResults parse_study_results(const nlohmann::json& document, const std::string& source_name);

// Parses and validates one element of "plots"; `field` names it in error messages ("plots[0]").
PlotSpec parse_plot_spec(const nlohmann::json& plot, const std::string& field);

// Reads `path` (a results.json file) and validates it.
// Throws repro::InputError naming the file (and the field, or the JSON parse error offset).
StudyResults load_study_results(const std::filesystem::path& path);

// Every <directory>/*/results.json, sorted by study directory name.
// Throws repro::InputError when `directory` is not a directory or holds no results.
std::vector<StudyResults> load_results_directory(const std::filesystem::path& directory);

// `path` is a results.json file, a study directory holding results.json, or an output directory
// holding <study>/results.json files. Throws repro::InputError when none of these.
std::vector<StudyResults> load_results_from(const std::filesystem::path& path);

}  // namespace repro::reports
