// Number formats that the quantizers simulate in float32, parsed from the spec strings of issue 3.
//
//   float:E:M[:sat]     binary floating point, E exponent bits (2..8), M mantissa bits (0..23), bias 2^(E-1)-1,
//                       subnormals, +-Inf and NaN as in IEEE 754; overflow goes to +-Inf (IEEE) or, with
//                       ":sat", to +-largest finite. Aliases: fp32 (float:8:23), tf32 (float:8:10),
//                       bf16 (float:8:7), fp16 (float:5:10), e5m2 (float:5:2), e4m3 (OCP E4M3FN: no Inf,
//                       S.1111.111 is NaN, largest finite 448); each alias takes ":sat" too.
//   mask:N              keep the top N bits (1..32) of the float32 bit pattern, clear the others.
//   fixed:W:F[:wrap]    two's-complement fixed point, W total bits (2..32), F fractional bits (-64..126);
//                       saturating by default (":sat" says so explicitly), wrap-around with ":wrap".
//   ufixed:W:F[:wrap]   the same, unsigned.
//   affine:B            B-bit unsigned grid (1..16) between a minimum and a maximum given per call.
#pragma once

#include <string>

namespace repro::kernels {

enum class FormatFamily { floating_point, bit_mask, fixed_point, affine };

// floating_point: ieee (to +-Inf; the default) or saturate (to +-largest finite).
// fixed_point: saturate (the default) or wrap (two's-complement wrap-around).
enum class OverflowPolicy { ieee, saturate, wrap };

struct NumberFormat {
  FormatFamily family = FormatFamily::floating_point;
  int exponent_bits = 8, mantissa_bits = 23;  // floating_point (E 2..8, M 0..23)
  bool e4m3_finite_only = false;              // OCP E4M3FN: no Inf, S.1111.111 NaN, max 448
  int kept_bits = 32;                         // bit_mask: keep the top N bits (1..32)
  int total_bits = 32, fractional_bits = 0;   // fixed_point (W 2..32, F -64..126)
  bool is_signed = true;                      // fixed_point: two's complement (true) or unsigned
  int affine_bits = 8;                        // affine: B-bit unsigned grid (1..16)
  OverflowPolicy overflow = OverflowPolicy::ieee;
  std::string spec;                           // canonical spec string, e.g. "float:5:10:sat"
};

// Typed constructors: what code builds (a study's N-bit format, a schedule's B-bit one), checked
// and with its canonical `spec`, equal to parse_number_format of that spec. Throws
// repro::InputError for a value outside the ranges above.
NumberFormat floating_point_format(int exponent_bits, int mantissa_bits,
                                   OverflowPolicy overflow = OverflowPolicy::ieee);  // float:E:M[:sat]
NumberFormat bit_mask_format(int kept_bits);                                         // mask:N
NumberFormat fixed_point_format(int total_bits, int fractional_bits, bool is_signed = true,
                                OverflowPolicy overflow = OverflowPolicy::saturate);  // [u]fixed:W:F[:wrap]
NumberFormat affine_format(int bits);                                                 // affine:B

// Parses a spec string (case-insensitive, surrounding blanks ignored): what users and files give.
// Throws repro::InputError naming the spec and saying why it is not valid.
NumberFormat parse_number_format(const std::string& spec);

// The canonical spec string of `format` (what parse_number_format stores in `spec`).
std::string canonical_spec(const NumberFormat& format);

// Checks the ranges of a NumberFormat built by hand. Throws repro::InputError saying what is wrong.
void validate(const NumberFormat& format);

// Properties of a format, as `repro quantize --describe` prints them.
//   floating_point: as IEEE 754 (E4M3FN: largest finite 448).
//   bit_mask: those of the float32 values whose low bits are clear (N >= 9 behaves as float:8:(N-9)
//     rounded toward zero; N < 9 keeps N-1 exponent bits and no mantissa: mantissa_bits 0, no subnormals,
//     smallest_subnormal = smallest_normal, machine_epsilon = ratio between neighbouring values minus 1;
//     N = 1 keeps only the sign: everything is 0).
//   fixed_point: exponent_bits 0, mantissa_bits F; largest finite = the largest float32 not above the
//     largest fixed-point value; smallest_normal = smallest_subnormal = machine_epsilon = 2^-F.
//   affine: in units of the grid step (the range is given per call): exponent_bits 0, mantissa_bits B,
//     largest_finite 2^B-1, smallest_normal = smallest_subnormal = 1, machine_epsilon = 1/(2^B-1).
struct FormatDescription {
  int exponent_bits, mantissa_bits;
  double largest_finite, smallest_normal, smallest_subnormal, machine_epsilon;
};
FormatDescription describe(const NumberFormat& format);

}  // namespace repro::kernels
