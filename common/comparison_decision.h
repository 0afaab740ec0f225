// The one decision model of every claim that compares a quantity (TOST-style):
//   reproduced      our interval lies inside the claim's region of agreement,
//   not reproduced  our interval lies entirely outside it,
//   inconclusive    otherwise (the data cannot tell; the detectable effect says how far off).
// A p >= 0.05 alone never makes a claim reproduced: only an interval inside the region does.
#pragma once

#include <string>

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
