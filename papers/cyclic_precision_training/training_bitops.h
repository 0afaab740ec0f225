// CPT's training cost model in absolute BitOPs: each multiply-accumulate of the forward pass
// is paid three times per image, as a b×b product (forward), a b×g product (error
// propagation) and a b×g product (weight gradient), b the forward and g the gradient bits.
// Full-precision layers pay 3 · 32 · 32 per MAC when counted.
#pragma once

#include <cstdint>

#include "papers/cyclic_precision_training/bit_schedule.h"

namespace repro::cyclic_precision_training {

struct TrainingCostInputs {
  std::int64_t quantized_macs_per_image = 0;
  std::int64_t full_precision_macs_per_image = 0;
  std::int64_t batch_size = 128;
  int gradient_bits = 8;
  bool count_full_precision_layers = true;
  BitRounding rounding = BitRounding::half_to_even;
};

// BitOPs of one multiply-accumulate over a training step: b·b (forward) + b·g (error
// propagation) + b·g (weight gradient). Full precision is b = g = 32.
double bitops_per_multiply_accumulate(double forward_bits, double gradient_bits);

// BitOPs of one image through one training step at forward precision `forward_bits`.
double bitops_per_image(const TrainingCostInputs& inputs, double forward_bits);

// Σ over the schedule's iterations of batch_size · bitops_per_image(B_t).
double training_bitops(const TrainingCostInputs& inputs, const BitSchedule& schedule);

}  // namespace repro::cyclic_precision_training
