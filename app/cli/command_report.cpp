// `repro report <out-dir> [--no-plots] [--gnuplot PROGRAM]`: reads every <out-dir>/*/results.json
// and writes report.md, report.html, claims.csv and plots/*.svg into <out-dir>.
// Exit 0 when written, 2 on bad input (no results, malformed results.json).
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "app/cli/commands.h"
#include "reports/report_writer.h"

namespace repro::cli {
namespace {

struct ReportArguments {
  std::string output_dir;
  std::string gnuplot = "gnuplot";
  bool no_plots = false;
};

}  // namespace

void add_report_command(CLI::App& app, int& exit_code) {
  auto arguments = std::make_shared<ReportArguments>();
  auto* command = app.add_subcommand(
      "report", "Write report.md, report.html, claims.csv and SVG plots from <out-dir>/*/results.json");
  command->add_option("out-dir", arguments->output_dir, "Directory holding <study>/results.json (as written by run)")
      ->required();
  command->add_option("--gnuplot", arguments->gnuplot, "gnuplot program used to draw the plots")
      ->capture_default_str();
  command->add_flag("--no-plots", arguments->no_plots, "Do not draw plots");
  command->callback([arguments, &exit_code]() {
    const reports::ReportOptions options =
        reports::ReportOptions()
            .draw_plots(!arguments->no_plots)
            .plot_options(reports::PlotRenderOptions().gnuplot_executable(arguments->gnuplot));
    const reports::ReportFiles files = reports::write_report(arguments->output_dir, options);
    std::cout << "wrote " << files.markdown.string() << "\n"
              << "wrote " << files.html.string() << "\n"
              << "wrote " << files.csv.string() << "\n";
    for (const reports::RenderedPlot& plot : files.plots) {
      if (plot.drawn) {
        std::cout << "wrote " << (std::filesystem::path(arguments->output_dir) / plot.svg_relative_path).string()
                  << "\n";
      } else {
        std::cerr << "repro report: plot " << plot.study << "/" << plot.plot_id
                  << " not drawn: " << plot.why_not_drawn << "\n";
      }
    }
    exit_code = 0;
  });
}

}  // namespace repro::cli
