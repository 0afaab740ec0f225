#include "common/quantization/precision_schedule.h"

#include <algorithm>
#include <cmath>

#include "base/errors.h"

namespace repro::quantization {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kTieTolerance = 1e-9;

void check_bit_range(int bits_min, int bits_max, std::int64_t total_iterations,
                     std::int64_t iteration) {
  if (bits_min < 1 || bits_max < bits_min) {
    throw InputError("precision schedule: need 1 <= bits_min <= bits_max, got " +
                     std::to_string(bits_min) + ".." + std::to_string(bits_max));
  }
  if (total_iterations < 1) {
    throw InputError("precision schedule: total_iterations must be >= 1, got " +
                     std::to_string(total_iterations));
  }
  if (iteration < 0) {
    throw InputError("precision schedule: iteration must be >= 0, got " +
                     std::to_string(iteration));
  }
}

// "affine:3..affine:8": the formats at the schedule's ends.
std::string format_range(const BitWidthScheduleOptions& options) {
  return options.format_for_bits(options.bits_min).spec + ".." + options.format_for_bits(options.bits_max).spec;
}

void check_options(const BitWidthScheduleOptions& options) {
  check_bit_range(options.bits_min, options.bits_max, options.total_iterations, 0);
  if (!options.format_for_bits) throw InputError("precision schedule: no format for the bit widths");
  // Every bit width in range must give a valid format; fail now rather than mid-training.
  for (int bits = options.bits_min; bits <= options.bits_max; ++bits) policy_for_bits(options, bits);
}

}  // namespace

std::int64_t round_half_to_even(double value) {
  const double floor_value = std::floor(value);
  const double fraction = value - floor_value;
  const auto lower = static_cast<std::int64_t>(floor_value);
  if (std::abs(fraction - 0.5) < kTieTolerance) return lower % 2 == 0 ? lower : lower + 1;
  return fraction < 0.5 ? lower : lower + 1;
}

int cyclic_precision_bits(int bits_min, int bits_max, std::int64_t total_iterations,
                          std::int64_t cycles, std::int64_t iteration) {
  check_bit_range(bits_min, bits_max, total_iterations, iteration);
  if (cycles < 1) {
    throw InputError("cyclic precision schedule: cycles must be >= 1, got " +
                     std::to_string(cycles));
  }
  std::int64_t period = total_iterations / cycles;
  if (period < 1) period = 1;
  const double phase = static_cast<double>(iteration % period) / static_cast<double>(period);
  const double bits =
      bits_min + 0.5 * (bits_max - bits_min) * (1.0 - std::cos(kPi * phase));
  return static_cast<int>(round_half_to_even(bits));
}

int progressive_precision_bits(int bits_min, int bits_max, std::int64_t total_iterations,
                               std::int64_t iteration) {
  check_bit_range(bits_min, bits_max, total_iterations, iteration);
  if (total_iterations == 1) return bits_max;
  const std::int64_t last = total_iterations - 1;
  const double progress =
      static_cast<double>(std::min(iteration, last)) / static_cast<double>(last);
  return static_cast<int>(round_half_to_even(bits_min + (bits_max - bits_min) * progress));
}

PrecisionPolicy policy_for_bits(const BitWidthScheduleOptions& options, int bits) {
  PrecisionPolicy policy = options.base_policy;
  for (Role role : options.varying_roles) {
    const auto& base = options.base_policy.spec(role);
    try {
      const kernels::NumberFormat format = options.format_for_bits(bits);
      policy.set(role, base ? base->with_format(format) : QuantizationSpec(format));
    } catch (const std::exception& error) {
      throw InputError(std::string("precision schedule role '") + role_name(role) +
                       "': " + error.what());
    }
  }
  return policy;
}

CyclicPrecisionSchedule::CyclicPrecisionSchedule(BitWidthScheduleOptions options,
                                                 std::int64_t cycles)
    : options_(std::move(options)), cycles_(cycles) {
  check_options(options_);
  if (cycles_ < 1) {
    throw InputError("cyclic precision schedule: cycles must be >= 1, got " +
                     std::to_string(cycles_));
  }
}

int CyclicPrecisionSchedule::bits_at(std::int64_t iteration) const {
  return cyclic_precision_bits(options_.bits_min, options_.bits_max, options_.total_iterations,
                               cycles_, iteration);
}

PrecisionPolicy CyclicPrecisionSchedule::policy_at(std::int64_t iteration) const {
  return policy_for_bits(options_, bits_at(iteration));
}

std::string CyclicPrecisionSchedule::describe() const {
  return "cyclic " + format_range(options_) + " bits " + std::to_string(options_.bits_min) +
         ".." + std::to_string(options_.bits_max) + ", " + std::to_string(cycles_) +
         " cycles over " + std::to_string(options_.total_iterations) + " iterations, base " +
         options_.base_policy.to_string();
}

ProgressivePrecisionSchedule::ProgressivePrecisionSchedule(BitWidthScheduleOptions options)
    : options_(std::move(options)) {
  check_options(options_);
}

int ProgressivePrecisionSchedule::bits_at(std::int64_t iteration) const {
  return progressive_precision_bits(options_.bits_min, options_.bits_max,
                                    options_.total_iterations, iteration);
}

PrecisionPolicy ProgressivePrecisionSchedule::policy_at(std::int64_t iteration) const {
  return policy_for_bits(options_, bits_at(iteration));
}

std::string ProgressivePrecisionSchedule::describe() const {
  return "progressive " + format_range(options_) + " bits " + std::to_string(options_.bits_min) +
         ".." + std::to_string(options_.bits_max) + " over " +
         std::to_string(options_.total_iterations) + " iterations, base " +
         options_.base_policy.to_string();
}

}  // namespace repro::quantization
