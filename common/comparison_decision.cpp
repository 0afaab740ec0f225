#include "common/comparison_decision.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "base/errors.h"
#include "stats/detectable_effect.h"

namespace repro {
namespace {

std::string interval_text(const Estimate& estimate, const std::string& unit) {
  if (estimate.interval.lower == estimate.interval.upper) {
    return fmt::format("{:.6g} {} ({})", estimate.value, unit, estimate.method);
  }
  return fmt::format("{:.6g} {} (95% [{:.6g}, {:.6g}], {})", estimate.value, unit,
                     estimate.interval.lower, estimate.interval.upper, estimate.method);
}

const char* placement_words(stats::Placement placement) {
  switch (placement) {
    case stats::Placement::inside: return "lies inside";
    case stats::Placement::outside: return "lies entirely outside";
    case stats::Placement::overlapping: return "straddles an end of";
  }
  return "?";
}

Verdict verdict_of(stats::Placement placement) {
  switch (placement) {
    case stats::Placement::inside: return Verdict::reproduced;
    case stats::Placement::outside: return Verdict::not_reproduced;
    case stats::Placement::overlapping: return Verdict::inconclusive;
  }
  return Verdict::inconclusive;
}

}  // namespace

Decision decide_comparison(const std::string& rule_id, Comparison comparison, const Margin& margin,
                           const DetectableEffect& detectable) {
  const stats::Placement placement = stats::place(comparison.tested_estimate.interval, comparison.region);
  const std::string region = stats::describe(comparison.region, 6);
  std::string rule = fmt::format(
      "{} ({}): reproduced when the interval of {} lies inside {} {}, not reproduced when it lies "
      "entirely outside, inconclusive otherwise; margin {:.6g} {}: {}",
      comparison.quantity, to_string(comparison.kind), comparison.tested, region, comparison.unit,
      margin.value, margin.unit, margin.derivation);
  std::string reason = fmt::format("{} = {} {} the region {} {}; detectable effect {:.3g} {}",
                                   comparison.tested, interval_text(comparison.tested_estimate, comparison.unit),
                                   placement_words(placement), region, comparison.unit,
                                   detectable.value, detectable.unit);
  if (comparison.published) reason += fmt::format("; published {:.6g} {}", *comparison.published, comparison.unit);
  Decision decision(verdict_of(placement));
  decision.rule_id(rule_id).rule(std::move(rule)).reason(std::move(reason)).margin(margin).detectable(detectable);
  decision.comparison(std::move(comparison));
  return decision;
}

Decision decide_agreement(const std::string& rule_id, std::string quantity, std::string unit, double published,
                          Estimate ours, const Margin& margin) {
  const double se = stats::standard_error_of_interval(ours.interval);
  DetectableEffect detectable{stats::minimum_detectable_effect(se), unit,
                              "2.80 x the standard error behind our 95% interval (" + ours.method + ")"};
  return decide_comparison(rule_id, agreement_with(std::move(quantity), unit, published, std::move(ours), margin),
                           margin, detectable);
}

Decision printed_value_audit(const std::string& rule_id, const std::string& quantity,
                             const std::string& unit, double printed, double half_unit,
                             const std::string& half_unit_words, const std::vector<double>& variants,
                             const std::string& variants_words) {
  if (variants.empty() || !(half_unit >= 0.0) ||
      std::any_of(variants.begin(), variants.end(), [](double v) { return !std::isfinite(v); })) {
    throw InputError("printed-value audit of " + quantity + ": needs finite recomputations and a half unit >= 0");
  }
  const auto [low, high] = std::minmax_element(variants.begin(), variants.end());
  const Estimate recomputed{variants.front(),
                            {*low - half_unit, *high + half_unit},
                            "recomputed (" + variants_words + "), widened by the printed half unit"};
  return decide_comparison(rule_id, published_within(quantity, unit, printed, recomputed),
                           {half_unit, unit, half_unit_words},
                           {0.0, unit, "exact computation"})
      .measured({{"recomputed_variants", variants}, {"variants", variants_words}});
}

Decision decide_no_mismatch(const std::string& rule_id, std::string quantity, std::string unit,
                            const std::vector<std::string>& mismatches) {
  std::string which;
  for (const std::string& mismatch : mismatches) which += (which.empty() ? "" : "; ") + mismatch;
  const Margin exact{0.0, unit, "a count: exact"};
  return decide_comparison(rule_id,
                           published_within(std::move(quantity), unit, 0.0,
                                            Estimate::exact(static_cast<double>(mismatches.size()),
                                                            which.empty() ? "nothing differs" : "counted: " + which)),
                           exact, {0.0, unit, "exact computation"})
      .measured({{"mismatches", mismatches}});
}

Comparison agreement_with(std::string quantity, std::string unit, double published, Estimate ours,
                          const Margin& margin) {
  Comparison comparison;
  comparison.kind = RuleKind::agreement;
  comparison.quantity = std::move(quantity);
  comparison.unit = std::move(unit);
  comparison.published = published;
  comparison.ours = ours;
  comparison.tested = "ours";
  comparison.tested_estimate = std::move(ours);
  comparison.region = stats::band_around(published, margin.value);
  return comparison;
}

Comparison difference_from_published(std::string quantity, std::string unit, Estimate published,
                                     Estimate ours, Estimate difference, const Margin& margin) {
  Comparison comparison;
  comparison.kind = RuleKind::difference_agreement;
  comparison.quantity = std::move(quantity);
  comparison.unit = std::move(unit);
  comparison.published = published.value;
  comparison.published_estimate = std::move(published);
  comparison.ours = std::move(ours);
  comparison.tested = "ours − published";
  comparison.tested_estimate = std::move(difference);
  comparison.region = stats::band_around(0.0, margin.value);
  return comparison;
}

Comparison published_within(std::string quantity, std::string unit, double published, Estimate recomputed) {
  Comparison comparison;
  comparison.kind = RuleKind::agreement;
  comparison.quantity = std::move(quantity);
  comparison.unit = std::move(unit);
  comparison.published = published;
  comparison.tested = "the published value";
  comparison.tested_estimate = Estimate::exact(published, "as printed");
  comparison.region = {recomputed.interval.lower, recomputed.interval.upper};
  comparison.ours = std::move(recomputed);
  return comparison;
}

namespace {

Comparison of_difference(RuleKind kind, std::string quantity, std::string unit, Estimate difference,
                         stats::Region region) {
  Comparison comparison;
  comparison.kind = kind;
  comparison.tested = quantity;
  comparison.quantity = std::move(quantity);
  comparison.unit = std::move(unit);
  comparison.tested_estimate = std::move(difference);
  comparison.region = region;
  return comparison;
}

}  // namespace

Comparison direction_of(std::string quantity, std::string unit, Estimate difference, double threshold) {
  return of_difference(RuleKind::direction, std::move(quantity), std::move(unit), std::move(difference),
                       stats::at_least(threshold));
}

Comparison equivalence_of(std::string quantity, std::string unit, Estimate difference,
                          const Margin& margin) {
  return of_difference(RuleKind::equivalence, std::move(quantity), std::move(unit), std::move(difference),
                       stats::band_around(0.0, margin.value));
}

Comparison non_inferiority_of(std::string quantity, std::string unit, Estimate difference,
                              const Margin& margin) {
  return of_difference(RuleKind::non_inferiority, std::move(quantity), std::move(unit),
                       std::move(difference), stats::at_least(-margin.value));
}

Decision decide_differs(const std::string& rule_id, const std::string& quantity, const std::string& unit,
                        const Estimate& difference, const Margin& margin, const DetectableEffect& detectable) {
  const Decision equivalent =
      decide_comparison(rule_id, equivalence_of(quantity, unit, difference, margin), margin, detectable);
  const Verdict verdict = equivalent.verdict() == Verdict::reproduced       ? Verdict::not_reproduced
                          : equivalent.verdict() == Verdict::not_reproduced ? Verdict::reproduced
                                                                            : Verdict::inconclusive;
  Decision decision(verdict);
  decision.rule_id(rule_id)
      .comparison(*equivalent.comparison())
      .margin(margin)
      .detectable(detectable)
      .rule(quantity + " (a difference): reproduced when its interval lies entirely outside ±" +
            fmt::format("{:g} {}", margin.value, unit) + ", not reproduced when it lies inside (no difference), "
            "inconclusive otherwise; margin: " + margin.derivation)
      .reason(equivalent.reason());
  return decision;
}

}  // namespace repro
