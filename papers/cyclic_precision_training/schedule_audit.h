// The schedule check (a mechanics check, not a claim): CPT's cosine formula with per-iteration half-to-even rounding, checked
// exactly against an independent evaluation of the printed formula, plus the schedule plot and
// the sensitivity of the Table 2 savings to the rounding choice.
#pragma once

namespace repro {
class StudyContext;
}

namespace repro::cyclic_precision_training {

// Records the check `schedule_formula_exact` when scheduled; always adds the schedule plot and the
// rounding-sensitivity table.
void decide_schedule_formula(StudyContext& context);

}  // namespace repro::cyclic_precision_training
