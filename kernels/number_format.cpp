#include "kernels/number_format.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <sstream>
#include <vector>

#include "base/errors.h"

namespace repro::kernels {
namespace {

[[noreturn]] void fail(const std::string& spec, const std::string& why) {
  throw InputError("number format '" + spec + "': " + why +
                   " (expected float:E:M[:sat], fp32, tf32, bf16, fp16, e5m2, e4m3[:sat], mask:N, "
                   "fixed:W:F[:wrap], ufixed:W:F[:wrap] or affine:B)");
}

std::vector<std::string> split_fields(const std::string& text) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream stream(text);
  while (std::getline(stream, field, ':')) fields.push_back(field);
  if (!text.empty() && text.back() == ':') fields.emplace_back();
  return fields;
}

int parse_integer(const std::string& spec, const std::string& field, const char* what, int lowest, int highest) {
  std::size_t used = 0;
  long value = 0;
  bool ok = !field.empty() && (std::isdigit(static_cast<unsigned char>(field[0])) || field[0] == '-');
  if (ok) {
    try {
      value = std::stol(field, &used);
    } catch (const std::exception&) {
      ok = false;
    }
  }
  if (!ok || used != field.size()) fail(spec, std::string(what) + " '" + field + "' is not an integer");
  if (value < lowest || value > highest)
    fail(spec, std::string(what) + " " + field + " is outside " + std::to_string(lowest) + ".." +
                   std::to_string(highest));
  return static_cast<int>(value);
}

NumberFormat floating(int exponent_bits, int mantissa_bits) {
  NumberFormat format;
  format.family = FormatFamily::floating_point;
  format.exponent_bits = exponent_bits;
  format.mantissa_bits = mantissa_bits;
  return format;
}

// `format` with its canonical spec, validated.
NumberFormat checked(NumberFormat format) {
  format.spec = canonical_spec(format);
  validate(format);
  return format;
}

}  // namespace

NumberFormat floating_point_format(int exponent_bits, int mantissa_bits, OverflowPolicy overflow) {
  NumberFormat format = floating(exponent_bits, mantissa_bits);
  format.overflow = overflow;
  return checked(format);
}

NumberFormat bit_mask_format(int kept_bits) {
  NumberFormat format;
  format.family = FormatFamily::bit_mask;
  format.kept_bits = kept_bits;
  format.overflow = OverflowPolicy::ieee;
  return checked(format);
}

NumberFormat fixed_point_format(int total_bits, int fractional_bits, bool is_signed, OverflowPolicy overflow) {
  NumberFormat format;
  format.family = FormatFamily::fixed_point;
  format.total_bits = total_bits;
  format.fractional_bits = fractional_bits;
  format.is_signed = is_signed;
  format.overflow = overflow;
  return checked(format);
}

NumberFormat affine_format(int bits) {
  NumberFormat format;
  format.family = FormatFamily::affine;
  format.affine_bits = bits;
  format.overflow = OverflowPolicy::saturate;
  return checked(format);
}

std::string canonical_spec(const NumberFormat& format) {
  switch (format.family) {
    case FormatFamily::floating_point: {
      std::string text = format.e4m3_finite_only
                             ? std::string("e4m3")
                             : "float:" + std::to_string(format.exponent_bits) + ":" +
                                   std::to_string(format.mantissa_bits);
      if (format.overflow == OverflowPolicy::saturate) text += ":sat";
      return text;
    }
    case FormatFamily::bit_mask: return "mask:" + std::to_string(format.kept_bits);
    case FormatFamily::fixed_point: {
      std::string text = std::string(format.is_signed ? "fixed:" : "ufixed:") + std::to_string(format.total_bits) +
                         ":" + std::to_string(format.fractional_bits);
      if (format.overflow == OverflowPolicy::wrap) text += ":wrap";
      return text;
    }
    case FormatFamily::affine: return "affine:" + std::to_string(format.affine_bits);
  }
  return "?";
}

void validate(const NumberFormat& format) {
  const std::string name = format.spec.empty() ? canonical_spec(format) : format.spec;
  switch (format.family) {
    case FormatFamily::floating_point:
      if (format.exponent_bits < 2 || format.exponent_bits > 8) fail(name, "exponent bits must be 2..8");
      if (format.mantissa_bits < 0 || format.mantissa_bits > 23) fail(name, "mantissa bits must be 0..23");
      if (format.e4m3_finite_only && (format.exponent_bits != 4 || format.mantissa_bits != 3))
        fail(name, "E4M3FN needs 4 exponent and 3 mantissa bits");
      if (format.overflow == OverflowPolicy::wrap) fail(name, "floating point overflows to Inf or saturates, not wrap");
      return;
    case FormatFamily::bit_mask:
      if (format.kept_bits < 1 || format.kept_bits > 32) fail(name, "kept bits must be 1..32");
      return;
    case FormatFamily::fixed_point:
      if (format.total_bits < 2 || format.total_bits > 32) fail(name, "total bits must be 2..32");
      if (format.fractional_bits < -64 || format.fractional_bits > 126) fail(name, "fractional bits must be -64..126");
      if (format.overflow == OverflowPolicy::ieee) fail(name, "fixed point saturates or wraps, it has no Inf");
      return;
    case FormatFamily::affine:
      if (format.affine_bits < 1 || format.affine_bits > 16) fail(name, "affine bits must be 1..16");
      return;
  }
  fail(name, "unknown format family");
}

