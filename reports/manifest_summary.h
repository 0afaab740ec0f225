// The few manifest fields a reader wants first (commit, date, machine, LibTorch, device, seeds),
// for the short manifest table of each study; the whole record goes into a collapsible block.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/study_results.h"

namespace repro::reports {

// (label, value) rows; a field absent from the manifest is left out. Empty when there is no manifest.
std::vector<std::pair<std::string, std::string>> manifest_summary(const StudyResults& study);

// "Tier smoke, device cpu, seed 0, started <time>, 12.3 s wall time[, a partial run (--units-of ...)]. Results:
// <path>." (the partial-run part when the manifest has units_of: RunOptions::units_of)
std::string run_line(const StudyResults& study);

}  // namespace repro::reports
