// The one writer of results.json (schema 2): every field of StudyResults, in the form
// parse_study_results reads back to the same value.
#include <cmath>

#include "common/study_results.h"

namespace repro {
namespace {

using nlohmann::json;

json number_or_null(double value) { return std::isfinite(value) ? json(value) : json(nullptr); }

json numbers_or_null(const std::vector<double>& values) {
  json array = json::array();
  for (double value : values) array.push_back(number_or_null(value));
  return array;
}

json to_json(const PlotSeries& series);
json to_json(const TimingSamples& timing);

template <typename Part>
json array_of(const std::vector<Part>& parts) {
  json array = json::array();
  for (const Part& part : parts) array.push_back(to_json(part));
  return array;
}

json optional_or_null(const std::optional<EstimateValue>& estimate);

json to_json(const EstimateValue& estimate) {
  return {{"value", number_or_null(estimate.value)},
          {"lower", number_or_null(estimate.lower)},
          {"upper", number_or_null(estimate.upper)},
          {"method", estimate.method}};
}

json optional_or_null(const std::optional<EstimateValue>& estimate) {
  return estimate ? to_json(*estimate) : json(nullptr);
}

json to_json(const ClaimComparison& comparison) {
  json object = {
      {"kind", comparison.kind},
      {"quantity", comparison.quantity},
      {"unit", comparison.unit},
      {"published", comparison.published ? number_or_null(*comparison.published) : json(nullptr)},
      {"published_estimate", optional_or_null(comparison.published_estimate)},
      {"ours", optional_or_null(comparison.ours)},
      {"tested", comparison.tested},
  };
  if (comparison.tested_estimate) object["tested_estimate"] = to_json(*comparison.tested_estimate);
  if (comparison.has_region) {
    object["region"] = {{"lower", number_or_null(comparison.region_lower)},
                        {"upper", number_or_null(comparison.region_upper)}};
  }
  return object;
}

json to_json(const std::optional<StatedQuantity>& quantity, const char* reason_key) {
  if (!quantity) return nullptr;
  return {{"value", number_or_null(quantity->value)}, {"unit", quantity->unit}, {reason_key, quantity->reason}};
}

json to_json(const PublishedValue& value) {
  if (!value.entry.is_null()) return value.entry;
  json entry = {{"value", value.value}};
  if (!value.unit.empty()) entry["unit"] = value.unit;
  if (!value.provenance.empty()) entry["provenance"] = value.provenance;
  return entry;
}

json to_json(const PlotSeries& series) {
  json x = json::array();
  for (const json& value : series.x) x.push_back(value.is_number() ? number_or_null(value.get<double>()) : value);
  json object = {{"name", series.name}, {"x", x}, {"y", numbers_or_null(series.y)}, {"published", series.published}};
  if (series.has_error_bars()) {
    object["y_lower"] = numbers_or_null(series.y_lower);
    object["y_upper"] = numbers_or_null(series.y_upper);
  }
  return object;
}

json to_json(const ReferenceLine& line) {
  return {{std::string(1, line.axis), number_or_null(line.value)}, {"label", line.label}};
}

json to_json(const TimingSamples& timing) {
  return {{"id", timing.id}, {"unit", timing.unit}, {"samples", numbers_or_null(timing.samples)}};
}

json to_json(const StudyOutcome& outcome) {
  json skipped = json::array();
  for (const SkippedRequirement& missing : outcome.skipped_for_requirements) {
    skipped.push_back({{"id", missing.id}, {"reason", missing.reason}});
  }
  return {{"exit_code", outcome.exit_code},
          {"mismatched_claims", outcome.mismatched_claims},
          {"failed_checks", outcome.failed_checks},
          {"skipped_for_requirements", skipped},
          {"allow_skipped", outcome.allow_skipped},
          {"decided_claims", outcome.decided_claims},
          {"failure", outcome.failure}};
}

}  // namespace

json to_json(const ClaimResult& claim) {
  json published = json::object();
  for (const PublishedValue& value : claim.published) published[value.name] = to_json(value);
  json object = {
      {"id", claim.id},
      {"text", claim.text},
      {"published", published},
      {"measured", claim.measured},
      {"rule", claim.rule},
      {"rule_id", claim.rule_id},
      {"comparison", claim.comparison ? to_json(*claim.comparison) : json(nullptr)},
      {"margin", to_json(claim.margin, "derivation")},
      {"minimum_detectable_effect", to_json(claim.detectable_effect, "basis")},
      {"verdict", claim.verdict},
      {"expected_verdict", claim.expected_verdict},
      {"accepted_verdicts", claim.accepted_verdicts},
      {"expected_basis", claim.expected_basis},
      {"expected_detail", claim.expected_detail},
      {"reason", claim.reason},
      {"decided_at_tiers", claim.decided_at_tiers},
  };
  if (claim.recorded_match) object["matches_expected"] = *claim.recorded_match;
  return object;
}

json to_json(const CheckResult& check) {
  return {{"id", check.id},
          {"text", check.text},
          {"status", check.status},
          {"measured", check.measured},
          {"rule", check.rule},
          {"reason", check.reason},
          {"decided_at_tiers", check.decided_at_tiers}};
}

json to_json(const PlotSpec& plot) {
  json reference_lines = json::array();
  for (const ReferenceLine& line : plot.reference_lines) reference_lines.push_back(to_json(line));
  return {{"id", plot.id},
          {"title", plot.title},
          {"x_label", plot.x_label},
          {"y_label", plot.y_label},
          {"kind", plot.kind},
          {"log_x", plot.log_x},
          {"log_y", plot.log_y},
          {"x_tick_labels", plot.x_tick_labels},
          {"series", array_of(plot.series)},
          {"reference_lines", reference_lines},
          {"caption", plot.caption}};
}

json to_json(const ResultTable& table) {
  json rows = json::array();
  for (const std::vector<json>& row : table.rows) rows.push_back(row);
  return {{"id", table.id}, {"title", table.title}, {"columns", table.columns}, {"rows", rows}};
}

json to_json(const StudyResults& results) {
  json document = {
      {"study", results.study},
      {"title", results.title},
      {"paper", results.paper},
      {"tier", results.tier},
      {"device", results.device},
      {"seed", results.seed ? json(*results.seed) : json(nullptr)},
      {"started_at", results.started_at},
      {"wall_seconds", results.wall_seconds ? number_or_null(*results.wall_seconds) : json(nullptr)},
      {"manifest", results.manifest},
      {"claims", array_of(results.claims)},
      {"checks", array_of(results.checks)},
      {"plots", array_of(results.plots)},
      {"tables", array_of(results.tables)},
      {"timings", array_of(results.timings)},
      {"numerics", results.numerics},
      {"outcome", results.outcome ? to_json(*results.outcome) : json(nullptr)},
  };
  if (results.schema_version) document["schema_version"] = *results.schema_version;
  return document;
}

}  // namespace repro
