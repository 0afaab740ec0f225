#include "common/comparison.h"

namespace repro {

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

EstimateValue estimate_record(const Estimate& estimate) {
  return {estimate.value, estimate.interval.lower, estimate.interval.upper, estimate.method};
}

StatedQuantity margin_record(const Margin& margin) { return {margin.value, margin.unit, margin.derivation}; }

StatedQuantity detectable_record(const DetectableEffect& effect) { return {effect.value, effect.unit, effect.basis}; }

ClaimComparison comparison_record(const Comparison& comparison) {
  ClaimComparison record;
  record.kind = to_string(comparison.kind);
  record.quantity = comparison.quantity;
  record.unit = comparison.unit;
  record.published = comparison.published;
  if (comparison.published_estimate) record.published_estimate = estimate_record(*comparison.published_estimate);
  if (comparison.ours) record.ours = estimate_record(*comparison.ours);
  record.tested = comparison.tested;
  record.tested_estimate = estimate_record(comparison.tested_estimate);
  record.region_lower = comparison.region.lower;
  record.region_upper = comparison.region.upper;
  record.has_region = true;
  return record;
}

}  // namespace repro
