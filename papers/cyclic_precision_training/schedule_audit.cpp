#include "papers/cyclic_precision_training/schedule_audit.h"

#include <algorithm>
#include <cfenv>
#include <cmath>
#include <cstdint>
#include <vector>

#include <fmt/format.h>

#include "common/check.h"
#include "common/study_context.h"
#include "papers/cyclic_precision_training/bit_schedule.h"
#include "papers/cyclic_precision_training/bitops_savings.h"
#include "papers/cyclic_precision_training/claim_ids.h"

namespace repro::cyclic_precision_training {
namespace {

constexpr double kPi = 3.14159265358979323846;

struct Range {
  int bits_min, bits_max, gradient_bits;
};
constexpr Range kRanges[] = {{3, 8, 8}, {3, 6, 6}, {4, 8, 8}, {4, 6, 6}};

// The formula exactly as the authors' Python evaluates it, rounded by the C library's
// nearbyint in the default (ties-to-even) mode, as numpy.rint / Python 3 round do.
int printed_formula_bits(int bits_min, int bits_max, std::int64_t period, std::int64_t t) {
  const double phase = static_cast<double>(t % period) / static_cast<double>(period);
  const double value = bits_min + 0.5 * (bits_max - bits_min) * (1.0 - std::cos(kPi * phase));
  return static_cast<int>(std::nearbyint(value));
}

void add_schedule_plot(StudyContext& context, std::int64_t iterations, std::int64_t cycles) {
  const BitSchedule schedules[] = {BitSchedule::fixed(8, iterations),
                                   BitSchedule::cyclic(3, 8, iterations, cycles),
                                   BitSchedule::progressive(3, 8, iterations)};
  nlohmann::json series = nlohmann::json::array();
  const std::int64_t step = std::max<std::int64_t>(iterations / 2560, 1);
  for (const BitSchedule& schedule : schedules) {
    std::vector<double> x, y;
    for (std::int64_t t = 0; t < iterations; t += step) {
      x.push_back(static_cast<double>(t));
      y.push_back(schedule.bits_at(t));
    }
    series.push_back({{"name", schedule.describe()}, {"x", x}, {"y", y}});
  }
  context.add_plot({{"id", "precision_schedules"},
                    {"title", fmt::format("Forward precision per iteration ({} iterations, {} "
                                          "cycles; gradients stay at 8 bits)",
                                          iterations, cycles)},
                    {"x_label", "iteration"},
                    {"y_label", "bits of weights and activations"},
                    {"kind", "line"},
                    {"series", series},
                    {"caption", "Source: Section 3.2 (the cyclic schedule's formula) and Section 4.1 (" +
                                    fmt::format("{} iterations, {} cycles", iterations, cycles) +
                                    "), redrawn from the formula; the paper prints no schedule values. No error bars."}});
  // One cycle in detail, every iteration.
  const std::int64_t period = iterations / cycles;
  std::vector<double> x, y, unrounded;
  const BitSchedule cyclic = BitSchedule::cyclic(3, 8, iterations, cycles);
  for (std::int64_t t = 0; t < period + period / 4; ++t) {
    x.push_back(static_cast<double>(t));
    y.push_back(cyclic.bits_at(t));
    unrounded.push_back(cyclic.bits_at(t, BitRounding::none));
  }
  context.add_plot({{"id", "cyclic_schedule_one_cycle"},
                    {"title", "CPT 3–8: the first cycle and a quarter, rounded and unrounded"},
                    {"x_label", "iteration"},
                    {"y_label", "bits"},
                    {"kind", "line"},
                    {"series",
                     {{{"name", "rounded half to even (used)"}, {"x", x}, {"y", y}},
                      {{"name", "unrounded formula"}, {"x", x}, {"y", unrounded}}}},
                    {"caption", "Source: Section 3.2 (the cyclic schedule's formula between 3 and 8 bits), "
                                "redrawn; the paper prints no schedule values. No error bars."}});
}

}  // namespace

void decide_schedule_formula(StudyContext& context) {
  const auto& published = context.published();
  const auto iterations = static_cast<std::int64_t>(published.number("training_iterations"));
  const auto cycles = static_cast<std::int64_t>(published.number("cycles"));
  const std::int64_t period = iterations / cycles;
  std::fesetround(FE_TONEAREST);

  std::int64_t checked = 0, mismatches = 0, ties = 0, bad_cycles = 0;
  nlohmann::json mean_bits = nlohmann::json::object();
  for (const Range& range : kRanges) {
    const BitSchedule schedule = BitSchedule::cyclic(range.bits_min, range.bits_max, iterations, cycles);
    double sum = 0.0;
    for (std::int64_t t = 0; t < iterations; ++t) {
      const int ours = schedule.bits_at(t);
      const int printed = printed_formula_bits(range.bits_min, range.bits_max, period, t);
      const double unrounded = schedule.bits_at(t, BitRounding::none);
      if (std::abs(unrounded - std::floor(unrounded) - 0.5) < 1e-9) ++ties;
      mismatches += ours != printed;
      ++checked;
      sum += ours;
    }
    // Each cycle starts at B_min, never decreases, and reaches B_max before its end.
    for (std::int64_t cycle = 0; cycle < cycles; ++cycle) {
      const std::int64_t start = cycle * period;
      bool ok = schedule.bits_at(start) == range.bits_min;
      int highest = range.bits_min;
      for (std::int64_t t = start + 1; t < start + period; ++t) {
        ok = ok && schedule.bits_at(t) >= schedule.bits_at(t - 1);
        highest = std::max(highest, schedule.bits_at(t));
      }
      bad_cycles += !(ok && highest == range.bits_max);
    }
    mean_bits[fmt::format("{}-{}", range.bits_min, range.bits_max)] = sum / iterations;
  }

  nlohmann::json rows = nlohmann::json::array();
  for (const Range& range : kRanges) {
    const auto saving = [&](BitRounding rounding) {
      return cyclic_bitops_saving_percent(range.bits_min, range.bits_max, range.gradient_bits,
                                          iterations, cycles, rounding);
    };
    const double even = saving(BitRounding::half_to_even);
    const double away = saving(BitRounding::half_away);
    const double none = saving(BitRounding::none);
    const double paper = published.number(fmt::format("table2_saving_fw{}_{}_bw{}", range.bits_min,
                                                      range.bits_max, range.gradient_bits));
    rows.push_back({fmt::format("FW {}–{} / BW {}", range.bits_min, range.bits_max, range.gradient_bits),
                    paper, fmt::format("{:.2f}", even), fmt::format("{:.2f}", away),
                    fmt::format("{:.2f}", none)});
  }
  context.add_table({{"id", "saving_by_rounding"},
                     {"title", "BitOPs saving (%) of CPT over static precision by the rounding of B_t"},
                     {"columns", {"schedule", "published", "half to even (authors)", "half away from zero",
                                  "unrounded"}},
                     {"rows", rows}});
  add_schedule_plot(context, iterations, cycles);

  // A mechanics check (our implementation of the paper's formula recomputed), not a claim.
  if (!context.should_check(kScheduleFormulaExact)) return;
  context.record_check(kScheduleFormulaExact,
                       check_that(mismatches == 0 && bad_cycles == 0)
                           .measured({{"iterations_checked", checked},
                                      {"mismatches", mismatches},
                                      {"exact_ties_rounded_to_even", ties},
                                      {"cycles_not_ramping_min_to_max", bad_cycles},
                                      {"mean_bits", mean_bits}})
                           .rule("every iteration of the 64,000-iteration, 32-cycle schedule for FW 3–8, "
                                 "3–6, 4–8, 4–6 equals nearbyint(B_min + ½(B_max − B_min)(1 − cos(π·(t "
                                 "mod T)/T))) (ties to even), and every cycle starts at B_min, never "
                                 "decreases and reaches B_max: exact, no tolerance")
                           .reason(fmt::format("{} of {} iterations differ; {} exact .5 ties rounded to "
                                               "even; {} cycles malformed",
                                               mismatches, checked, ties, bad_cycles)));
}

}  // namespace repro::cyclic_precision_training
