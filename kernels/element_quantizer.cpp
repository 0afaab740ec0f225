#include <cmath>

#include "base/errors.h"
#include "kernels/quantize_element.h"

namespace repro::kernels {
ElementQuantizer make_element_quantizer(const NumberFormat& format, const RoundingOptions& rounding) {
  validate(format);
  check_rounding_options(rounding);
  ElementQuantizer q{};
  q.rounding = static_cast<int>(rounding.mode);
  q.random_bits = rounding.random_bits;
  q.seed = rounding.seed;
  q.stream = rounding.stream;
  q.saturate = format.overflow == OverflowPolicy::saturate;
  q.wrap = format.overflow == OverflowPolicy::wrap;
  switch (format.family) {
    case FormatFamily::floating_point: {
      q.family = element_detail::kFloatingPoint;
      const FormatDescription d = describe(format);
      q.mantissa_bits = format.mantissa_bits;
      q.minimum_exponent = 2 - (1 << (format.exponent_bits - 1));  // 1 - bias
      q.finite_only = format.e4m3_finite_only;
      q.largest_finite_bits = element_float_bits(static_cast<float>(d.largest_finite));
      q.smallest_normal_bits = element_float_bits(static_cast<float>(d.smallest_normal));
      q.overflow_bits = q.finite_only ? element_detail::kQuietNanBits : element_detail::kInfinityBits;
      q.infinity_result_bits = !q.finite_only ? element_detail::kInfinityBits
                               : q.saturate   ? q.largest_finite_bits
                                              : element_detail::kQuietNanBits;
      break;
    }
    case FormatFamily::bit_mask:
      q.family = element_detail::kBitMask;
      q.keep_mask = format.kept_bits >= 32 ? 0xFFFFFFFFu : ~((1u << (32 - format.kept_bits)) - 1u);
      break;
    case FormatFamily::fixed_point: {
      q.family = element_detail::kFixedPoint;
      q.total_bits = format.total_bits;
      q.fractional_bits = format.fractional_bits;
      q.is_signed = format.is_signed;
      q.fixed_upper_bits = element_float_bits(static_cast<float>(describe(format).largest_finite));
      q.fixed_lower_magnitude_bits =
          format.is_signed ? element_float_bits(std::ldexp(1.0f, format.total_bits - 1 - format.fractional_bits)) : 0u;
      q.fixed_lower_bits = format.is_signed ? q.fixed_lower_magnitude_bits | element_detail::kSignBit : 0u;
      break;
    }
    case FormatFamily::affine:
      q.family = element_detail::kAffine;
      q.affine_levels = static_cast<float>((1u << format.affine_bits) - 1u);
      break;
  }
  return q;
}

}  // namespace repro::kernels