NumberFormat parse_number_format(const std::string& spec) {
  std::string text;
  for (char c : spec) text += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto first = text.find_first_not_of(" \t\r\n");
  const auto last = text.find_last_not_of(" \t\r\n");
  text = first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
  if (text.empty()) fail(spec, "empty");
  std::vector<std::string> fields = split_fields(text);
  const std::string& head = fields[0];

  NumberFormat format;
  std::size_t used = 1;  // fields consumed before an optional overflow suffix
  if (head == "fp32" || head == "tf32" || head == "bf16" || head == "fp16" || head == "e5m2" || head == "e4m3") {
    if (head == "fp32") format = floating(8, 23);
    if (head == "tf32") format = floating(8, 10);
    if (head == "bf16") format = floating(8, 7);
    if (head == "fp16") format = floating(5, 10);
    if (head == "e5m2") format = floating(5, 2);
    if (head == "e4m3") { format = floating(4, 3); format.e4m3_finite_only = true; }
  } else if (head == "float") {
    if (fields.size() < 3) fail(spec, "float needs exponent and mantissa bits, e.g. float:5:10");
    format = floating(parse_integer(spec, fields[1], "exponent bits", 2, 8),
                      parse_integer(spec, fields[2], "mantissa bits", 0, 23));
    used = 3;
  } else if (head == "mask") {
    if (fields.size() != 2) fail(spec, "mask needs the number of kept bits, e.g. mask:16");
    format = bit_mask_format(parse_integer(spec, fields[1], "kept bits", 1, 32));
    used = 2;
  } else if (head == "fixed" || head == "ufixed") {
    if (fields.size() < 3) fail(spec, head + " needs total and fractional bits, e.g. " + head + ":16:8");
    format = fixed_point_format(parse_integer(spec, fields[1], "total bits", 2, 32),
                                parse_integer(spec, fields[2], "fractional bits", -64, 126), head == "fixed");
    used = 3;
  } else if (head == "affine") {
    if (fields.size() != 2) fail(spec, "affine needs the number of bits, e.g. affine:8");
    format = affine_format(parse_integer(spec, fields[1], "affine bits", 1, 16));
    used = 2;
  } else {
    fail(spec, "unknown format '" + head + "'");
  }

  if (fields.size() > used + 1) fail(spec, "too many fields");
  if (fields.size() == used + 1) {
    const std::string& suffix = fields[used];
    if (format.family == FormatFamily::floating_point && suffix == "sat") format.overflow = OverflowPolicy::saturate;
    else if (format.family == FormatFamily::floating_point && suffix == "ieee") format.overflow = OverflowPolicy::ieee;
    else if (format.family == FormatFamily::fixed_point && suffix == "sat") format.overflow = OverflowPolicy::saturate;
    else if (format.family == FormatFamily::fixed_point && suffix == "wrap") format.overflow = OverflowPolicy::wrap;
    else fail(spec, "unknown suffix '" + suffix + "' for this format");
  }
  format.spec = canonical_spec(format);
  validate(format);
  return format;
}

FormatDescription describe(const NumberFormat& format) {
  validate(format);
  FormatDescription d{};
  switch (format.family) {
    case FormatFamily::floating_point: {
      const int bias = (1 << (format.exponent_bits - 1)) - 1;
      const int max_exponent = format.e4m3_finite_only ? bias + 1 : bias;
      d.exponent_bits = format.exponent_bits;
      d.mantissa_bits = format.mantissa_bits;
      d.largest_finite = format.e4m3_finite_only
                             ? 448.0
                             : std::ldexp(2.0 - std::ldexp(1.0, -format.mantissa_bits), max_exponent);
      d.smallest_normal = std::ldexp(1.0, 1 - bias);
      d.smallest_subnormal = std::ldexp(1.0, 1 - bias - format.mantissa_bits);
      d.machine_epsilon = std::ldexp(1.0, -format.mantissa_bits);
      return d;
    }
    case FormatFamily::bit_mask: {
      const int n = format.kept_bits;
      if (n >= 9) {
        d = describe(floating(8, n - 9));
        return d;
      }
      d.exponent_bits = n - 1;
      d.mantissa_bits = 0;
      if (n == 1) return d;  // only the sign survives: every value is +-0
      const int step = 1 << (9 - n);  // exponent fields kept: multiples of step
      const int largest_field = 256 - step;
      d.largest_finite = std::ldexp(1.0, largest_field - 127);
      d.smallest_normal = std::ldexp(1.0, step - 127);
      d.smallest_subnormal = d.smallest_normal;
      d.machine_epsilon = std::ldexp(1.0, step) - 1.0;
      return d;
    }
    case FormatFamily::fixed_point: {
      const int magnitude_bits = format.is_signed ? format.total_bits - 1 : format.total_bits;
      const double largest = std::ldexp(std::ldexp(1.0, magnitude_bits) - 1.0, -format.fractional_bits);
      float as_float = static_cast<float>(largest);
      if (static_cast<double>(as_float) > largest) as_float = std::nextafter(as_float, 0.0f);
      d.exponent_bits = 0;
      d.mantissa_bits = format.fractional_bits;
      d.largest_finite = as_float;
      d.smallest_normal = d.smallest_subnormal = d.machine_epsilon = std::ldexp(1.0, -format.fractional_bits);
      return d;
    }
    case FormatFamily::affine: {
      const double levels = std::ldexp(1.0, format.affine_bits) - 1.0;
      d.exponent_bits = 0;
      d.mantissa_bits = format.affine_bits;
      d.largest_finite = levels;
      d.smallest_normal = d.smallest_subnormal = 1.0;
      d.machine_epsilon = 1.0 / levels;
      return d;
    }
  }
  return d;
}

}  // namespace repro::kernels
