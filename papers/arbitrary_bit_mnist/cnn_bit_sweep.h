// The CNN at each bit size: accuracy against iterations (epochs), truncation against stochastic
// rounding, and the claims on the 12-bit inflection, convergence at float32, and stochastic
// rounding's speed-up.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <map>
#include <vector>

#include "papers/arbitrary_bit_mnist/bit_run_unit.h"
#include "papers/arbitrary_bit_mnist/bit_training.h"
#include "papers/arbitrary_bit_mnist/mnist_tensors.h"
#include "papers/arbitrary_bit_mnist/tier_plan.h"
#include "papers/arbitrary_bit_mnist/verdict_rules.h"

namespace repro {
class StudyContext;
}

namespace repro::arbitrary_bit_mnist {

struct CnnSweep {
  std::map<int, std::vector<RunResult>> truncation;              // [bits][seed]
  std::map<int, std::vector<RunResult>> stochastic;              // [bits][seed]
  std::map<int, std::vector<RunResult>> truncated_activations;   // [bits][seed], 32 shared
  double duration_seconds = 0.0;
};

// Each run is a run unit of experiment "cnn" when `units` has a store (bit_run_unit.h).
CnnSweep run_cnn_sweep(const CnnPlan& plan, const MnistTensors& data, std::uint64_t seed,
                       std::ostream& log, const BitRunUnits& units = {});

// Final accuracies [bits][seed] of a set of runs.
AccuracyBySeed final_accuracies(const std::map<int, std::vector<RunResult>>& runs);

// Adds accuracy-against-bits and accuracy-against-epochs plots and a table.
void report_cnn_sweep(StudyContext& context, const CnnPlan& plan, const CnnSweep& sweep);

// Decide, when scheduled (claim_ids.h): kCnnInflection12Bits, kCnnInflection12BitsActivations,
// kCnnConvergesOver95, kStochasticRoundingFaster, kStochasticRoundingConvergesMore.
void decide_cnn_claims(StudyContext& context, const CnnPlan& plan, const CnnSweep& sweep);

}  // namespace repro::arbitrary_bit_mnist
