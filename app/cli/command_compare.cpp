// `repro compare <old> <new> [--json FILE] [--alpha A] [--slowdown-tolerance T] [--numeric-tolerance R]
//  [--across-machines]`:
// what changed between two runs (each a results directory, a study directory or a results.json).
// Prints a Markdown summary. Exit 0 when no verdict changed and no timing got significantly
// slower beyond the tolerance, 1 otherwise, 2 on bad input (also: timings from different machines
// without --across-machines; the message names the manifest field that differs).
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "base/atomic_file.h"
#include "app/cli/commands.h"
#include "base/errors.h"
#include "reports/comparison.h"
#include "reports/comparison_output.h"
#include "common/study_results.h"

namespace repro::cli {
namespace {

struct CompareArguments {
  std::string old_results;
  std::string new_results;
  std::string json_file;
  double alpha = 0.05;
  double slowdown_tolerance = 0.10;
  double numeric_tolerance = 1e-9;
  bool across_machines = false;
};

void check_arguments(const CompareArguments& arguments) {
  if (!(arguments.alpha > 0.0 && arguments.alpha < 1.0)) {
    throw InputError("--alpha: must lie strictly between 0 and 1, not " + std::to_string(arguments.alpha));
  }
  if (!(arguments.slowdown_tolerance >= 0.0)) {
    throw InputError("--slowdown-tolerance: must be >= 0, not " + std::to_string(arguments.slowdown_tolerance));
  }
  if (!(arguments.numeric_tolerance >= 0.0)) {
    throw InputError("--numeric-tolerance: must be >= 0, not " + std::to_string(arguments.numeric_tolerance));
  }
}

}  // namespace

void add_compare_command(CLI::App& app, int& exit_code) {
  auto arguments = std::make_shared<CompareArguments>();
  auto* command = app.add_subcommand(
      "compare", "Compare two runs: verdict changes, measured values, timings (Mann-Whitney U)");
  command->add_option("old", arguments->old_results, "Old run: results directory, study directory or results.json")
      ->required();
  command->add_option("new", arguments->new_results, "New run: results directory, study directory or results.json")
      ->required();
  command->add_option("--json", arguments->json_file, "Also write the comparison as JSON to FILE");
  command->add_option("--alpha", arguments->alpha, "Significance level of the timing test")->capture_default_str();
  command->add_option("--slowdown-tolerance", arguments->slowdown_tolerance,
                      "Fail when a timing's median grows by more than this fraction (significantly)")
      ->capture_default_str();
  command->add_option("--numeric-tolerance", arguments->numeric_tolerance,
                      "Relative change below which measured numbers count as unchanged")
      ->capture_default_str();
  command->add_flag("--across-machines", arguments->across_machines,
                    "Compare timings although GPU, driver, CUDA, LibTorch or CPU differ");
  command->callback([arguments, &exit_code]() {
    check_arguments(*arguments);
    const reports::CompareOptions options = reports::CompareOptions()
                                                .alpha(arguments->alpha)
                                                .slowdown_tolerance(arguments->slowdown_tolerance)
                                                .numeric_tolerance(arguments->numeric_tolerance)
                                                .across_machines(arguments->across_machines);
    reports::Comparison comparison = reports::compare_results(load_results_from(arguments->old_results),
                                                              load_results_from(arguments->new_results),
                                                              options);
    comparison.old_source = arguments->old_results;
    comparison.new_source = arguments->new_results;
    std::cout << reports::comparison_markdown(comparison, options);
    if (!arguments->json_file.empty()) {
      write_file_atomically(arguments->json_file, reports::comparison_json(comparison, options).dump(2) + "\n");
    }
    exit_code = comparison.exit_code();
  });
}

}  // namespace repro::cli
