// The front page's small verdict chart: one horizontal bar per study, split by verdict (each bar
// is that study's claims, 100%), counts written on the segments, a legend above. A self-contained
// SVG written directly (no gnuplot), in the report's colour-blind-safe verdict colours.
#pragma once

#include <string>

#include "reports/report_summary.h"

namespace repro::reports {

// The colour of a verdict (Okabe–Ito: bluish green, vermillion, orange, grey), "#rrggbb".
std::string verdict_colour(const std::string& verdict);

// An <svg> document (no XML declaration), 640 px wide, every text inside its viewBox.
std::string verdict_chart_svg(const ReportSummary& summary);

}  // namespace repro::reports
