// CPT's training cost model (Fu et al., ICLR 2021): BitOPs of one iteration relative to 32×32,
// and the saving of a cyclic schedule over its static counterpart.
#pragma once

#include <cstdint>

#include "papers/cyclic_precision_training/bit_schedule.h"

namespace repro {
class StudyContext;
}

namespace repro::cyclic_precision_training {

// (b·b + b·g + b·g) / 3 / (32·32): forward, error propagation and weight-gradient products,
// equally weighted, for forward precision b and gradient precision g.
// REQUIRES: 1 <= b, g <= 32.
double relative_bitops_per_iteration(int forward_bits, int gradient_bits);

// 1 − Σ_t cost(B_t, g) / Σ_t cost(B_max, g) with CPT's cosine schedule rounded per iteration
// by `rounding` (the authors' half-to-even by default), as a percentage.
// REQUIRES: 1 <= bits_min <= bits_max, cycles >= 1, iterations >= 1.
double cyclic_bitops_saving_percent(int bits_min, int bits_max, int gradient_bits,
                                    std::int64_t iterations, std::int64_t cycles,
                                    BitRounding rounding = BitRounding::half_to_even);

// Decides the Table 2 saving claims that are scheduled.
void decide_bitops_savings(StudyContext& context);

}  // namespace repro::cyclic_precision_training
