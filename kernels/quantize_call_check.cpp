// The one check of a quantizer call (kernels/quantize.h), shared by quantize_ref, quantize_cpu and
// quantize_cuda so that each throws the same repro::InputError for the same bad call.
#include <cmath>
#include <string>

#include "base/errors.h"
#include "kernels/quantize.h"

namespace repro::kernels {

void check_rounding_options(const RoundingOptions& rounding) {
  if (rounding.random_bits < 1 || rounding.random_bits > 32)
    throw InputError("rounding: random bits " + std::to_string(rounding.random_bits) + " outside 1..32");
}

void check_quantize_call(const QuantizeCall& call, const NumberFormat& format, const RoundingOptions& rounding) {
  validate(format);
  check_rounding_options(rounding);
  if (call.count < 0) throw InputError("quantize: negative element count " + std::to_string(call.count));
  if (call.elements_per_range < 0)
    throw InputError("quantize: negative elements per affine range " + std::to_string(call.elements_per_range));
  if (format.family == FormatFamily::affine && call.affine_ranges == nullptr && call.count > 0)
    throw InputError("quantize: affine format without ranges");
}

std::int64_t affine_range_count(std::int64_t count, std::int64_t elements_per_range) {
  if (count == 0) return 0;
  return elements_per_range > 0 ? (count + elements_per_range - 1) / elements_per_range : 1;
}

void check_affine_range(AffineRange range, std::int64_t which) {
  if (!std::isfinite(range.minimum) || !std::isfinite(range.maximum) || range.minimum > range.maximum ||
      !std::isfinite(range.maximum - range.minimum))
    throw InputError("affine range " + std::to_string(which) + ": [" + std::to_string(range.minimum) + ", " +
                     std::to_string(range.maximum) + "] must be finite with minimum <= maximum");
}

void check_affine_ranges(const AffineRange* ranges, std::int64_t count, std::int64_t elements_per_range) {
  const std::int64_t n = affine_range_count(count, elements_per_range);
  for (std::int64_t r = 0; r < n; ++r) check_affine_range(ranges[r], r);
}

}  // namespace repro::kernels
