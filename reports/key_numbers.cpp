#include "reports/key_numbers.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "reports/claim_formatting.h"

namespace repro::reports {
namespace {

bool is_scalar(const nlohmann::json& value) { return value.is_primitive() && !value.is_null(); }

std::string scalar_text(const nlohmann::json& value) {
  if (value.is_number()) return readable_number(value.get<double>());
  if (value.is_boolean()) return value.get<bool>() ? "yes" : "no";
  if (value.is_string()) return value.get<std::string>();
  return "";
}

std::string joined(const std::vector<std::string>& parts, const char* separator) {
  std::string text;
  for (const std::string& part : parts) {
    if (part.empty()) continue;
    text += (text.empty() ? "" : separator) + part;
  }
  return text;
}

std::string margin_text(const ClaimResult& claim) {
  if (!claim.margin || std::isnan(claim.margin->value)) return "";
  return with_unit(readable_number(claim.margin->value), claim.margin->unit);
}

// What is placed against the region, in words: "our 95% interval", "the 95% interval of
// CPT − static", "the published value" (a point).
std::string tested_subject(const ClaimComparison& comparison) {
  const bool ours = comparison.tested.empty() || comparison.tested == "ours";
  const bool interval = !comparison.tested_estimate || comparison.tested_estimate->has_interval();
  if (ours) return "our 95% interval";
  return interval ? "the 95% interval of " + comparison.tested : comparison.tested;
}

// The rule: its kind and margin, then what must lie where, then the margin's derivation.
std::string rule_words(const ClaimResult& claim, const ClaimComparison& comparison) {
  const std::string margin = margin_text(claim);
  std::string kind;
  if (comparison.kind == "agreement" || comparison.kind == "difference_agreement") {
    kind = comparison.kind == "agreement" ? "agreement" : "agreement of the difference";
    if (!margin.empty()) kind += " within ±" + margin;
  } else if (comparison.kind == "equivalence") {
    kind = "equivalence" + (margin.empty() ? "" : " within ±" + margin);
  } else if (comparison.kind == "non_inferiority") {
    kind = "non-inferiority" + (margin.empty() ? "" : " (margin " + margin + ")");
  } else if (comparison.kind == "direction") {
    kind = "direction";
  } else {
    return comparison.kind.empty() ? claim.rule : comparison.kind + ": " + claim.rule;
  }
  std::string words = kind;
  if (comparison.has_region) words += ": " + tested_subject(comparison) + " must lie in " + region_text(comparison);
  if (claim.margin && !claim.margin->reason.empty()) words += " (margin: " + claim.margin->reason + ")";
  return words;
}

std::string published_fallback(const ClaimResult& claim) {
  std::vector<std::string> parts;
  for (const PublishedValue& value : claim.published) {
    const std::string text = with_unit(plain_value_text(value.value), value.unit);
    parts.push_back(claim.published.size() > 1 ? value.name + " = " + text : text);
  }
  return parts.empty() ? "—" : joined(parts, "; ");
}

std::string sources(const ClaimResult& claim) {
  std::vector<std::string> distinct;
  for (const PublishedValue& value : claim.published) {
    if (!value.provenance.empty() &&
        std::find(distinct.begin(), distinct.end(), value.provenance) == distinct.end()) {
      distinct.push_back(value.provenance);
    }
  }
  return joined(distinct, "; ");
}

}  // namespace

std::string readable_number(double value) {
  if (std::isnan(value)) return "—";
  if (std::isinf(value)) return value > 0 ? "∞" : "−∞";
  if (value == std::round(value) && std::fabs(value) < 1e9) return fmt::format("{:.0f}", value);
  return fmt::format("{:.4g}", value);
}

std::string with_unit(const std::string& number, const std::string& unit) {
  if (unit.empty() || number.empty() || number == "—") return number;
  return number + " " + unit;
}

std::string estimate_text(const EstimateValue& estimate, const std::string& unit) {
  std::string text = with_unit(readable_number(estimate.value), unit);
  if (estimate.has_interval()) {
    text += fmt::format(" [{}, {}]", readable_number(estimate.lower), readable_number(estimate.upper));
  }
  return text;
}

std::string plain_value_text(const nlohmann::json& value) {
  if (value.is_null()) return "—";
  if (is_scalar(value)) return scalar_text(value);
  if (value.is_array()) {
    bool all_scalar = value.size() <= 6;
    for (const auto& item : value) all_scalar = all_scalar && is_scalar(item);
    if (!all_scalar) return fmt::format("{} values", value.size());
    std::vector<std::string> parts;
    for (const auto& item : value) parts.push_back(scalar_text(item));
    return joined(parts, ", ");
  }
  // Members, and the scalar members of nested objects as "outer.inner", at most four.
  std::vector<std::string> parts;
  std::size_t left_out = 0;
  const auto add = [&](const std::string& key, const nlohmann::json& item) {
    const bool short_array = item.is_array() && item.size() <= 4;
    if (parts.size() < 4 && (is_scalar(item) || short_array)) {
      parts.push_back(key + ": " + plain_value_text(item));
    } else {
      ++left_out;
    }
  };
  for (const auto& [key, item] : value.items()) {
    if (!item.is_object()) {
      add(key, item);
      continue;
    }
    for (const auto& [inner_key, inner] : item.items()) add(key + "." + inner_key, inner);
  }
  if (left_out > 0) parts.push_back(fmt::format("{} more in the raw values", left_out));
  return parts.empty() ? "—" : joined(parts, "; ");
}

std::string region_text(const ClaimComparison& comparison) {
  const bool lower = std::isfinite(comparison.region_lower), upper = std::isfinite(comparison.region_upper);
  const std::string unit = comparison.unit.empty() ? "" : " " + comparison.unit;
  if (lower && upper) {
    return fmt::format("[{}, {}]{}", readable_number(comparison.region_lower),
                       readable_number(comparison.region_upper), unit);
  }
  if (lower) return "at least " + readable_number(comparison.region_lower) + unit;
  if (upper) return "at most " + readable_number(comparison.region_upper) + unit;
  return "any value";
}

KeyNumbers key_numbers(const ClaimResult& claim) {
  KeyNumbers numbers;
  numbers.source = sources(claim);
  if (!claim.comparison) {
    // The first published value's key, in words ("table3_vgg_mcnemar_p" -> "table3 vgg mcnemar p").
    numbers.quantity = claim.published.empty() ? claim.id : claim.published.front().name;
    std::replace(numbers.quantity.begin(), numbers.quantity.end(), '_', ' ');
    numbers.published = published_fallback(claim);
    numbers.ours = plain_value_text(claim.measured);
    numbers.rule = claim.rule.empty() ? "—" : claim.rule;
  } else {
    const ClaimComparison& comparison = *claim.comparison;
    numbers.quantity = comparison.quantity.empty() ? claim.id : comparison.quantity;
    if (comparison.published_estimate) {
      numbers.published = estimate_text(*comparison.published_estimate, comparison.unit);
    } else if (comparison.published) {
      numbers.published = estimate_text(EstimateValue{*comparison.published, kNotANumber, kNotANumber, ""}, comparison.unit);
    } else {
      numbers.published = published_fallback(claim);
    }
    std::vector<std::string> ours;
    if (comparison.ours) ours.push_back(estimate_text(*comparison.ours, comparison.unit));
    const bool tested_is_new = comparison.tested_estimate && !comparison.tested.empty() &&
                               comparison.tested != "ours" &&
                               !(comparison.ours && comparison.tested_estimate->value == comparison.ours->value) &&
                               !(comparison.published && comparison.tested_estimate->value == *comparison.published);
    if (tested_is_new) {
      ours.push_back(comparison.tested + " = " + estimate_text(*comparison.tested_estimate, comparison.unit));
    }
    numbers.ours = ours.empty() ? plain_value_text(claim.measured) : joined(ours, "; ");
    numbers.rule = rule_words(claim, comparison);
  }
  // An exact computation detects any difference: a zero is no information for the reader.
  if (claim.detectable_effect && !std::isnan(claim.detectable_effect->value) && claim.detectable_effect->value > 0) {
    numbers.detectable = "smallest detectable difference " +
                         with_unit(readable_number(claim.detectable_effect->value), claim.detectable_effect->unit) +
                         (claim.detectable_effect->reason.empty() ? "" : " (" + claim.detectable_effect->reason + ")");
  }
  return numbers;
}

KeyNumbers headline_numbers(const ClaimResult& claim) {
  KeyNumbers numbers = key_numbers(claim);
  if (claim.comparison) return numbers;
  // Without a comparison the measured values need not pair with the first published one; the
  // decision's reason states ours in words.
  if (!claim.published.empty()) {
    numbers.published = with_unit(plain_value_text(claim.published.front().value), claim.published.front().unit);
  }
  if (!claim.reason.empty()) {
    std::size_t cut = claim.reason.size() <= 120 ? claim.reason.size() : 117;
    while (cut > 0 && cut < claim.reason.size() && (claim.reason[cut] & 0xC0) == 0x80) --cut;  // UTF-8 boundary
    numbers.ours = claim.reason.substr(0, cut) + (cut < claim.reason.size() ? "..." : "");
  }
  return numbers;
}

std::vector<const ClaimResult*> headline_claims(const StudyResults& study, std::size_t count) {
  std::vector<const ClaimResult*> chosen;
  for (const ClaimResult& claim : study.claims) {
    if (chosen.size() < count && claim.comparison && claim.comparison->published && claim.comparison->ours) {
      chosen.push_back(&claim);
    }
  }
  if (!chosen.empty()) return chosen;
  for (const ClaimResult& claim : study.claims) {
    if (chosen.size() < count && claim.verdict != "skipped" && !claim.published.empty() &&
        claim.published.front().value.is_number()) {
      chosen.push_back(&claim);
    }
  }
  return chosen;
}

std::string expected_text(const ClaimResult& claim) {
  std::vector<std::string> verdicts = claim.accepted_verdicts;
  if (verdicts.empty() && !claim.expected_verdict.empty()) verdicts.push_back(claim.expected_verdict);
  if (verdicts.empty()) return "";
  for (std::string& verdict : verdicts) verdict = verdict_label(verdict);
  std::string text = "expected " + joined(verdicts, " or ");
  if (!claim.expected_basis.empty()) text += " (" + claim.expected_basis + ")";
  return text;
}

}  // namespace repro::reports
