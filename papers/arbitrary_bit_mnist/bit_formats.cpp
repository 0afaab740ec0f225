#include "papers/arbitrary_bit_mnist/bit_formats.h"

#include <cmath>

#include "base/errors.h"
#include "kernels/quantize.h"
#include "kernels/rounding.h"

namespace repro::arbitrary_bit_mnist {

std::string to_string(BitRounding rounding) {
  return rounding == BitRounding::truncation ? "truncation" : "stochastic";
}

std::string bit_format_spec(int bits, BitRounding rounding) {
  if (bits < 1 || bits > 32) {
    throw InputError("arbitrary_bit_mnist: bit size " + std::to_string(bits) +
                     " is outside 1..32");
  }
  if (rounding == BitRounding::truncation || bits == 32) return "mask:" + std::to_string(bits);
  if (bits < 9) {
    throw InputError("arbitrary_bit_mnist: stochastic rounding needs at least 9 bits (sign and "
                     "8 exponent bits), got " + std::to_string(bits));
  }
  return "float:8:" + std::to_string(bits - 9) + "/stochastic";
}

double bit_format_epsilon(int bits) {
  if (bits < 9 || bits > 32) {
    throw InputError("arbitrary_bit_mnist: epsilon needs 9..32 bits, got " +
                     std::to_string(bits));
  }
  return std::ldexp(1.0, -(bits - 9));
}

Truncator::Truncator(int bits)
    : format_(kernels::parse_number_format(bit_format_spec(bits, BitRounding::truncation))) {}

float Truncator::operator()(float value) const {
  return kernels::quantize_value_ref(value, format_, kernels::RoundingOptions());
}

}  // namespace repro::arbitrary_bit_mnist
