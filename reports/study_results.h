// The results of one study run, as `repro run` writes them to <out>/<study>/results.json,
// loaded and validated. Required fields (study, tier, claims[].id, claims[].verdict) are checked
// strictly; optional ones (plots, tables, timings, manifest, the schema-2 comparison, margin,
// checks, numerics, ...) may be absent, so results written before schema 2 still load.
#pragma once

#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace repro::reports {

// The four verdicts a claim can receive.
inline constexpr const char* kVerdicts[] = {"reproduced", "not_reproduced", "inconclusive", "skipped"};
bool is_known_verdict(const std::string& verdict);
// An expected verdict: a known verdict, or "unstable" (several verdicts accepted).
bool is_known_expected_verdict(const std::string& verdict);

inline constexpr double kNotANumber = std::numeric_limits<double>::quiet_NaN();

// One published number of a claim: {"value": ..., "unit": ..., "provenance": ...}.
struct PublishedValue {
  std::string name;          // the key in the claim's "published" object
  nlohmann::json value;      // usually a number; any JSON is kept
  std::string unit;          // "" when absent
  std::string provenance;    // "Table 3, p. 21"; "" when absent
};

// A value with its interval: {"value", "lower", "upper", "method"} (NaN where absent or null).
struct EstimateValue {
  double value = kNotANumber;
  double lower = kNotANumber;
  double upper = kNotANumber;
  std::string method;
  bool has_interval() const { return lower == lower && upper == upper && !(lower == value && upper == value); }
};

// A claim's "comparison" (schema 2): the quantity, the published value, ours, and the region of
// agreement of the tested estimate (an infinite end is unbounded).
struct ClaimComparison {
  std::string kind;          // agreement, difference_agreement, direction, equivalence, non_inferiority
  std::string quantity;      // "FP32 test accuracy"
  std::string unit;          // "%"
  std::optional<double> published;
  std::optional<EstimateValue> published_estimate;
  std::optional<EstimateValue> ours;
  std::string tested;        // what the region applies to ("ours − published"); "" = ours
  std::optional<EstimateValue> tested_estimate;
  double region_lower = -std::numeric_limits<double>::infinity();
  double region_upper = std::numeric_limits<double>::infinity();
  bool has_region = false;
};

// A stated quantity with its reason: a claim's "margin" {value, unit, derivation} or its
// "minimum_detectable_effect" {value, unit, basis}.
struct StatedQuantity {
  double value = kNotANumber;
  std::string unit;
  std::string reason;
};

struct ClaimResult {
  std::string id;
  std::string text;
  std::vector<PublishedValue> published;
  nlohmann::json measured;   // any JSON; null when absent
  std::string rule;
  std::string rule_kind;                 // "" when absent (from "rule_kind" or comparison.kind)
  std::string verdict;                   // one of kVerdicts
  std::string expected_verdict;          // one of kVerdicts or "unstable"; "" when the study states none
  std::vector<std::string> accepted_verdicts;  // schema 2; empty when absent
  std::string expected_basis;            // "paper", "measured", "prediction", ...; "" when absent
  std::string expected_detail;
  std::optional<bool> recorded_match;    // the "matches_expected" field, when present
  std::string reason;
  std::vector<std::string> decided_at_tiers;
  std::optional<ClaimComparison> comparison;
  std::optional<StatedQuantity> margin;
  std::optional<StatedQuantity> detectable_effect;

  // The recorded "matches_expected" when present; else whether the verdict is accepted (one of
  // accepted_verdicts, or equal to the expected verdict); true when nothing is expected.
  bool matches_expected() const;
};

// A mechanics check (schema 2 "checks"): not a claim of the paper; never counted among claims.
struct CheckResult {
  std::string id;
  std::string text;
  std::string status;        // passed, failed or skipped
  nlohmann::json measured;
  std::string rule;
  std::string reason;
};

struct PlotSeries {
  std::string name;
  std::vector<nlohmann::json> x;        // numbers, or strings (category labels of bar plots)
  std::vector<double> y;                // NaN where the JSON holds null
  std::vector<double> y_lower;          // empty, or one per point (error bars)
  std::vector<double> y_upper;          // empty, or one per point
  bool published = false;               // "published": true — the paper's numbers, drawn apart
  bool has_error_bars() const { return !y_lower.empty(); }
};

// A published value drawn as a line across the plot: {"x": 12, "label": "..."} (vertical) or
// {"y": 95, "label": "..."} (horizontal).
struct ReferenceLine {
  char axis = 'x';
  double value = 0.0;
  std::string label;
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
  std::vector<ReferenceLine> reference_lines;
  // The source (figure or table of the paper) and what the error bars are; "" when absent.
  std::string caption;
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
  std::string paper_citation;           // paper.citation, or "title, authors, venue year"
  std::string paper_url;
  std::string tier;
  std::string device;
  std::optional<std::int64_t> seed;
  std::string started_at;
  std::optional<double> wall_seconds;
  nlohmann::json manifest;              // object, or null when absent
  std::vector<ClaimResult> claims;
  std::vector<CheckResult> checks;
  std::vector<PlotSpec> plots;
  std::vector<ResultTable> tables;
  std::vector<TimingSamples> timings;
  nlohmann::json outcome;               // object, or null when absent
  nlohmann::json numerics;              // array (empty when absent)
};

// Parsers of the parts of a results document (claim_parsing.cpp, plot_parsing.cpp).
class FieldReader;
ClaimResult parse_claim(const FieldReader& reader, const nlohmann::json& claim, const std::string& field);
CheckResult parse_check(const FieldReader& reader, const nlohmann::json& check, const std::string& field);
PlotSpec parse_plot(const FieldReader& reader, const nlohmann::json& plot, const std::string& field);

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
