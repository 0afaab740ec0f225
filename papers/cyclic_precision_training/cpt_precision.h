// The precision state one CPT training run shares between its quantized convolutions: the
// current forward bit width (weights and activations), the fixed gradient (error) bit width,
// the iteration (for stochastic-rounding keys) and the running-statistics momentum.
#pragma once

#include <cstdint>
#include <memory>

#include "common/quantization/numerics_telemetry.h"

namespace repro::cyclic_precision_training {

struct CptPrecision {
  // Bits of weights and convolution inputs; 0 means full precision (no quantization).
  int forward_bits = 8;
  // Bits of the errors (gradients with respect to convolution outputs); 0 means full precision.
  int gradient_bits = 8;
  // Iteration of the run, keying stochastic rounding (set by the trainer each iteration).
  std::int64_t iteration = 0;
  // Seed of the run's stochastic rounding.
  std::uint64_t seed = 0;
  // running = momentum · running + (1 − momentum) · batch, for activation ranges in evaluation.
  double running_momentum = 0.9;
  // Layers register in construction order; the index keys their random streams.
  std::int64_t layer_count = 0;
  // Numerical-health telemetry of the run (null: not counted): the convolutions count their
  // inputs (role activations), weights (weights) and errors (errors) into it.
  std::shared_ptr<quantization::NumericsTelemetry> telemetry;
};

}  // namespace repro::cyclic_precision_training
