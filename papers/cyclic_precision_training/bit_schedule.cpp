#include "papers/cyclic_precision_training/bit_schedule.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "common/quantization/precision_schedule.h"

namespace repro::cyclic_precision_training {
namespace {
constexpr double kPi = 3.14159265358979323846;
}  // namespace

BitSchedule BitSchedule::fixed(int bits, std::int64_t total_iterations) {
  BitSchedule schedule;
  schedule.kind = ScheduleKind::static_precision;
  schedule.bits_min = bits;
  schedule.bits_max = bits;
  schedule.total_iterations = total_iterations;
  return schedule;
}

BitSchedule BitSchedule::cyclic(int bits_min, int bits_max, std::int64_t total_iterations,
                                std::int64_t cycles) {
  BitSchedule schedule;
  schedule.kind = ScheduleKind::cyclic;
  schedule.bits_min = bits_min;
  schedule.bits_max = bits_max;
  schedule.total_iterations = total_iterations;
  schedule.cycles = cycles;
  return schedule;
}

BitSchedule BitSchedule::progressive(int bits_min, int bits_max, std::int64_t total_iterations) {
  BitSchedule schedule;
  schedule.kind = ScheduleKind::progressive;
  schedule.bits_min = bits_min;
  schedule.bits_max = bits_max;
  schedule.total_iterations = total_iterations;
  return schedule;
}

int BitSchedule::bits_at(std::int64_t iteration) const {
  switch (kind) {
    case ScheduleKind::static_precision:
      return bits_max;
    case ScheduleKind::cyclic:
      return quantization::cyclic_precision_bits(bits_min, bits_max, total_iterations, cycles,
                                                 iteration);
    case ScheduleKind::progressive:
      return quantization::progressive_precision_bits(bits_min, bits_max, total_iterations,
                                                      iteration);
  }
  return bits_max;
}

double BitSchedule::bits_at(std::int64_t iteration, BitRounding rounding) const {
  double value = bits_max;
  if (kind == ScheduleKind::cyclic) {
    value = cyclic_bits_unrounded(bits_min, bits_max, total_iterations, cycles, iteration);
  } else if (kind == ScheduleKind::progressive) {
    const std::int64_t last = std::max<std::int64_t>(total_iterations - 1, 1);
    const std::int64_t t = std::min(iteration, last);
    value = total_iterations == 1
                ? bits_max
                : bits_min + (bits_max - bits_min) * static_cast<double>(t) / last;
  }
  switch (rounding) {
    case BitRounding::half_to_even:
      return static_cast<double>(quantization::round_half_to_even(value));
    case BitRounding::half_away:
      // Ties computed in floating point may sit 1e-15 below x.5; nudge as round_half_to_even does.
      return std::floor(value + 0.5 + 1e-9);
    case BitRounding::none:
      return value;
  }
  return value;
}

std::string BitSchedule::describe() const {
  switch (kind) {
    case ScheduleKind::static_precision:
      return fmt::format("static {}", bits_max);
    case ScheduleKind::cyclic:
      return fmt::format("cyclic {}–{} ({} cycles)", bits_min, bits_max, cycles);
    case ScheduleKind::progressive:
      return fmt::format("progressive {}–{}", bits_min, bits_max);
  }
  return "";
}

double cyclic_bits_unrounded(int bits_min, int bits_max, std::int64_t total_iterations,
                             std::int64_t cycles, std::int64_t iteration) {
  const std::int64_t period = std::max<std::int64_t>(total_iterations / cycles, 1);
  const double phase = static_cast<double>(iteration % period) / static_cast<double>(period);
  return bits_min + 0.5 * (bits_max - bits_min) * (1.0 - std::cos(kPi * phase));
}

}  // namespace repro::cyclic_precision_training
