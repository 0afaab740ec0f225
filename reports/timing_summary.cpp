#include "reports/timing_summary.h"

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

}  // namespace repro::reports
