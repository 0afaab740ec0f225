#include "reports/report_writer.h"

#include "base/atomic_file.h"
#include "reports/csv_writer.h"
#include "reports/html_writer.h"
#include "reports/markdown_writer.h"
#include "reports/report_summary.h"
#include "reports/verdict_chart.h"

namespace repro::reports {
namespace {

std::vector<RenderedPlot> draw_plots(const std::vector<StudyResults>& studies, const std::filesystem::path& out_dir,
                                     const ReportOptions& options) {
  std::vector<RenderedPlot> rendered;
  for (const StudyResults& study : studies) {
    for (const PlotSpec& plot : study.plots) {
      RenderedPlot result;
      result.study = study.study;
      result.plot_id = plot.id;
      result.title = plot.title;
      result.caption = plot.caption;
      result.svg_relative_path = "plots/" + safe_file_stem(study.study) + "-" + safe_file_stem(plot.id) + ".svg";
      if (!options.draw_plots()) {
        result.why_not_drawn = "plot drawing was turned off";
      } else {
        const PlotRenderResult outcome =
            render_plot_svg(plot, out_dir / result.svg_relative_path, options.plot_options());
        result.drawn = outcome.drawn;
        result.why_not_drawn = outcome.why;
        if (outcome.drawn) result.svg = repro::read_whole_file(out_dir / result.svg_relative_path);
      }
      rendered.push_back(std::move(result));
    }
  }
  return rendered;
}

}  // namespace

std::size_t ReportFiles::plots_drawn() const {
  std::size_t drawn = 0;
  for (const RenderedPlot& plot : plots) drawn += plot.drawn ? 1 : 0;
  return drawn;
}

ReportFiles write_report(const std::vector<StudyResults>& studies, const std::filesystem::path& out_dir,
                         const ReportOptions& options) {
  std::filesystem::create_directories(out_dir);
  ReportFiles files;
  files.plots = draw_plots(studies, out_dir, options);
  files.markdown = out_dir / "report.md";
  files.html = out_dir / "report.html";
  files.csv = out_dir / "claims.csv";
  std::filesystem::create_directories(out_dir / "plots");
  repro::write_file_atomically(out_dir / kVerdictChartPath,
                               "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + verdict_chart_svg(summarize(studies)));
  repro::write_file_atomically(files.csv, claims_csv(studies));
  repro::write_file_atomically(files.markdown, markdown_report(studies, files.plots));
  repro::write_file_atomically(files.html, html_report(studies, files.plots));
  return files;
}

ReportFiles write_report(const std::filesystem::path& out_dir, const ReportOptions& options) {
  return write_report(load_results_directory(out_dir), out_dir, options);
}

}  // namespace repro::reports
