#include "reports/timing_summary.h"

#include <algorithm>

namespace repro::reports {

TimingDisplay summarize_timing(std::vector<double> samples) {
  TimingDisplay display;
  display.count = samples.size();
  if (samples.empty()) return display;
  std::sort(samples.begin(), samples.end());
  const std::size_t middle = samples.size() / 2;
  display.median = samples.size() % 2 == 1 ? samples[middle] : (samples[middle - 1] + samples[middle]) / 2;
  display.minimum = samples.front();
  display.maximum = samples.back();
  return display;
}

}  // namespace repro::reports
