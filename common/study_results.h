// The one results type: what a study run concludes, as the runner (app/study_runner.cpp) fills it,
// `to_json` writes it to <out>/<study>/results.json (schema 2) and reports/ reads it back with
// `parse_study_results` / `load_study_results`. One writer and one reader of the format:
//   to_json(parse_study_results(document, name)) == document   for every document to_json writes,
// (tests/common/core/study_results_json_test.cpp). Reading is tolerant of results written before
// schema 2: required fields (study, tier, claims[].id, claims[].verdict) are checked strictly;
// optional ones (plots, tables, timings, manifest, comparison, margin, checks, numerics, ...) may
// be absent, and the older spellings ("ours_interval", "published_interval") are read into the
// schema-2 fields. Writing always gives the schema-2 form.
#pragma once

#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace repro {

// The four verdicts a claim can receive.
inline constexpr const char* kVerdicts[] = {"reproduced", "not_reproduced", "inconclusive", "skipped"};
bool is_known_verdict(const std::string& verdict);
// An expected verdict: a known verdict, or "unstable" (several verdicts accepted).
bool is_known_expected_verdict(const std::string& verdict);

inline constexpr double kNotANumber = std::numeric_limits<double>::quiet_NaN();

// One published number of a claim: its published.json entry {"value", "unit", "provenance", ...}
// as written (`entry`, with any other members such as "note"), and the parts reporters show.
struct PublishedValue {
  std::string name;          // the key in the claim's "published" object
  nlohmann::json value;      // usually a number; any JSON is kept
  std::string unit;          // "" when absent
  std::string provenance;    // "Table 3, p. 21"; "" when absent
  nlohmann::json entry;      // the entry as written; what to_json writes

  // The parts of `entry`: an object's "value" (or, without one, its members other than unit,
  // provenance and note: {"statistic": 19, "p": 0.371}), "unit" and "provenance"; a bare number
  // is a value without unit or provenance. Throws InputError naming `field` for a malformed part.
  static PublishedValue from_entry(std::string name, nlohmann::json entry, const std::string& source_name,
                                   const std::string& field);
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
// agreement of the tested estimate (an infinite end is unbounded). The runner fills it from the
// decision's common/comparison.h Comparison (comparison_record).
struct ClaimComparison {
  std::string kind;          // agreement, difference_agreement, direction, equivalence, non_inferiority
  std::string quantity;      // "FP32 test accuracy"
  std::string unit;          // "%"
  std::optional<double> published;
  std::optional<EstimateValue> published_estimate;  // when the paper's number has its own uncertainty
  std::optional<EstimateValue> ours;
  std::string tested;        // what the region applies to ("ours − published"); "" = ours
  std::optional<EstimateValue> tested_estimate;
  double region_lower = -std::numeric_limits<double>::infinity();
  double region_upper = std::numeric_limits<double>::infinity();
  bool has_region = false;   // false: a result written before schema 2 had none
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
  std::string rule_id;                   // the named verdict rule ("fixed_point.published_accuracy")
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
  std::vector<std::string> decided_at_tiers;
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

// A claim or check of the tier skipped for a missing GPU or data set.
struct SkippedRequirement {
  std::string id;
  std::string reason;
};

// How the run ended ("outcome"): what its exit status was decided from.
struct StudyOutcome {
  int exit_code = 0;
  std::vector<std::string> mismatched_claims;   // verdicts that are not an accepted one
  std::vector<std::string> failed_checks;
  std::vector<SkippedRequirement> skipped_for_requirements;
  bool allow_skipped = false;
  int decided_claims = 0;
  std::string failure;                          // the study's error, or ""
};

struct StudyResults {
  std::filesystem::path source_path;    // the results.json it came from ("" when built by a run)
  std::optional<int> schema_version;    // 2; absent in results written before schema 2
  std::string study;
  std::string title;
  nlohmann::json paper;                 // published.json's "paper" object, or null when absent
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
  std::optional<StudyOutcome> outcome;
  nlohmann::json numerics = nlohmann::json::array();  // per-run telemetry records, as the study wrote them

  // paper.citation, or "title, authors, venue year (kind)"; "" without a paper.
  std::string paper_citation() const;
  std::string paper_url() const;
};

// The one writer of the format (study_results_writing.cpp). NaN and infinite numbers are written
// as null (JSON has neither; a region's null end reads back as unbounded).
nlohmann::json to_json(const StudyResults& results);
nlohmann::json to_json(const ClaimResult& claim);
nlohmann::json to_json(const CheckResult& check);
nlohmann::json to_json(const PlotSpec& plot);
nlohmann::json to_json(const ResultTable& table);

// Parsers of the parts of a results document (claim_result_parsing.cpp, plot_parsing.cpp).
class FieldReader;
ClaimResult parse_claim(const FieldReader& reader, const nlohmann::json& claim, const std::string& field);
CheckResult parse_check(const FieldReader& reader, const nlohmann::json& check, const std::string& field);
PlotSpec parse_plot(const FieldReader& reader, const nlohmann::json& plot, const std::string& field);

// Parses and validates one results document. `source_name` names it in error messages.
// Throws repro::InputError naming the source and the field (e.g. "claims[2].verdict").
StudyResults parse_study_results(const nlohmann::json& document, const std::string& source_name);

// Parses and validates one element of "plots" or "tables"; `source_name` names it in error
// messages ("study x, plot y: field 'series[0].y' ...").
PlotSpec parse_plot_spec(const nlohmann::json& plot, const std::string& source_name);
ResultTable parse_result_table(const nlohmann::json& table, const std::string& source_name);

// Reads `path` (a results.json file) and validates it.
// Throws repro::InputError naming the file (and the field, or the JSON parse error offset).
StudyResults load_study_results(const std::filesystem::path& path);

// Every <directory>/*/results.json, sorted by study directory name.
// Throws repro::InputError when `directory` is not a directory or holds no results.
std::vector<StudyResults> load_results_directory(const std::filesystem::path& directory);

// `path` is a results.json file, a study directory holding results.json, or an output directory
// holding <study>/results.json files. Throws repro::InputError when none of these.
std::vector<StudyResults> load_results_from(const std::filesystem::path& path);

}  // namespace repro
