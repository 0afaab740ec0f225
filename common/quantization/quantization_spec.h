// What to quantize a tensor to: a number format, a rounding mode and, for affine formats, the
// granularity and (optionally) a fixed range.
#pragma once

#include <optional>
#include <string>

#include "kernels/number_format.h"
#include "kernels/quantize.h"
#include "kernels/rounding.h"

namespace repro::quantization {

// How an affine format's [min, max] range is taken.
enum class AffineGranularity {
  per_tensor,          // one range for the whole tensor
  per_output_channel,  // one range per index of dimension 0 (a Linear's or Conv2d's output)
};

// A format plus how to round into it. Compact text form (see parse_quantization_spec):
//   FORMAT[/ROUNDING][/per-tensor|/per-channel][/range=MIN:MAX]
// e.g. "fixed:16:8", "fixed:16:8/stochastic", "fixed:16:8/stochastic:8" (8 random bits),
// "affine:8/nearest/per-channel", "affine:4/range=-1:1", "float:5:10:sat/toward-zero".
class QuantizationSpec {
 public:
  // REQUIRES: format_spec is a kernels number format spec ("fp16", "fixed:16:8", ...).
  // Throws repro::InputError on a bad spec. Rounding defaults to nearest (ties to even).
  explicit QuantizationSpec(const std::string& format_spec);
  // A format built in code (kernels::bit_mask_format(12), kernels::affine_format(bits), ...).
  explicit QuantizationSpec(kernels::NumberFormat format);

  const kernels::NumberFormat& format() const { return format_; }
  // The canonical format spec (kernels::canonical_spec), e.g. "float:5:10" for "fp16".
  const std::string& format_spec() const { return format_.spec; }

  kernels::Rounding rounding() const { return rounding_; }
  QuantizationSpec& rounding(kernels::Rounding mode) {
    rounding_ = mode;
    return *this;
  }

  // Random bits per element for stochastic rounding (1..23 or as the kernel allows).
  int random_bits() const { return random_bits_; }
  QuantizationSpec& random_bits(int bits);

  AffineGranularity granularity() const { return granularity_; }
  // Throws repro::InputError when the format is not affine and granularity is per channel.
  QuantizationSpec& granularity(AffineGranularity granularity);

  // A fixed [minimum, maximum] for affine formats; without it the range is the tensor's (or each
  // output channel's) min and max at the time of quantization.
  const std::optional<kernels::AffineRange>& range() const { return range_; }
  // REQUIRES: minimum <= maximum, both finite. Throws repro::InputError otherwise.
  QuantizationSpec& range(float minimum, float maximum);

  bool is_affine() const { return format_.family == kernels::FormatFamily::affine; }
  bool is_stochastic() const { return rounding_ == kernels::Rounding::stochastic; }

  // True when quantizing is the identity on every float32 (fp32, float:8:23, mask:32):
  // quantize() then returns its input unchanged without calling a kernel.
  bool is_identity() const;

  // The same rounding, granularity and range with another format (used by schedules that change
  // the bit width). Throws repro::InputError for a per-channel non-affine result.
  QuantizationSpec with_format(kernels::NumberFormat format) const;

  // The compact text form; parse_quantization_spec(to_string()) gives an equal spec.
  std::string to_string() const;

  friend bool operator==(const QuantizationSpec& a, const QuantizationSpec& b) {
    return a.to_string() == b.to_string();
  }
  friend bool operator!=(const QuantizationSpec& a, const QuantizationSpec& b) { return !(a == b); }

 private:
  kernels::NumberFormat format_;
  kernels::Rounding rounding_ = kernels::Rounding::nearest_even;
  int random_bits_ = 23;
  AffineGranularity granularity_ = AffineGranularity::per_tensor;
  std::optional<kernels::AffineRange> range_;
};

// Parses the compact text form above. Throws repro::InputError naming the text and the part at
// fault.
QuantizationSpec parse_quantization_spec(const std::string& text);

}  // namespace repro::quantization
