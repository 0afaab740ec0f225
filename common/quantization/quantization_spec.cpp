#include "common/quantization/quantization_spec.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <vector>

#include "base/errors.h"

namespace repro::quantization {
namespace {

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream stream(text);
  while (std::getline(stream, part, separator)) parts.push_back(part);
  if (!text.empty() && text.back() == separator) parts.emplace_back();
  return parts;
}

std::string format_float(float value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.9g", static_cast<double>(value));
  return buffer;
}

// Parses a whole decimal float; throws InputError mentioning `what` otherwise.
float parse_float(const std::string& text, const std::string& what) {
  char* end = nullptr;
  const float value = std::strtof(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(value)) {
    throw InputError("bad number '" + text + "' in " + what);
  }
  return value;
}

}  // namespace

QuantizationSpec::QuantizationSpec(const std::string& format_spec)
    : format_(kernels::parse_number_format(format_spec)) {}

QuantizationSpec::QuantizationSpec(kernels::NumberFormat format) : format_(std::move(format)) {
  if (format_.spec.empty()) format_.spec = kernels::canonical_spec(format_);
  kernels::validate(format_);
}

QuantizationSpec& QuantizationSpec::random_bits(int bits) {
  if (bits < 1 || bits > 32) {
    throw InputError("stochastic rounding random bits " + std::to_string(bits) +
                     " out of range 1..32 in '" + format_.spec + "'");
  }
  random_bits_ = bits;
  return *this;
}

QuantizationSpec& QuantizationSpec::granularity(AffineGranularity granularity) {
  if (granularity == AffineGranularity::per_output_channel && !is_affine()) {
    throw InputError("per-channel granularity needs an affine format, not '" + format_.spec + "'");
  }
  granularity_ = granularity;
  return *this;
}

QuantizationSpec& QuantizationSpec::range(float minimum, float maximum) {
  if (!is_affine()) {
    throw InputError("a range needs an affine format, not '" + format_.spec + "'");
  }
  if (!std::isfinite(minimum) || !std::isfinite(maximum) || minimum > maximum) {
    throw InputError("bad affine range " + format_float(minimum) + ":" + format_float(maximum) +
                     " for '" + format_.spec + "' (need finite minimum <= maximum)");
  }
  range_ = kernels::AffineRange{minimum, maximum};
  return *this;
}

bool QuantizationSpec::is_identity() const {
  switch (format_.family) {
    case kernels::FormatFamily::floating_point:
      return format_.exponent_bits == 8 && format_.mantissa_bits == 23;
    case kernels::FormatFamily::bit_mask:
      return format_.kept_bits >= 32;
    default:
      return false;
  }
}

QuantizationSpec QuantizationSpec::with_format(kernels::NumberFormat format) const {
  QuantizationSpec result(std::move(format));
  result.rounding_ = rounding_;
  result.random_bits_ = random_bits_;
  result.granularity(granularity_);
  if (range_ && result.is_affine()) result.range_ = range_;
  return result;
}

std::string QuantizationSpec::to_string() const {
  std::string text = format_.spec;
  if (rounding_ != kernels::Rounding::nearest_even) {
    text += "/";
    text += kernels::rounding_name(rounding_);
    if (rounding_ == kernels::Rounding::stochastic && random_bits_ != 23) {
      text += ":" + std::to_string(random_bits_);
    }
  }
  if (granularity_ == AffineGranularity::per_output_channel) text += "/per-channel";
  if (range_) text += "/range=" + format_float(range_->minimum) + ":" + format_float(range_->maximum);
  return text;
}

QuantizationSpec parse_quantization_spec(const std::string& text) {
  const std::vector<std::string> parts = split(text, '/');
  if (parts.empty() || parts[0].empty()) {
    throw InputError("empty quantization spec '" + text + "'");
  }
  QuantizationSpec spec(parts[0]);
  const std::string where = "quantization spec '" + text + "'";
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const std::string& part = parts[i];
    if (part == "per-tensor" || part == "per_tensor") {
      spec.granularity(AffineGranularity::per_tensor);
    } else if (part == "per-channel" || part == "per_channel" || part == "per-output-channel") {
      spec.granularity(AffineGranularity::per_output_channel);
    } else if (part.rfind("range=", 0) == 0) {
      // MIN:MAX where MIN may be negative: split at the ':' that follows a number.
      const std::string bounds = part.substr(6);
      const std::size_t colon = bounds.find(':', 1);
      if (colon == std::string::npos) throw InputError("range needs MIN:MAX in " + where);
      spec.range(parse_float(bounds.substr(0, colon), where),
                 parse_float(bounds.substr(colon + 1), where));
    } else {
      kernels::RoundingOptions rounding;
      try {
        rounding = kernels::parse_rounding_options(part);
      } catch (const std::exception&) {
        throw InputError("unknown rounding or option '" + part + "' in " + where);
      }
      spec.rounding(rounding.mode);
      spec.random_bits(rounding.random_bits);
    }
  }
  return spec;
}

}  // namespace repro::quantization
