// One study's section of report.html: paper and run line, the "paper vs ours" table (one row per
// claim, formatted numbers, no JSON), the raw values and provenance collapsible, figures with
// captions, checks apart from the claims, the study's tables and timings, and the manifest as a
// short table with the full record collapsible.
#pragma once

#include <string>
#include <vector>

#include "reports/rendered_plot.h"
#include "common/study_results.h"

namespace repro::reports {

// <section class="study" id="study-<study>">...</section>. The claims table has
// id="claims-<study>" and class "main-table claims"; each row id="claim-<study>-<claim id>" and
// data-verdict; the checks table id="checks-<study>"; figures id="plot-<study>-<plot id>".
std::string html_study_section(const StudyResults& study, const std::vector<RenderedPlot>& plots);

}  // namespace repro::reports
