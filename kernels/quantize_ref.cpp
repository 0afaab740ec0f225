// The reference quantizer: one element at a time, exact integer arithmetic on (sign, significand, exponent),
// results assembled in double (every value involved has at most 25 significant bits and lies within
// 2^-149 .. 2^129, so double holds it exactly). Written for clarity, not speed; the fast paths are checked
// against it bit for bit.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "base/errors.h"
#include "kernels/philox.h"
#include "kernels/quantize.h"

namespace repro::kernels {
namespace {

using u128 = unsigned __int128;

std::uint32_t bits_of(float value) {
  std::uint32_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}
float float_of(std::uint32_t bits) {
  float value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

// |x| = significand * 2^exponent, significand < 2^24 (0 for zero).
struct Magnitude {
  std::uint64_t significand;
  int exponent;
};

Magnitude decompose(std::uint32_t bits) {
  const std::uint32_t field = (bits >> 23) & 0xFFu;
  const std::uint32_t fraction = bits & 0x7FFFFFu;
  if (field == 0) return {fraction, -149};           // zero or subnormal: fraction * 2^-149
  return {fraction | (1u << 23), static_cast<int>(field) - 150};  // (2^23 + fraction) * 2^(field - 150)
}

int bit_length(std::uint64_t value) {
  int length = 0;
  while (value != 0) { ++length; value >>= 1; }
  return length;
}

// Rounds |x| = magnitude to an integer multiple n of 2^grid_exponent; returns n (which may be huge when |x| is
// already on the grid: then `on_grid` is set and n is not computed).
struct Rounded {
  bool on_grid;        // |x| is a multiple of 2^grid_exponent: the result is |x| itself
  std::uint64_t multiple;  // n, when !on_grid (n <= 2^24)
};

Rounded round_to_multiple(Magnitude magnitude, int grid_exponent, bool negative, const RoundingOptions& rounding,
                          std::int64_t element_index) {
  if (grid_exponent <= magnitude.exponent) return {true, 0};
  const int shift = grid_exponent - magnitude.exponent;  // bits below the grid: n = floor(s / 2^shift)
  const u128 s = magnitude.significand;
  const u128 unit = shift < 127 ? (u128{1} << shift) : 0;  // 0 stands for "more than 2^126"
  const u128 floor_multiple = shift < 127 ? s >> shift : 0;
  const u128 remainder = s - (unit == 0 ? 0 : floor_multiple * unit);  // s - floor * 2^shift
  // remainder / 2^shift is the fraction of a grid step above floor_multiple.
  const bool exact = remainder == 0;
  const bool above_half = unit != 0 && 2 * remainder > unit;
  const bool at_half = unit != 0 && 2 * remainder == unit;
  bool round_up = false;
  switch (rounding.mode) {
    case Rounding::nearest_even: round_up = above_half || (at_half && (floor_multiple % 2 == 1)); break;
    case Rounding::nearest_away: round_up = above_half || at_half; break;
    case Rounding::toward_zero: round_up = false; break;
    case Rounding::down: round_up = !exact && negative; break;  // a larger magnitude is further down
    case Rounding::up: round_up = !exact && !negative; break;
    case Rounding::stochastic: {
      // threshold = floor(fraction * 2^k); the k-bit word r rounds up iff r < threshold.
      const int k = rounding.random_bits;
      const u128 scaled = remainder << k;  // remainder < 2^24, k <= 32
      const u128 threshold = shift < 127 ? scaled >> shift : 0;
      const std::uint32_t word =
          philox_element_word(rounding.seed, rounding.stream, static_cast<std::uint64_t>(element_index));
      const std::uint64_t r = static_cast<std::uint64_t>(word) >> (32 - k);
      round_up = u128{r} < threshold;
      break;
    }
  }
  return {false, static_cast<std::uint64_t>(floor_multiple) + (round_up ? 1 : 0)};
}

constexpr std::uint32_t kQuietNan = 0x7FC00000u;

std::uint32_t quantize_floating_point(std::uint32_t bits, const NumberFormat& format, const FormatDescription& d,
                                      const RoundingOptions& rounding, std::int64_t index, QuantizeCounters& c) {
  const bool negative = (bits >> 31) != 0;
  const std::uint32_t sign = bits & 0x80000000u;
  const float x = float_of(bits);
  if (std::isnan(x)) { ++c.not_a_number; return sign | kQuietNan; }
  const bool saturate = format.overflow == OverflowPolicy::saturate;
  if (std::isinf(x)) {
    if (!format.e4m3_finite_only) return bits;  // Inf is a value of the format
    if (saturate) { ++c.saturated; return bits_of(negative ? -static_cast<float>(d.largest_finite) : static_cast<float>(d.largest_finite)); }
    ++c.not_a_number;
    return sign | kQuietNan;
  }
  const Magnitude magnitude = decompose(bits);
  const int bias = (1 << (format.exponent_bits - 1)) - 1;
  const int minimum_exponent = 1 - bias;
  // Exponent of |x| (x = 1.f * 2^exponent); below the normal range the grid is that of the subnormals.
  const int exponent =
      magnitude.significand == 0 ? minimum_exponent : magnitude.exponent + bit_length(magnitude.significand) - 1;
  const int grid_exponent = std::max(exponent, minimum_exponent) - format.mantissa_bits;
  const Rounded rounded = round_to_multiple(magnitude, grid_exponent, negative, rounding, index);
  double result = rounded.on_grid ? std::fabs(static_cast<double>(x))
                                  : std::ldexp(static_cast<double>(rounded.multiple), grid_exponent);
  if (result > d.largest_finite) {  // IEEE 754 overflow
    ++c.overflowed;
    bool to_largest = false;
    switch (rounding.mode) {
      case Rounding::toward_zero: to_largest = true; break;
      case Rounding::down: to_largest = !negative; break;
      case Rounding::up: to_largest = negative; break;
      default: to_largest = false;
    }
    if (saturate) { ++c.saturated; to_largest = true; }
    if (to_largest) {
      result = d.largest_finite;
    } else if (format.e4m3_finite_only) {
      ++c.not_a_number;
      return sign | kQuietNan;
    } else {
      result = std::numeric_limits<double>::infinity();
    }
  }
  if (result == 0.0 && magnitude.significand != 0) ++c.flushed_to_zero;
  if (result != 0.0 && result < d.smallest_normal) ++c.became_subnormal;
  const float magnitude_out = static_cast<float>(result);  // exact
  return sign | bits_of(magnitude_out);
}

std::uint32_t quantize_bit_mask(std::uint32_t bits, const NumberFormat& format, QuantizeCounters& c) {
  const int cleared = 32 - format.kept_bits;
  const std::uint32_t result = static_cast<std::uint32_t>((static_cast<std::uint64_t>(bits) >> cleared) << cleared);
  const float in = float_of(bits), out = float_of(result);
  if (std::isnan(out)) ++c.not_a_number;
  if (out == 0.0f && in != 0.0f && std::isfinite(in)) ++c.flushed_to_zero;
  if (std::fpclassify(out) == FP_SUBNORMAL) ++c.became_subnormal;
  return result;
}

std::uint32_t quantize_fixed_point(std::uint32_t bits, const NumberFormat& format, const RoundingOptions& rounding,
                                   std::int64_t index, QuantizeCounters& c) {
  const float x = float_of(bits);
  const bool negative = (bits >> 31) != 0;
  if (std::isnan(x)) { ++c.not_a_number; return (bits & 0x80000000u) | kQuietNan; }
  const int w = format.total_bits, f = format.fractional_bits;
  // Integers representable: [lowest, highest]; the value is integer * 2^-f.
  const std::int64_t lowest = format.is_signed ? -(std::int64_t{1} << (w - 1)) : 0;
  const std::int64_t highest = format.is_signed ? (std::int64_t{1} << (w - 1)) - 1 : (std::int64_t{1} << w) - 1;
  auto to_float = [&](std::int64_t integer) {  // the largest float32 not above integer * 2^-f
    const double exact = std::ldexp(static_cast<double>(integer), -f);
    float value = static_cast<float>(exact);
    if (static_cast<double>(value) > exact) value = std::nextafter(value, -std::numeric_limits<float>::infinity());
    return value;
  };
  if (std::isinf(x)) { ++c.saturated; return bits_of(to_float(negative ? lowest : highest)); }

  const Magnitude magnitude = decompose(bits);
  const Rounded rounded = round_to_multiple(magnitude, -f, negative, rounding, index);
  // n = |rounded x| * 2^f as an integer, or `huge` when it needs more than 40 bits.
  bool huge = false;
  std::uint64_t n = 0;
  if (rounded.on_grid) {
    const int shift = magnitude.exponent + f;  // >= 0: on the grid means -f <= exponent
    if (magnitude.significand == 0) n = 0;
    else if (shift >= 40) huge = true;  // n is a multiple of 2^40: out of range, and 0 modulo 2^w
    else n = magnitude.significand << shift;  // < 2^64
  } else {
    n = rounded.multiple;
  }
  const std::int64_t integer = negative ? -static_cast<std::int64_t>(n) : static_cast<std::int64_t>(n);
  if (!huge && integer >= lowest && integer <= highest) {
    if (integer == 0 && x != 0.0f) ++c.flushed_to_zero;
    return bits_of(static_cast<float>(std::ldexp(static_cast<double>(integer), -f)) + 0.0f);  // +0, never -0
  }
  ++c.overflowed;
  if (format.overflow == OverflowPolicy::saturate) {
    ++c.saturated;
    return bits_of(to_float(negative ? lowest : highest));
  }
  // Wrap: integer modulo 2^w, read as two's complement (or unsigned). Huge values are multiples of 2^40.
  const std::int64_t modulus = std::int64_t{1} << w;
  std::int64_t wrapped = huge ? 0 : ((integer % modulus) + modulus) % modulus;
  if (format.is_signed && wrapped > highest) wrapped -= modulus;
  return bits_of(static_cast<float>(std::ldexp(static_cast<double>(wrapped), -f)) + 0.0f);
}

std::uint32_t quantize_affine(std::uint32_t bits, const NumberFormat& format, const RoundingOptions& rounding,
                              std::int64_t index, AffineRange range, QuantizeCounters& c) {
  const float x = float_of(bits);
  if (std::isnan(x)) { ++c.not_a_number; return (bits & 0x80000000u) | kQuietNan; }
  const float levels = static_cast<float>((1u << format.affine_bits) - 1u);
  const float scale = (range.maximum - range.minimum) / levels;
  if (scale == 0.0f) {
    if (range.minimum == 0.0f && x != 0.0f && std::isfinite(x)) ++c.flushed_to_zero;
    return bits_of(range.minimum);
  }
  const float t = (x - range.minimum) / scale;
  double level;
  if (std::isinf(t)) {
    level = t < 0 ? -1.0 : static_cast<double>(levels) + 1.0;
  } else {
    const std::uint32_t t_bits = bits_of(t);
    const bool t_negative = (t_bits >> 31) != 0;
    const Rounded rounded = round_to_multiple(decompose(t_bits), 0, t_negative, rounding, index);
    level = rounded.on_grid ? static_cast<double>(t) : (t_negative ? -1.0 : 1.0) * static_cast<double>(rounded.multiple);
  }
  bool clamped = false;
  if (level < 0.0) { level = 0.0; clamped = true; }
  if (level > levels) { level = levels; clamped = true; }
  if (clamped) {
    ++c.saturated;
    if (std::isfinite(x)) ++c.overflowed;
  }
  const float product = static_cast<float>(level) * scale;
  const float result = range.minimum + product;
  if (result == 0.0f && x != 0.0f && std::isfinite(x) && !clamped) ++c.flushed_to_zero;
  return bits_of(result);
}

float quantize_one(float x, const NumberFormat& format, const FormatDescription& description,
                   const RoundingOptions& rounding, std::int64_t index, AffineRange range, QuantizeCounters& c) {
  const std::uint32_t bits = bits_of(x);
  switch (format.family) {
    case FormatFamily::floating_point:
      return float_of(quantize_floating_point(bits, format, description, rounding, index, c));
    case FormatFamily::bit_mask: return float_of(quantize_bit_mask(bits, format, c));
    case FormatFamily::fixed_point: return float_of(quantize_fixed_point(bits, format, rounding, index, c));
    case FormatFamily::affine: return float_of(quantize_affine(bits, format, rounding, index, range, c));
  }
  return x;
}

}  // namespace

void quantize_ref(const QuantizeCall& call, const NumberFormat& format, const RoundingOptions& rounding) {
  check_quantize_call(call, format, rounding);
  const bool affine = format.family == FormatFamily::affine;
  if (affine) check_affine_ranges(call.affine_ranges, call.count, call.elements_per_range);
  const FormatDescription description = describe(format);
  QuantizeCounters counters;
  for (std::int64_t i = 0; i < call.count; ++i) {
    AffineRange range{0.0f, 0.0f};
    if (affine) range = call.affine_ranges[call.elements_per_range > 0 ? i / call.elements_per_range : 0];
    call.output[i] =
        quantize_one(call.input[i], format, description, rounding, call.first_element_index + i, range, counters);
  }
  if (call.counters != nullptr) *call.counters += counters;
}

float quantize_value_ref(float x, const NumberFormat& format, const RoundingOptions& rounding,
                         std::int64_t element_index) {
  return quantize_value_ref(x, format, rounding, element_index, AffineRange{0.0f, 1.0f});
}

float quantize_value_ref(float x, const NumberFormat& format, const RoundingOptions& rounding,
                         std::int64_t element_index, AffineRange range) {
  validate(format);
  check_rounding_options(rounding);
  if (format.family == FormatFamily::affine) check_affine_range(range, 0);
  QuantizeCounters counters;
  return quantize_one(x, format, describe(format), rounding, element_index, range, counters);
}

}  // namespace repro::kernels
