// Order statistics of timing samples for display in reports (computed by stats/timing_summary.h).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "common/study_results.h"

namespace repro::reports {

struct TimingDisplay {
  std::size_t count = 0;
  double median = 0;
  double minimum = 0;
  double maximum = 0;
  // Distribution-free 95% interval of the median (stats::summarize_timings).
  double median_lower = 0;
  double median_upper = 0;
};

// An empty `samples` gives count 0 and zeros; non-finite samples throw repro::InputError.
TimingDisplay summarize_timing(const std::vector<double>& samples);

// The columns of a timings table and one timing's cells (id, unit, samples, median, interval of
// the median, min, max; four significant digits), shared by the Markdown and HTML writers.
const std::vector<std::string>& timing_columns();
std::vector<std::string> timing_cells(const TimingSamples& timing);

}  // namespace repro::reports
