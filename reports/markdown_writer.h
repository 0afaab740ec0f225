// report.md: summary (verdict counts per study, mismatches first), every claim, and per study its
// manifest, tables, plots (linked SVG files, or why they were not drawn) and timings.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "reports/rendered_plot.h"
#include "reports/study_results.h"

namespace repro::reports {

// A table cell: '|' escaped, line breaks as spaces, "" as a dash-free empty cell.
std::string markdown_cell(std::string_view text);

// REQUIRES: every plot in `plots` belongs to a study in `studies` (matched by study name).
std::string markdown_report(const std::vector<StudyResults>& studies, const std::vector<RenderedPlot>& plots);

}  // namespace repro::reports
