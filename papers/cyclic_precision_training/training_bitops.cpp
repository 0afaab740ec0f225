#include "papers/cyclic_precision_training/training_bitops.h"

#include <map>

namespace repro::cyclic_precision_training {

double bitops_per_multiply_accumulate(double forward_bits, double gradient_bits) {
  return forward_bits * forward_bits + 2.0 * forward_bits * gradient_bits;
}

double bitops_per_image(const TrainingCostInputs& inputs, double forward_bits) {
  double bitops = static_cast<double>(inputs.quantized_macs_per_image) *
                  bitops_per_multiply_accumulate(forward_bits, inputs.gradient_bits);
  if (inputs.count_full_precision_layers) {
    bitops += static_cast<double>(inputs.full_precision_macs_per_image) *
              bitops_per_multiply_accumulate(32.0, 32.0);
  }
  return bitops;
}

double training_bitops(const TrainingCostInputs& inputs, const BitSchedule& schedule) {
  // Count iterations per bit width first (a schedule takes few distinct values).
  std::map<double, std::int64_t> iterations_at;
  for (std::int64_t t = 0; t < schedule.total_iterations; ++t) {
    ++iterations_at[schedule.bits_at(t, inputs.rounding)];
  }
  double total = 0.0;
  for (const auto& [bits, count] : iterations_at) {
    total += static_cast<double>(count) * static_cast<double>(inputs.batch_size) *
             bitops_per_image(inputs, bits);
  }
  return total;
}

}  // namespace repro::cyclic_precision_training
