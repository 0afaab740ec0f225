// report.md, with the structure of report.html (GitHub renders it): a front page (verdict chart
// linked as plots/verdict_chart.svg, one line per study with its headline claims, the claims whose
// verdict differs from the expected one), then per study the "paper vs ours" table, raw values in
// <details>, figures (linked SVG files with their captions), checks apart, tables, timings and the
// manifest (short table, full record in <details>).
#pragma once

#include <string>
#include <vector>

#include "reports/markdown_elements.h"
#include "reports/rendered_plot.h"
#include "common/study_results.h"

namespace repro::reports {

// Where report.md links the front page's verdict chart (report_writer.cpp writes it there).
inline constexpr const char* kVerdictChartPath = "plots/verdict_chart.svg";

// REQUIRES: every plot in `plots` belongs to a study in `studies` (matched by study name).
std::string markdown_report(const std::vector<StudyResults>& studies, const std::vector<RenderedPlot>& plots);

// One study's section of report.md.
std::string markdown_study_section(const StudyResults& study, const std::vector<RenderedPlot>& plots);

}  // namespace repro::reports
