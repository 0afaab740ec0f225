// The bit-width schedules CPT compares (static, cyclic, progressive), as plain functions of the
// iteration, plus the rounding variants used to show how much the rounding choice matters.
#pragma once

#include <cstdint>
#include <string>

namespace repro::cyclic_precision_training {

enum class ScheduleKind { static_precision, cyclic, progressive };

// How a cosine value between integers becomes a bit width.
enum class BitRounding {
  half_to_even,    // the authors' code (Python round / numpy.round), per iteration
  half_away,       // std::round: ties away from zero
  none,            // the unrounded real-valued B_t (a cost-model idealisation)
};

struct BitSchedule {
  ScheduleKind kind = ScheduleKind::static_precision;
  int bits_min = 8;  // static: unused (bits_max is the precision)
  int bits_max = 8;
  std::int64_t total_iterations = 1;
  std::int64_t cycles = 32;  // cyclic only

  static BitSchedule fixed(int bits, std::int64_t total_iterations);
  static BitSchedule cyclic(int bits_min, int bits_max, std::int64_t total_iterations,
                            std::int64_t cycles);
  static BitSchedule progressive(int bits_min, int bits_max, std::int64_t total_iterations);

  // The integer bit width at iteration t (authors' rounding, from common/quantization).
  // REQUIRES: 0 <= t.
  int bits_at(std::int64_t iteration) const;
  // The bit width with another rounding (cyclic and progressive; static ignores it).
  double bits_at(std::int64_t iteration, BitRounding rounding) const;

  // "static 8", "cyclic 3–8 (32 cycles)", "progressive 3–8".
  std::string describe() const;
};

// B_min + ½(B_max − B_min)(1 − cos(π·(t mod T)/T)) without rounding, T = total / cycles
// (integer division, at least 1): the formula as printed, computed independently of
// common/quantization so that the audit compares two implementations.
double cyclic_bits_unrounded(int bits_min, int bits_max, std::int64_t total_iterations,
                             std::int64_t cycles, std::int64_t iteration);

}  // namespace repro::cyclic_precision_training
