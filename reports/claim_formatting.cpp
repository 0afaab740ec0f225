#include "reports/claim_formatting.h"

#include <fmt/format.h>

namespace repro::reports {

std::string json_value_text(const nlohmann::json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  // For readers: ten significant digits (60.75, not 60.75000000000001); results.json keeps every digit.
  if (value.is_number_float()) return fmt::format("{:.10g}", value.get<double>());
  if (value.is_array()) {
    std::string text = "[";
    for (std::size_t i = 0; i < value.size(); ++i) {
      text += (i == 0 ? "" : ",") + (value[i].is_string() ? value[i].dump() : json_value_text(value[i]));
    }
    return text + "]";
  }
  if (value.is_object()) {
    std::string text = "{";
    for (const auto& [key, item] : value.items()) {
      text += (text.size() == 1 ? "" : ",") + nlohmann::json(key).dump() + ":" +
              (item.is_string() ? item.dump() : json_value_text(item));
    }
    return text + "}";
  }
  return value.dump();
}

std::string published_text(const ClaimResult& claim) {
  std::string text;
  for (const PublishedValue& published : claim.published) {
    if (!text.empty()) text += "; ";
    text += published.name + " = " + json_value_text(published.value);
    if (!published.unit.empty()) text += " " + published.unit;
    if (!published.provenance.empty()) text += " (" + published.provenance + ")";
  }
  return text;
}

std::string measured_text(const nlohmann::json& measured) {
  if (!measured.is_object()) return json_value_text(measured);
  std::string text;
  for (const auto& [key, value] : measured.items()) {
    if (!text.empty()) text += ", ";
    text += key + ": " + json_value_text(value);
  }
  return text;
}

std::string verdict_label(const std::string& verdict) {
  if (verdict.empty()) return "—";
  std::string label = verdict;
  for (char& character : label) {
    if (character == '_') character = ' ';
  }
  return label;
}

std::string matches_expected_text(const ClaimResult& claim) { return claim.matches_expected() ? "yes" : "no"; }

}  // namespace repro::reports
