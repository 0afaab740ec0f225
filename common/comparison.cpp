#include "common/comparison.h"

#include <cmath>

namespace repro {
namespace {

nlohmann::json number_or_null(double value) {
  return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr);
}

nlohmann::json to_json(const stats::Region& region) {
  return {{"lower", number_or_null(region.lower)}, {"upper", number_or_null(region.upper)}};
}

}  // namespace

Estimate Estimate::exact(double value, std::string method) {
  return {value, {value, value}, std::move(method)};
}

std::string to_string(RuleKind kind) {
  switch (kind) {
    case RuleKind::agreement: return "agreement";
    case RuleKind::difference_agreement: return "difference_agreement";
    case RuleKind::direction: return "direction";
    case RuleKind::equivalence: return "equivalence";
    case RuleKind::non_inferiority: return "non_inferiority";
  }
  return "unknown";
}

nlohmann::json to_json(const Estimate& estimate) {
  return {{"value", number_or_null(estimate.value)},
          {"lower", number_or_null(estimate.interval.lower)},
          {"upper", number_or_null(estimate.interval.upper)},
          {"method", estimate.method}};
}

nlohmann::json to_json(const Margin& margin) {
  return {{"value", margin.value}, {"unit", margin.unit}, {"derivation", margin.derivation}};
}

nlohmann::json to_json(const DetectableEffect& effect) {
  return {{"value", number_or_null(effect.value)}, {"unit", effect.unit}, {"basis", effect.basis}};
}

nlohmann::json to_json(const Comparison& comparison) {
  return {
      {"kind", to_string(comparison.kind)},
      {"quantity", comparison.quantity},
      {"unit", comparison.unit},
      {"published", comparison.published ? nlohmann::json(*comparison.published) : nlohmann::json(nullptr)},
      {"published_estimate",
       comparison.published_estimate ? to_json(*comparison.published_estimate) : nlohmann::json(nullptr)},
      {"ours", comparison.ours ? to_json(*comparison.ours) : nlohmann::json(nullptr)},
      {"tested", comparison.tested},
      {"tested_estimate", to_json(comparison.tested_estimate)},
      {"region", to_json(comparison.region)},
  };
}

}  // namespace repro
