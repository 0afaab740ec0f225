// Parsing of results.json "claims" (with the schema-2 comparison, margin and expectation fields)
// and "checks".
#include <algorithm>
#include <cmath>

#include "common/json_field_reader.h"
#include "common/study_results.h"

namespace repro {
namespace {

using nlohmann::json;

std::string checked_verdict(const FieldReader& reader, const std::string& verdict, const std::string& field,
                            bool expected) {
  if (expected ? !is_known_expected_verdict(verdict) : !is_known_verdict(verdict)) {
    reader.fail(field, "has unknown verdict '" + verdict + "' (expected reproduced, not_reproduced, inconclusive" +
                           (expected ? ", skipped or unstable)" : " or skipped)"));
  }
  return verdict;
}

std::vector<PublishedValue> parse_published(const FieldReader& reader, const json& claim, const std::string& field) {
  std::vector<PublishedValue> values;
  const json published = reader.optional_object(claim, field, "published");
  if (published.is_null()) return values;
  for (const auto& [name, entry] : published.items()) {
    values.push_back(PublishedValue::from_entry(name, entry, reader.source_name(), field + ".published." + name));
  }
  return values;
}

// {"value", "lower", "upper", "method"}; a bare number is a value without an interval.
std::optional<EstimateValue> parse_estimate(const FieldReader& reader, const json& object, const std::string& parent,
                                            const std::string& key) {
  const auto found = object.find(key);
  if (found == object.end() || found->is_null()) return std::nullopt;
  const std::string field = FieldReader::join(parent, key);
  EstimateValue estimate;
  if (found->is_number()) {
    estimate.value = found->get<double>();
    return estimate;
  }
  reader.require_object(*found, field);
  estimate.value = reader.optional_number(*found, field, "value");
  estimate.lower = reader.optional_number(*found, field, "lower");
  estimate.upper = reader.optional_number(*found, field, "upper");
  estimate.method = reader.optional_string(*found, field, "method");
  return estimate;
}

// An interval given apart from its value ("ours_interval", "published_interval" of the plan's
// wording of schema 2) joins the estimate.
void merge_interval(const FieldReader& reader, const json& object, const std::string& parent, const std::string& key,
                    std::optional<EstimateValue>& estimate) {
  const std::optional<EstimateValue> interval = parse_estimate(reader, object, parent, key);
  if (!interval || !estimate) return;
  estimate->lower = interval->lower;
  estimate->upper = interval->upper;
  if (!interval->method.empty()) estimate->method = interval->method;
}

std::optional<ClaimComparison> parse_comparison(const FieldReader& reader, const json& claim, const std::string& parent) {
  const json object = reader.optional_object(claim, parent, "comparison");
  if (object.is_null()) return std::nullopt;
  const std::string field = parent + ".comparison";
  ClaimComparison comparison;
  comparison.kind = reader.optional_string(object, field, "kind");
  comparison.quantity = reader.optional_string(object, field, "quantity");
  comparison.unit = reader.optional_string(object, field, "unit");
  if (const double published = reader.optional_number(object, field, "published"); !std::isnan(published)) {
    comparison.published = published;
  }
  comparison.published_estimate = parse_estimate(reader, object, field, "published_estimate");
  if (!comparison.published_estimate && comparison.published && object.contains("published_interval")) {
    comparison.published_estimate = EstimateValue{*comparison.published, kNotANumber, kNotANumber, ""};
  }
  merge_interval(reader, object, field, "published_interval", comparison.published_estimate);
  comparison.ours = parse_estimate(reader, object, field, "ours");
  merge_interval(reader, object, field, "ours_interval", comparison.ours);
  comparison.tested = reader.optional_string(object, field, "tested");
  comparison.tested_estimate = parse_estimate(reader, object, field, "tested_estimate");
  const json region = reader.optional_object(object, field, "region");
  if (!region.is_null()) {
    comparison.has_region = true;
    const double lower = reader.optional_number(region, field + ".region", "lower");
    const double upper = reader.optional_number(region, field + ".region", "upper");
    if (!std::isnan(lower)) comparison.region_lower = lower;
    if (!std::isnan(upper)) comparison.region_upper = upper;
  }
  return comparison;
}

std::optional<StatedQuantity> parse_stated(const FieldReader& reader, const json& claim, const std::string& parent,
                                           const std::string& key, const char* reason_key) {
  const json object = reader.optional_object(claim, parent, key);
  if (object.is_null()) return std::nullopt;
  const std::string field = FieldReader::join(parent, key);
  return StatedQuantity{reader.optional_number(object, field, "value"), reader.optional_string(object, field, "unit"),
                        reader.optional_string(object, field, reason_key)};
}

}  // namespace

PublishedValue PublishedValue::from_entry(std::string name, json entry, const std::string& source_name,
                                          const std::string& field) {
  const FieldReader reader(source_name);
  PublishedValue value;
  value.name = std::move(name);
  if (entry.is_object()) {
    value.unit = reader.optional_string(entry, field, "unit");
    value.provenance = reader.optional_string(entry, field, "provenance");
    if (entry.contains("value")) {
      value.value = entry.at("value");
    } else {  // no single value: keep the other members ({"statistic": 19, "p": 0.371})
      value.value = entry;
      for (const char* described : {"unit", "provenance", "note"}) value.value.erase(described);
    }
  } else {
    value.value = entry;  // a bare number: tolerated, without unit or provenance
  }
  value.entry = std::move(entry);
  return value;
}

bool ClaimResult::matches_expected() const {
  if (recorded_match) return *recorded_match;
  if (!accepted_verdicts.empty()) {
    return std::find(accepted_verdicts.begin(), accepted_verdicts.end(), verdict) != accepted_verdicts.end();
  }
  return expected_verdict.empty() || verdict == expected_verdict;
}

ClaimResult parse_claim(const FieldReader& reader, const json& claim, const std::string& field) {
  reader.require_object(claim, field);
  ClaimResult result;
  result.id = reader.required_string(claim, field, "id");
  result.text = reader.optional_string(claim, field, "text");
  result.verdict =
      checked_verdict(reader, reader.required_string(claim, field, "verdict"), field + ".verdict", false);
  const std::string expected = reader.optional_string(claim, field, "expected_verdict");
  if (!expected.empty()) result.expected_verdict = checked_verdict(reader, expected, field + ".expected_verdict", true);
  result.accepted_verdicts = reader.optional_strings(claim, field, "accepted_verdicts");
  for (std::size_t i = 0; i < result.accepted_verdicts.size(); ++i) {
    checked_verdict(reader, result.accepted_verdicts[i], FieldReader::index(field + ".accepted_verdicts", i), false);
  }
  result.expected_basis = reader.optional_string(claim, field, "expected_basis");
  result.expected_detail = reader.optional_string(claim, field, "expected_detail");
  if (claim.contains("matches_expected") && !claim.at("matches_expected").is_null()) {
    result.recorded_match = reader.optional_bool(claim, field, "matches_expected");
  }
  result.rule = reader.optional_string(claim, field, "rule");
  result.rule_id = reader.optional_string(claim, field, "rule_id");
  result.reason = reader.optional_string(claim, field, "reason");
  if (const auto measured = claim.find("measured"); measured != claim.end()) result.measured = *measured;
  result.published = parse_published(reader, claim, field);
  result.decided_at_tiers = reader.optional_strings(claim, field, "decided_at_tiers");
  result.comparison = parse_comparison(reader, claim, field);
  result.margin = parse_stated(reader, claim, field, "margin", "derivation");
  result.detectable_effect = parse_stated(reader, claim, field, "minimum_detectable_effect", "basis");
  return result;
}

CheckResult parse_check(const FieldReader& reader, const json& check, const std::string& field) {
  reader.require_object(check, field);
  CheckResult result;
  result.id = reader.required_string(check, field, "id");
  result.text = reader.optional_string(check, field, "text");
  result.status = reader.required_string(check, field, "status");
  if (result.status != "passed" && result.status != "failed" && result.status != "skipped") {
    reader.fail(field + ".status", "must be passed, failed or skipped, not '" + result.status + "'");
  }
  if (const auto measured = check.find("measured"); measured != check.end()) result.measured = *measured;
  result.rule = reader.optional_string(check, field, "rule");
  result.reason = reader.optional_string(check, field, "reason");
  result.decided_at_tiers = reader.optional_strings(check, field, "decided_at_tiers");
  return result;
}

}  // namespace repro
