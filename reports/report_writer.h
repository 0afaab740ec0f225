// `repro report <out-dir>`: reads every <out-dir>/*/results.json and writes report.md,
// report.html, claims.csv and plots/<study>-<plot>.svg into <out-dir>, each atomically.
#pragma once

#include <filesystem>
#include <vector>

#include "reports/gnuplot_plot.h"
#include "reports/rendered_plot.h"
#include "common/study_results.h"

namespace repro::reports {

class ReportOptions {
 public:
  ReportOptions& plot_options(PlotRenderOptions value) { plot_options_ = std::move(value); return *this; }
  const PlotRenderOptions& plot_options() const { return plot_options_; }
  // When false, no plot is drawn and the report says so.
  ReportOptions& draw_plots(bool value) { draw_plots_ = value; return *this; }
  bool draw_plots() const { return draw_plots_; }

 private:
  PlotRenderOptions plot_options_;
  bool draw_plots_ = true;
};

struct ReportFiles {
  std::filesystem::path markdown;
  std::filesystem::path html;
  std::filesystem::path csv;
  std::vector<RenderedPlot> plots;
  std::size_t plots_drawn() const;
};

// Writes the report of `studies` into `out_dir`. Throws repro::InputError when a file cannot be
// written; a plot gnuplot cannot draw is reported in the documents, not thrown.
ReportFiles write_report(const std::vector<StudyResults>& studies, const std::filesystem::path& out_dir,
                         const ReportOptions& options = ReportOptions());

// Loads <out_dir>/*/results.json (repro::InputError when none or malformed) and writes the report.
ReportFiles write_report(const std::filesystem::path& out_dir, const ReportOptions& options = ReportOptions());

}  // namespace repro::reports
