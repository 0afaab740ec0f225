// report.html: one self-contained page (inline CSS, plots as inline SVG, no external resources)
// with the same content as report.md; verdicts are colour-coded. The claims table has
// id="claims"; each claim row has id="claim-<study>-<claim id>" and data-verdict="<verdict>".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "reports/rendered_plot.h"
#include "reports/study_results.h"

namespace repro::reports {

// Text escaped for HTML element content and attribute values (& < > " ').
std::string html_escape(std::string_view text);

// An SVG document without its XML declaration, DOCTYPE and comments before <svg>, for inlining.
std::string svg_for_inlining(std::string_view svg_document);

// REQUIRES: every plot in `plots` belongs to a study in `studies` (matched by study name).
std::string html_report(const std::vector<StudyResults>& studies, const std::vector<RenderedPlot>& plots);

}  // namespace repro::reports
