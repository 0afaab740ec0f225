// The one decision model of every claim that compares a quantity (TOST-style):
//   reproduced      our interval lies inside the claim's region of agreement,
//   not reproduced  our interval lies entirely outside it,
//   inconclusive    otherwise (the data cannot tell; the detectable effect says how far off).
// A p >= 0.05 alone never makes a claim reproduced: only an interval inside the region does.
#pragma once

#include <string>
#include <vector>

#include "common/claim.h"
#include "common/comparison.h"

namespace repro {

// Places comparison.tested_estimate.interval against comparison.region and writes the rule
// and the reason in words. `rule_id` names the verdict rule (ClaimSpec::rule).
Decision decide_comparison(const std::string& rule_id, Comparison comparison, const Margin& margin,
                           const DetectableEffect& detectable);

// Our estimate against published ± margin.value, decided, with the detectable effect taken as
// 2.80 x the standard error behind our (normal, 95%) interval; `basis` says what that interval is.
Decision decide_agreement(const std::string& rule_id, std::string quantity, std::string unit, double published,
                          Estimate ours, const Margin& margin);

// Our estimate against published ± margin.value.
Comparison agreement_with(std::string quantity, std::string unit, double published, Estimate ours,
                          const Margin& margin);
// ours − published, both uncertain (e.g. the paper's k of 32 images): `difference` against
// ±margin.value.
Comparison difference_from_published(std::string quantity, std::string unit, Estimate published,
                                     Estimate ours, Estimate difference, const Margin& margin);
// An internal-consistency audit of printed numbers: the printed value `published` (a point)
// against the range its printed inputs allow (`recomputed`: the value recomputed from the inputs,
// with the interval their rounding — half a unit of each last printed digit — propagates to).
// A point cannot straddle: such a rule is reproduced or not reproduced, never inconclusive.
Comparison published_within(std::string quantity, std::string unit, double published, Estimate recomputed);
// An internal-consistency audit (published_within): the printed value `printed` against the
// range of our recomputations `variants` (one per reading the paper leaves open, e.g. the
// rounding of a schedule or the unit of a size), widened on each side by `half_unit`, half a unit
// of the printed last digit (the printed value stands for anything within it). Exact: reproduced
// or not reproduced. measured: the variants.
// REQUIRES: variants non-empty, all finite; half_unit >= 0 (else InputError).
Decision printed_value_audit(const std::string& rule_id, const std::string& quantity,
                             const std::string& unit, double printed, double half_unit,
                             const std::string& half_unit_words, const std::vector<double>& variants,
                             const std::string& variants_words);
// An internal-consistency audit that counts: the parts of a statement that differ from what it
// restates (each described in `mismatches`), an exact count tested against 0 (published_within),
// so reproduced exactly when nothing differs; never inconclusive. measured: the mismatches.
Decision decide_no_mismatch(const std::string& rule_id, std::string quantity, std::string unit,
                            const std::vector<std::string>& mismatches);
// "A and B differ" (the negation of equivalence): reproduced when `difference`'s interval lies
// entirely outside ±margin, not reproduced when it lies inside (no difference), inconclusive
// otherwise.
Decision decide_differs(const std::string& rule_id, const std::string& quantity, const std::string& unit,
                        const Estimate& difference, const Margin& margin, const DetectableEffect& detectable);
// "A is better than B" for the difference A − B: the region [threshold, +inf).
Comparison direction_of(std::string quantity, std::string unit, Estimate difference,
                        double threshold = 0.0);
// "A and B do not differ": the difference against ±margin.value.
Comparison equivalence_of(std::string quantity, std::string unit, Estimate difference,
                          const Margin& margin);
// "A is not worse than B": the difference against [−margin.value, +inf).
Comparison non_inferiority_of(std::string quantity, std::string unit, Estimate difference,
                              const Margin& margin);

}  // namespace repro
