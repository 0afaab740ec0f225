// Order statistics of timing samples for display in reports.
#pragma once

#include <vector>

namespace repro::reports {

struct TimingDisplay {
  std::size_t count = 0;
  double median = 0;
  double minimum = 0;
  double maximum = 0;
};

// REQUIRES: nothing; an empty `samples` gives count 0 and zeros. The median of an even count is
// the mean of the two middle values.
TimingDisplay summarize_timing(std::vector<double> samples);

}  // namespace repro::reports
