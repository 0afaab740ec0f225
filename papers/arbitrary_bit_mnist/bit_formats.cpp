#include "papers/arbitrary_bit_mnist/bit_formats.h"

#include <cmath>

#include "base/errors.h"
#include "kernels/quantize.h"
#include "kernels/rounding.h"

namespace repro::arbitrary_bit_mnist {

std::string to_string(BitRounding rounding) {
  return rounding == BitRounding::truncation ? "truncation" : "stochastic";
}

quantization::QuantizationSpec bit_quantization(int bits, BitRounding rounding) {
  if (bits < 1 || bits > 32) {
    throw InputError("arbitrary_bit_mnist: bit size " + std::to_string(bits) +
                     " is outside 1..32");
  }
  if (rounding == BitRounding::truncation || bits == 32) {
    return quantization::QuantizationSpec(kernels::bit_mask_format(bits));
  }
  if (bits < 9) {
    throw InputError("arbitrary_bit_mnist: stochastic rounding needs at least 9 bits (sign and "
                     "8 exponent bits), got " + std::to_string(bits));
  }
  quantization::QuantizationSpec spec(kernels::floating_point_format(8, bits - 9));
  spec.rounding(kernels::Rounding::stochastic);
  return spec;
}

double bit_format_epsilon(int bits) {
  if (bits < 9 || bits > 32) {
    throw InputError("arbitrary_bit_mnist: epsilon needs 9..32 bits, got " +
                     std::to_string(bits));
  }
  return std::ldexp(1.0, -(bits - 9));
}

Truncator::Truncator(int bits)
    : format_(bit_quantization(bits, BitRounding::truncation).format()) {}

float Truncator::operator()(float value) const {
  return kernels::quantize_value_ref(value, format_, kernels::RoundingOptions());
}

}  // namespace repro::arbitrary_bit_mnist
