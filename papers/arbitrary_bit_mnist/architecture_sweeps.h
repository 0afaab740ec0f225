// The slides' architecture sweeps (full tier): dense layers, dense units, batch size, initial
// weights and convolutional layers, each against bit size, with their claims.
#pragma once

#include <cstdint>
#include <iosfwd>

#include "papers/arbitrary_bit_mnist/bit_run_unit.h"
#include "papers/arbitrary_bit_mnist/mnist_tensors.h"
#include "papers/arbitrary_bit_mnist/tier_plan.h"

namespace repro {
class StudyContext;
}

namespace repro::arbitrary_bit_mnist {

// Runs the sweeps whose claims are scheduled, adds their tables and plots, and decides
// (claim_ids.h) kDenseLayersSlowConvergence, kDenseUnitsHelpAt16Bits, kBatchSizeSpeedNotAccuracy,
// kInitialWeightsMatter, kInitialWeightsPositiveAbout80, kConvLayersConvergence.
// Each run is a run unit of experiment "architecture" when `units` has a store (bit_run_unit.h).
void run_architecture_sweeps(StudyContext& context, const CnnPlan& cnn,
                             const ArchitecturePlan& plan, const MnistTensors& data,
                             std::ostream& log, const BitRunUnits& units = {});

}  // namespace repro::arbitrary_bit_mnist
