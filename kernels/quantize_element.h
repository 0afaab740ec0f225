// Header-only element code of the fast quantizers: quantize_cpu and the CUDA kernel both call
// quantize_element(), so they agree bit for bit. Usable from any host loop (e.g. a LibTorch kernel):
//
//   const ElementQuantizer quantizer = make_element_quantizer(format, rounding);   // validates, throws InputError
//   for (i ...) out[i] = quantize_element(in[i], quantizer, first_index + i);
//   // affine: quantize_element(in[i], quantizer, first_index + i, range.minimum, range.maximum)
//
// Plain data, no allocation; functions are __host__ __device__ under nvcc. Semantics: kernels/quantize.h.
#pragma once

#include <cstdint>
#include <cstring>

#include "kernels/philox.h"

#include "kernels/number_format.h"
#include "kernels/quantize.h"
#include "kernels/rounding.h"

namespace repro::kernels {

namespace element_detail {
constexpr std::uint32_t kSignBit = 0x80000000u;
constexpr std::uint32_t kInfinityBits = 0x7F800000u;
constexpr std::uint32_t kQuietNanBits = 0x7FC00000u;
// Rounding, as integers so that the struct stays plain data on the device.
constexpr int kNearestEven = 0, kNearestAway = 1, kTowardZero = 2, kDown = 3, kUp = 4, kStochastic = 5;
constexpr int kFloatingPoint = 0, kBitMask = 1, kFixedPoint = 2, kAffine = 3;
// Flags an element reports for the counters: bit c counts into the c-th field of QuantizeCounters.
constexpr unsigned kOverflowed = 1, kSaturated = 2, kFlushedToZero = 4, kBecameSubnormal = 8, kNotANumber = 16;
constexpr int kCounterCount = 5;

// The integer tags are the enums' values (make_element_quantizer casts the enums).
static_assert(kNearestEven == static_cast<int>(Rounding::nearest_even) &&
                  kNearestAway == static_cast<int>(Rounding::nearest_away) &&
                  kTowardZero == static_cast<int>(Rounding::toward_zero) && kDown == static_cast<int>(Rounding::down) &&
                  kUp == static_cast<int>(Rounding::up) && kStochastic == static_cast<int>(Rounding::stochastic),
              "element rounding tags must equal kernels::Rounding");
static_assert(kFloatingPoint == static_cast<int>(FormatFamily::floating_point) &&
                  kBitMask == static_cast<int>(FormatFamily::bit_mask) &&
                  kFixedPoint == static_cast<int>(FormatFamily::fixed_point) &&
                  kAffine == static_cast<int>(FormatFamily::affine),
              "element family tags must equal kernels::FormatFamily");
static_assert(kOverflowed == 1u << 0 && kSaturated == 1u << 1 && kFlushedToZero == 1u << 2 &&
                  kBecameSubnormal == 1u << 3 && kNotANumber == 1u << 4 && kCounterCount == 5 &&
                  sizeof(QuantizeCounters) == kCounterCount * sizeof(std::int64_t),
              "flag bit c must be QuantizeCounters' c-th field (the CUDA kernel counts by bit index)");
}  // namespace element_detail

// Everything the element code needs, precomputed from (NumberFormat, RoundingOptions).
struct ElementQuantizer {
  int family;        // element_detail::kFloatingPoint ...
  int rounding;      // element_detail::kNearestEven ...
  int random_bits;   // 1..32
  std::uint64_t seed, stream;
  int saturate;      // floating point / fixed point: saturate on overflow (0 or 1; int, not bool: vectorizes)
  int wrap;          // fixed point: wrap on overflow (0 or 1)
  // floating point
  int mantissa_bits, minimum_exponent;  // smallest normal = 2^minimum_exponent
  int finite_only;                      // E4M3FN (0 or 1)
  std::uint32_t largest_finite_bits, smallest_normal_bits;
  std::uint32_t overflow_bits;         // what an overflow that does not go to the largest finite gives: Inf/NaN
  std::uint32_t infinity_result_bits;  // what +-Inf inputs give (magnitude): Inf, NaN or the largest finite
  // bit mask
  std::uint32_t keep_mask;
  // fixed point
  int total_bits, fractional_bits;
  int is_signed;  // 0 or 1
  std::uint32_t fixed_upper_bits;        // largest float32 not above the largest fixed value
  std::uint32_t fixed_lower_magnitude_bits;  // |smallest fixed value| (0 for unsigned)
  std::uint32_t fixed_lower_bits;            // the smallest fixed value (+0 for unsigned)
  // affine
  float affine_levels;  // 2^B - 1
};

REPRO_HOST_DEVICE std::uint32_t element_float_bits(float value) {
#if defined(__CUDA_ARCH__)
  return __float_as_uint(value);
#else
  std::uint32_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
#endif
}

REPRO_HOST_DEVICE float element_bits_float(std::uint32_t bits) {
#if defined(__CUDA_ARCH__)
  return __uint_as_float(bits);
#else
  float value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
#endif
}

REPRO_HOST_DEVICE float element_multiply(float a, float b) {
#if defined(__CUDA_ARCH__)
  return __fmul_rn(a, b);  // never contracted into a fused multiply-add
#else
  return a * b;
#endif
}
REPRO_HOST_DEVICE float element_add(float a, float b) {
#if defined(__CUDA_ARCH__)
  return __fadd_rn(a, b);
#else
  return a + b;
#endif
}
REPRO_HOST_DEVICE float element_subtract(float a, float b) {
#if defined(__CUDA_ARCH__)
  return __fsub_rn(a, b);
#else
  return a - b;
#endif
}
REPRO_HOST_DEVICE float element_divide(float a, float b) {
#if defined(__CUDA_ARCH__)
  return __fdiv_rn(a, b);
#else
  return a / b;
#endif
}

// m * 2^exponent as a float32, exact when the result is representable.
// REQUIRES: m <= 2^24, -149 <= exponent <= 127.
REPRO_HOST_DEVICE float element_scale(std::uint32_t m, int exponent) {
  const bool tiny = exponent < -126;  // 2^exponent is subnormal: scale in two exact steps
  const float first = element_bits_float(static_cast<std::uint32_t>((tiny ? exponent + 64 : exponent) + 127) << 23);
  const float second = tiny ? 5.42101086242752217e-20f /* 2^-64 */ : 1.0f;
  return element_multiply(element_multiply(static_cast<float>(static_cast<std::int32_t>(m)), first), second);
}

// Rounds the magnitude significand * 2^lsb_exponent (significand < 2^24) to a multiple of 2^(lsb_exponent +
// drop_bits) and returns that multiple. REQUIRES: drop_bits >= 1. Branch-free (selects only), so that the
// CPU loops vectorize.
REPRO_HOST_DEVICE std::uint32_t element_round_significand(std::uint32_t significand, int drop_bits, bool negative,
                                                          int rounding, int random_bits, std::uint32_t random_word) {
  using namespace element_detail;
  // With 26 or more dropped bits the kept part is 0 and the remainder is below half: clamp the shifts.
  const int clamped = drop_bits < 26 ? drop_bits : 26;
  const std::uint32_t kept = significand >> clamped;
  const std::uint32_t remainder = significand & ((1u << clamped) - 1u);
  const std::uint32_t half = 1u << (clamped - 1);
  bool up = false;
  switch (rounding) {
    case kNearestEven: up = remainder > half || (remainder == half && (kept & 1u)); break;
    case kNearestAway: up = remainder >= half; break;
    case kTowardZero: up = false; break;
    case kDown: up = remainder != 0 && negative; break;
    case kUp: up = remainder != 0 && !negative; break;
    default: {  // stochastic: up iff r < floor(remainder / 2^drop_bits * 2^random_bits)
      const int right = drop_bits - random_bits;  // > 0: shift the remainder right, else left
      const int right_clamped = right < 31 ? right : 31;  // remainder < 2^24: a shift of 31 gives 0 as well
      const int left = right < 0 ? -right : 0;           // remainder << left < 2^random_bits <= 2^32
      const std::uint32_t threshold = right >= 0 ? remainder >> right_clamped : remainder << left;
      const std::uint32_t random = random_bits >= 32 ? random_word : random_word >> ((32 - random_bits) & 31);
      up = random < threshold;
    }
  }
  return kept + (up ? 1u : 0u);
}

// Rounds the finite magnitude with bits `magnitude` (sign cleared) to a multiple of 2^grid_exponent and
// returns the bits of the rounded magnitude. REQUIRES: -149 <= grid_exponent <= 127.
REPRO_HOST_DEVICE std::uint32_t element_round_to_grid(std::uint32_t magnitude, int grid_exponent, bool negative,
                                                      int rounding, int random_bits, std::uint32_t random_word) {
  const int exponent_field = static_cast<int>(magnitude >> 23);
  const int effective_field = exponent_field > 0 ? exponent_field : 1;
  const std::uint32_t significand = exponent_field > 0 ? (magnitude & 0x7FFFFFu) | 0x800000u : magnitude;
  const int drop_bits = grid_exponent - (effective_field - 150);
  const int drop_at_least_one = drop_bits > 1 ? drop_bits : 1;
  const std::uint32_t kept =
      element_round_significand(significand, drop_at_least_one, negative, rounding, random_bits, random_word);
  const std::uint32_t rounded = element_float_bits(element_scale(kept, grid_exponent));
  return drop_bits <= 0 ? magnitude : rounded;  // drop_bits <= 0: already on the grid
}

// The random word of element `element_index` (kernels/philox.h: philox_element_word), written with selects.
REPRO_HOST_DEVICE std::uint32_t element_random_word(const ElementQuantizer& q, std::int64_t element_index) {
  const std::uint64_t index = static_cast<std::uint64_t>(element_index);
  const std::uint64_t block = index >> 2;
  const PhiloxBlock out = philox4x32_10(
      PhiloxBlock{{static_cast<std::uint32_t>(block), static_cast<std::uint32_t>(block >> 32),
                   static_cast<std::uint32_t>(q.stream), static_cast<std::uint32_t>(q.stream >> 32)}},
      static_cast<std::uint32_t>(q.seed), static_cast<std::uint32_t>(q.seed >> 32));
  const unsigned lane = static_cast<unsigned>(index & 3);  // selects, not an indexed load: vectorizes
  return lane == 0 ? out.word[0] : lane == 1 ? out.word[1] : lane == 2 ? out.word[2] : out.word[3];
}

// floating point format; `flags` collects element_detail::k* flags.
REPRO_HOST_DEVICE std::uint32_t element_quantize_floating_point(std::uint32_t bits, const ElementQuantizer& q,
                                                                int rounding, std::uint32_t random_word,
                                                                unsigned* flags) {
  using namespace element_detail;
  const std::uint32_t sign = bits & kSignBit;
  const std::uint32_t magnitude = bits ^ sign;
  const bool is_nan = magnitude > kInfinityBits;
  const bool is_infinite = magnitude == kInfinityBits;
  const int exponent_field = static_cast<int>(magnitude >> 23);
  const int exponent = (exponent_field > 0 ? exponent_field : 1) - 127;
  const int grid_exponent = (exponent > q.minimum_exponent ? exponent : q.minimum_exponent) - q.mantissa_bits;
  // For Inf and NaN the grid exponent may exceed 127; clamp (their result is chosen below).
  const int safe_grid_exponent = grid_exponent < 127 ? grid_exponent : 127;
  const std::uint32_t rounded = element_round_to_grid(magnitude, safe_grid_exponent, sign != 0, rounding,
                                                      q.random_bits, random_word);
  // Bitwise & and | rather than && and ||: no branches, so the CPU loops vectorize.
  const bool overflow = (!is_nan) & (!is_infinite) & (rounded > q.largest_finite_bits);
  const bool to_largest = (q.saturate != 0) | (rounding == kTowardZero) | ((rounding == kUp) & (sign != 0)) |
                          ((rounding == kDown) & (sign == 0));
  // (Selects on per-element conditions only: the loop-invariant choices are precomputed in q.)
  const std::uint32_t overflowed = to_largest ? q.largest_finite_bits : q.overflow_bits;
  const std::uint32_t result =
      is_nan ? kQuietNanBits : is_infinite ? q.infinity_result_bits : overflow ? overflowed : rounded;
  const bool saturated = (overflow & (q.saturate != 0)) | (is_infinite & (q.finite_only != 0) & (q.saturate != 0));
  *flags |= (overflow ? kOverflowed : 0u) | (saturated ? kSaturated : 0u) |
            (result > kInfinityBits ? kNotANumber : 0u) |
            ((result != 0) & (result < q.smallest_normal_bits) ? kBecameSubnormal : 0u);
  return sign | result;
}

REPRO_HOST_DEVICE std::uint32_t element_quantize_bit_mask(std::uint32_t bits, const ElementQuantizer& q,
                                                          unsigned* flags) {
  using namespace element_detail;
  const std::uint32_t result = bits & q.keep_mask;
  const std::uint32_t magnitude = result & ~kSignBit;
  *flags |= (magnitude > kInfinityBits ? kNotANumber : 0u) |
            (magnitude != 0 && magnitude < 0x800000u ? kBecameSubnormal : 0u);
  return result;
}

// The float32 bits of the rounded magnitude `rounded` (bits of a finite float or Inf, sign `sign`) wrapped
// modulo 2^W into the fixed-point range: the integer rounded * 2^F modulo 2^W, from the rounded magnitude's
// significand and exponent (an out-of-range magnitude is normal; Inf reads as 2^128, which is what it is).
// Branch-free, with integer masks rather than bools, so that the CPU loops vectorize.
REPRO_HOST_DEVICE std::uint32_t element_wrap_fixed_point(std::uint32_t rounded, std::uint32_t sign,
                                                         const ElementQuantizer& q) {
  using namespace element_detail;
  const int exponent_field = static_cast<int>(rounded >> 23);
  const std::uint32_t significand = (rounded & 0x7FFFFFu) | 0x800000u;
  const int shift = exponent_field - 150 + q.fractional_bits;  // integer = significand * 2^shift
  // 32-bit arithmetic suffices: the modulus 2^W is at most 2^32, and shift >= W gives 0.
  const std::uint32_t modulus_mask = q.total_bits >= 32 ? 0xFFFFFFFFu : (1u << q.total_bits) - 1u;
  const int left = shift > 0 ? (shift < 31 ? shift : 31) : 0;
  const int right = shift < 0 ? (-shift < 31 ? -shift : 31) : 0;
  std::uint32_t wrapped = shift >= q.total_bits ? 0u : ((significand << left) >> right) & modulus_mask;
  const std::uint32_t sign_mask = 0u - (sign >> 31);  // all ones for a negative input
  wrapped = (((0u - wrapped) & modulus_mask) & sign_mask) | (wrapped & ~sign_mask);
  // All ones when the W-bit pattern is a negative two's-complement value.
  const std::uint32_t negative_mask =
      0u - (((wrapped >> (q.total_bits - 1)) & 1u) & static_cast<std::uint32_t>(q.is_signed));
  // The value as a float, exactly: two's complement by sign extension, unsigned in two exact halves.
  const float signed_value = static_cast<float>(static_cast<std::int32_t>(wrapped | ~modulus_mask));
  const float unsigned_value = element_add(
      element_multiply(static_cast<float>(static_cast<std::int32_t>(wrapped >> 1)), 2.0f),
      static_cast<float>(static_cast<std::int32_t>(wrapped & 1u)));
  const float value = element_bits_float((element_float_bits(signed_value) & negative_mask) |
                                         (element_float_bits(unsigned_value) & ~negative_mask));
  // value * 2^-F is exactly representable (see kernels/README.md); 2^-F is a normal float32 (F in -64..126).
  const float unit = element_bits_float(static_cast<std::uint32_t>(127 - q.fractional_bits) << 23);
  const std::uint32_t wrapped_bits = element_float_bits(element_multiply(value, unit));
  return (wrapped_bits & ~kSignBit) == 0 ? 0u : wrapped_bits;  // +0
}

// Fixed point. `wrap` is q.wrap; the CPU loops pass it as a compile-time constant so that the saturating
// loop carries no wrap arithmetic.
REPRO_HOST_DEVICE std::uint32_t element_quantize_fixed_point(std::uint32_t bits, const ElementQuantizer& q,
                                                             int rounding, std::uint32_t random_word,
                                                             unsigned* flags, int wrap) {
  using namespace element_detail;
  const std::uint32_t sign = bits & kSignBit;
  const std::uint32_t magnitude = bits ^ sign;
  const bool is_nan = magnitude > kInfinityBits;
  const bool is_infinite = magnitude == kInfinityBits;
  // Selections with integer masks: the nested conditionals they replace defeat GCC's if-conversion.
  const std::uint32_t sign_mask = 0u - (sign >> 31);
  const std::uint32_t saturated = (q.fixed_lower_bits & sign_mask) | (q.fixed_upper_bits & ~sign_mask);
  const std::uint32_t rounded = element_round_to_grid(magnitude, -q.fractional_bits, sign != 0, rounding,
                                                      q.random_bits, random_word);
  const std::uint32_t limit = (q.fixed_lower_magnitude_bits & sign_mask) | (q.fixed_upper_bits & ~sign_mask);
  const bool out_of_range = rounded > limit;
  const std::uint32_t in_range = (sign & (0u - static_cast<std::uint32_t>(rounded != 0))) | rounded;  // no -0
  const std::uint32_t beyond = wrap != 0 ? element_wrap_fixed_point(rounded, sign, q) : saturated;
  const bool overflow = (!is_nan) & (!is_infinite) & out_of_range;
  const std::uint32_t out_of_range_mask = 0u - static_cast<std::uint32_t>(out_of_range);
  const std::uint32_t infinite_mask = 0u - static_cast<std::uint32_t>(is_infinite);
  const std::uint32_t nan_mask = 0u - static_cast<std::uint32_t>(is_nan);
  const std::uint32_t finite = (beyond & out_of_range_mask) | (in_range & ~out_of_range_mask);
  const std::uint32_t not_nan = (saturated & infinite_mask) | (finite & ~infinite_mask);
  const std::uint32_t result = ((sign | kQuietNanBits) & nan_mask) | (not_nan & ~nan_mask);
  *flags |= (is_nan ? kNotANumber : 0u) | (overflow ? kOverflowed : 0u) |
            ((is_infinite | (overflow & (wrap == 0))) ? kSaturated : 0u);
  return result;
}

REPRO_HOST_DEVICE std::uint32_t element_quantize_affine(std::uint32_t bits, const ElementQuantizer& q,
                                                        float minimum, float maximum, int rounding,
                                                        std::uint32_t random_word, unsigned* flags) {
  using namespace element_detail;
  const std::uint32_t sign = bits & kSignBit;
  const bool is_nan = (bits ^ sign) > kInfinityBits;
  const bool is_infinite = (bits ^ sign) == kInfinityBits;
  const float x = element_bits_float(bits);
  const float scale = element_divide(element_subtract(maximum, minimum), q.affine_levels);
  const float t = element_divide(element_subtract(x, minimum), scale);
  const std::uint32_t t_bits = element_float_bits(t);
  const std::uint32_t t_sign = t_bits & kSignBit;
  const std::uint32_t t_magnitude = t_bits ^ t_sign;
  const bool t_finite = t_magnitude < kInfinityBits;  // false for Inf, and for NaN when scale is 0
  const std::uint32_t rounded = element_round_to_grid(t_finite ? t_magnitude : 0u, 0, t_sign != 0, rounding,
                                                      q.random_bits, random_word);
  float level = t_finite ? element_bits_float(t_sign | rounded) : (t_sign ? -1.0f : q.affine_levels + 1.0f);
  const bool clamped = level < 0.0f || level > q.affine_levels;
  level = level < 0.0f ? 0.0f : level > q.affine_levels ? q.affine_levels : level;
  const std::uint32_t value = element_float_bits(element_add(minimum, element_multiply(level, scale)));
  // scale == 0: a degenerate range, everything is the minimum (a mask, as the condition is loop-invariant).
  const std::uint32_t degenerate_mask = 0u - static_cast<std::uint32_t>(scale == 0.0f);
  const std::uint32_t finite_result = (element_float_bits(minimum) & degenerate_mask) | (value & ~degenerate_mask);
  const std::uint32_t result = is_nan ? sign | kQuietNanBits : finite_result;
  const bool saturated = (!is_nan) & (degenerate_mask == 0) & clamped;
  *flags |= (is_nan ? kNotANumber : 0u) | (saturated ? kSaturated : 0u) |
            ((saturated & !is_infinite) ? kOverflowed : 0u);
  return result;
}

// Flushed to zero: a nonzero finite input whose result is zero, neither overflowed nor saturated.
REPRO_HOST_DEVICE unsigned element_flushed_to_zero(std::uint32_t input_bits, std::uint32_t result_bits, unsigned flags) {
  using namespace element_detail;
  const std::uint32_t magnitude = input_bits & ~kSignBit;
  return (result_bits & ~kSignBit) == 0 && magnitude != 0 && magnitude < kInfinityBits &&
                 (flags & (kOverflowed | kSaturated)) == 0
             ? kFlushedToZero
             : 0u;
}

// The result bits of one element. `range` is used by affine formats only.
REPRO_HOST_DEVICE std::uint32_t quantize_element_bits(std::uint32_t bits, const ElementQuantizer& q,
                                                      std::int64_t element_index, float range_minimum,
                                                      float range_maximum, unsigned* flags) {
  using namespace element_detail;
  const std::uint32_t random_word = q.rounding == kStochastic ? element_random_word(q, element_index) : 0u;
  std::uint32_t result;
  switch (q.family) {
    case kBitMask: result = element_quantize_bit_mask(bits, q, flags); break;
    case kFixedPoint: result = element_quantize_fixed_point(bits, q, q.rounding, random_word, flags, q.wrap); break;
    case kAffine:
      result = element_quantize_affine(bits, q, range_minimum, range_maximum, q.rounding, random_word, flags);
      break;
    default: result = element_quantize_floating_point(bits, q, q.rounding, random_word, flags);
  }
  *flags |= element_flushed_to_zero(bits, result, *flags);
  return result;
}

REPRO_HOST_DEVICE float quantize_element(float x, const ElementQuantizer& q, std::int64_t element_index,
                                         float range_minimum = 0.0f, float range_maximum = 0.0f) {
  unsigned flags = 0;
  return element_bits_float(
      quantize_element_bits(element_float_bits(x), q, element_index, range_minimum, range_maximum, &flags));
}

// Validates and precomputes (defined in the repro::kernels library). Throws repro::InputError for an invalid
// format or rounding options.
ElementQuantizer make_element_quantizer(const NumberFormat& format, const RoundingOptions& rounding);

}  // namespace repro::kernels
