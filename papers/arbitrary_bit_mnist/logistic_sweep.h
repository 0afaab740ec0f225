// Logistic regression y = Wx + b at each bit size: test accuracy after 1,000 iterations, several
// trials per bit size (the slides: 30), and the claim on the curve's shape.
#pragma once

#include <cstdint>
#include <iosfwd>

#include "papers/arbitrary_bit_mnist/bit_run_unit.h"
#include "papers/arbitrary_bit_mnist/mnist_tensors.h"
#include "papers/arbitrary_bit_mnist/tier_plan.h"
#include "papers/arbitrary_bit_mnist/verdict_rules.h"

namespace repro {
class StudyContext;
}

namespace repro::arbitrary_bit_mnist {

struct LogisticSweep {
  AccuracyBySeed accuracy;  // [bits][trial]
  double duration_seconds = 0.0;
};

// Each trial is a run unit of experiment "logistic" when `units` has a store (bit_run_unit.h).
LogisticSweep run_logistic_sweep(const LogisticPlan& plan, const MnistTensors& data,
                                 std::uint64_t seed, std::ostream& log, const BitRunUnits& units = {});

// Adds the accuracy-against-bits plot and table.
void report_logistic_sweep(StudyContext& context, const LogisticSweep& sweep);

// Decides claim kLogisticAccuracyAgainstBits (claim_ids.h) when scheduled (rule kLogisticRule,
// through logistic_budget(plan)).
void decide_logistic_curve(StudyContext& context, const LogisticPlan& plan, const LogisticSweep& sweep);

}  // namespace repro::arbitrary_bit_mnist
