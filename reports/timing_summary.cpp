#include "reports/timing_summary.h"

#include <fmt/format.h>

#include "stats/timing_summary.h"

namespace repro::reports {

TimingDisplay summarize_timing(const std::vector<double>& samples) {
  TimingDisplay display;
  if (samples.empty()) return display;
  const stats::TimingSummary summary = stats::summarize_timings(samples);
  display.count = static_cast<std::size_t>(summary.count);
  display.median = summary.median;
  display.minimum = summary.minimum;
  display.maximum = summary.maximum;
  display.median_lower = summary.median_interval.lower;
  display.median_upper = summary.median_interval.upper;
  return display;
}

const std::vector<std::string>& timing_columns() {
  static const std::vector<std::string> columns = {"timing", "unit", "samples", "median",
                                                   "95% interval of the median", "min", "max"};
  return columns;
}

std::vector<std::string> timing_cells(const TimingSamples& timing) {
  const TimingDisplay display = summarize_timing(timing.samples);
  return {timing.id,
          timing.unit,
          std::to_string(display.count),
          fmt::format("{:.4g}", display.median),
          fmt::format("{:.4g}–{:.4g}", display.median_lower, display.median_upper),
          fmt::format("{:.4g}", display.minimum),
          fmt::format("{:.4g}", display.maximum)};
}

}  // namespace repro::reports
