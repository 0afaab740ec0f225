// report.html: one self-contained page (inline CSS, plots as inline SVG, no external resources)
// with the same structure as report.md. A front page (id="front"): a verdict chart and one line
// per study (paper, tier, verdicts, checks, headline claims published vs ours); the claims whose
// verdict differs from the expected one; then a section per study (html_study_section.h).
// Verdicts are colour-coded with a colour-blind-safe palette.
#pragma once

#include <string>
#include <vector>

#include "reports/html_elements.h"
#include "reports/rendered_plot.h"
#include "common/study_results.h"

namespace repro::reports {

// REQUIRES: every plot in `plots` belongs to a study in `studies` (matched by study name).
std::string html_report(const std::vector<StudyResults>& studies, const std::vector<RenderedPlot>& plots);

}  // namespace repro::reports
