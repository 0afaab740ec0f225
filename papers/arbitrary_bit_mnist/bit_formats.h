// The slides' N-bit floats: the float32 bit pattern AND a filter keeping its top N bits.
#pragma once

#include <string>

#include "common/quantization/quantization_spec.h"
#include "kernels/number_format.h"

namespace repro::arbitrary_bit_mnist {

enum class BitRounding {
  truncation,  // the slides' filter: mask:N (toward zero on the grid of float:8:(N-9))
  stochastic,  // the same grid, rounded stochastically: float:8:(N-9)/stochastic
};

std::string to_string(BitRounding rounding);  // "truncation", "stochastic"

// What N bits quantize to: truncation is the filter mask:N (kernels::bit_mask_format), stochastic
// rounding the same grid float:8:(N-9) rounded stochastically. N = 32 is the identity (mask:32).
// Truncation takes any 1 <= N <= 32; stochastic rounding needs N >= 9 (sign, 8 exponent bits,
// N - 9 mantissa bits): below 9 the filter also cuts exponent bits, a grid no float:E:M format
// has. Throws repro::InputError otherwise.
quantization::QuantizationSpec bit_quantization(int bits, BitRounding rounding);

// Unit roundoff of truncation at N >= 9 bits: the relative spacing 2^-(N - 9) of the grid.
double bit_format_epsilon(int bits);

// N-bit truncating arithmetic on scalars: the slides' filter mask:N applied to a float32 value
// (kernels' CPU reference), used where the error analysis computes one operation at a time.
class Truncator {
 public:
  explicit Truncator(int bits);  // REQUIRES: 1 <= bits <= 32 (else InputError)
  float operator()(float value) const;

 private:
  kernels::NumberFormat format_;
};

}  // namespace repro::arbitrary_bit_mnist
