// `repro quantize`: quantize float32 values read from stdin, one per line.
//   repro quantize --format SPEC [--rounding MODE] [--seed N] [--hex]
//     input lines: a decimal (1.5, -2e-3, nan, inf) or a float32 bit pattern 0x3fc00000; blank lines skipped
//     output: one result per line, "%.9g", or the bit pattern "0x%08x" with --hex
//     affine:B formats use --min/--max, by default the smallest and largest finite input (one range)
//   repro quantize --format SPEC --describe
//     -> {"format":"float:5:10","exponent_bits":5,"mantissa_bits":10,"largest_finite":65504,...}
// Bad specs, modes or input lines throw repro::InputError naming them; `repro` exits 2.
// Element i (0-based, counting non-blank lines) is element index i of stochastic rounding (seed N, stream 0).
#include <cerrno>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "app/cli/commands.h"
#include "base/errors.h"
#include "kernels/number_format.h"
#include "kernels/quantize.h"
#include "kernels/rounding.h"

namespace repro::cli {
namespace {

struct QuantizeArguments {
  std::string format;
  std::string rounding = "nearest";
  std::uint64_t seed = 0;
  bool hex = false;
  bool describe = false;
  double minimum = std::numeric_limits<double>::quiet_NaN();
  double maximum = std::numeric_limits<double>::quiet_NaN();
};

float parse_value(const std::string& raw, std::int64_t line_number) {
  const auto first = raw.find_first_not_of(" \t\r");
  const auto last = raw.find_last_not_of(" \t\r");
  const std::string text = raw.substr(first, last - first + 1);
  const std::string where = "stdin line " + std::to_string(line_number) + ": '" + text + "'";
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    const std::string digits = text.substr(2);
    if (digits.size() > 8 || digits.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
      throw InputError(where + " is not a float32 bit pattern (0x and at most 8 hex digits)");
    const std::uint32_t bits = static_cast<std::uint32_t>(std::stoul(digits, nullptr, 16));
    float value;
    std::memcpy(&value, &bits, sizeof value);
    return value;
  }
  char* end = nullptr;
  errno = 0;
  const float value = std::strtof(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0') throw InputError(where + " is not a number");
  return value;  // out-of-range decimals become +-Inf or a subnormal/zero, as a float32 conversion does
}

void print_description(const kernels::NumberFormat& format) {
  const kernels::FormatDescription d = kernels::describe(format);
  nlohmann::ordered_json json;
  json["format"] = format.spec;
  json["exponent_bits"] = d.exponent_bits;
  json["mantissa_bits"] = d.mantissa_bits;
  json["largest_finite"] = d.largest_finite;
  json["smallest_normal"] = d.smallest_normal;
  json["smallest_subnormal"] = d.smallest_subnormal;
  json["machine_epsilon"] = d.machine_epsilon;
  std::cout << json.dump() << "\n";
}

int run_quantize(const QuantizeArguments& arguments) {
  const kernels::NumberFormat format = kernels::parse_number_format(arguments.format);
  if (arguments.describe) {
    print_description(format);
    return 0;
  }
  const kernels::RoundingOptions rounding =
      kernels::parse_rounding_options(arguments.rounding).with_seed(arguments.seed);
  std::vector<float> values;
  std::string line;
  std::int64_t line_number = 0;
  while (std::getline(std::cin, line)) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    values.push_back(parse_value(line, line_number));
  }
  kernels::AffineRange range{0.0f, 0.0f};
  if (format.family == kernels::FormatFamily::affine) {
    float lowest = std::numeric_limits<float>::infinity(), highest = -lowest;
    for (float v : values)
      if (std::isfinite(v)) {
        lowest = std::min(lowest, v);
        highest = std::max(highest, v);
      }
    if (!std::isnan(arguments.minimum)) lowest = static_cast<float>(arguments.minimum);
    if (!std::isnan(arguments.maximum)) highest = static_cast<float>(arguments.maximum);
    if (!(lowest <= highest)) throw InputError("affine format " + format.spec + ": no finite input and no --min/--max");
    range = {lowest, highest};
  }
  std::vector<float> results(values.size());
  kernels::QuantizeCall call{values.data(), results.data(), static_cast<std::int64_t>(values.size())};
  call.affine_ranges = &range;
  kernels::quantize_cpu(call, format, rounding);
  for (float result : results) {
    if (arguments.hex) {
      std::uint32_t bits;
      std::memcpy(&bits, &result, sizeof bits);
      std::printf("0x%08" PRIx32 "\n", bits);
    } else {
      std::printf("%.9g\n", static_cast<double>(result));
    }
  }
  return 0;
}

}  // namespace

void add_quantize_command(CLI::App& app, int& exit_code) {
  auto arguments = std::make_shared<QuantizeArguments>();
  CLI::App* command = app.add_subcommand("quantize", "Quantize float32 values from stdin onto a number format");
  command->add_option("--format", arguments->format,
                      "float:E:M[:sat], fp32, tf32, bf16, fp16, e5m2, e4m3[:sat], mask:N, fixed:W:F[:wrap], "
                      "ufixed:W:F[:wrap], affine:B")
      ->required();
  command->add_option("--rounding", arguments->rounding,
                      "nearest (default), nearest-away, toward-zero, down, up, stochastic[:K]");
  command->add_option("--seed", arguments->seed, "seed of stochastic rounding (default 0)");
  command->add_flag("--hex", arguments->hex, "print float32 bit patterns (0x%08x) instead of %.9g");
  command->add_flag("--describe", arguments->describe, "print the format's properties as JSON and exit");
  command->add_option("--min", arguments->minimum, "affine formats: the grid's minimum (default: smallest input)");
  command->add_option("--max", arguments->maximum, "affine formats: the grid's maximum (default: largest input)");
  command->callback([arguments, &exit_code] { exit_code = run_quantize(*arguments); });
}

}  // namespace repro::cli
