// `repro run <study>|all [--tier T] [--device D] [--data-dir DIR] [--out DIR] [--seed N] [--fresh]`.
// Exit 0 when every verdict is an accepted one and every check passed, 1 when one differs, a check
// failed, or (without --allow-skipped) something of the tier was skipped for a missing GPU or data
// set; 2 for bad input (including --device cuda without a usable CUDA device).
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "base/atomic_file.h"
#include "app/cli/commands.h"
#include "base/errors.h"
#include "app/run_manifest.h"
#include "common/study_registry.h"
#include "app/study_runner.h"

namespace repro::cli {
namespace {

struct RunArguments {
  std::string study;
  std::string tier = "smoke";
  std::string device = "cpu";
  std::string data_dir;
  std::string output_dir = "repro-results";
  std::string papers_dir;
  std::uint64_t seed = 0;
  bool allow_skipped = false;
  bool fresh = false;
};

// Fails early, before hours of training, when the output directory cannot be written.
void check_output_dir_writable(const std::filesystem::path& output_dir) {
  const auto probe = output_dir / ".repro-write-check";
  try {
    write_file_atomically(probe, "ok\n");
  } catch (const InputError& error) {
    throw InputError("--out: output directory '" + output_dir.string() +
                     "' is not writable: " + error.what());
  }
  std::filesystem::remove(probe);
}

int run(const RunArguments& arguments) {
  RunOptions options;
  options.with_tier(parse_tier(arguments.tier))
      .with_device(parse_device(arguments.device, "--device", cuda_device_available()))
      .with_allow_skipped(arguments.allow_skipped)
      .with_fresh(arguments.fresh)
      .with_output_dir(arguments.output_dir)
      .with_seed(arguments.seed)
      .with_papers_dir(arguments.papers_dir.empty() ? default_papers_dir()
                                                    : std::filesystem::path(arguments.papers_dir))
      .with_data_dir(arguments.data_dir.empty() ? default_data_dir()
                                                : std::filesystem::path(arguments.data_dir));
  if (!arguments.data_dir.empty() && !std::filesystem::is_directory(options.data_dir)) {
    throw InputError("--data-dir: '" + options.data_dir.string() + "' is not a directory");
  }
  std::vector<const StudyDefinition*> studies;
  if (arguments.study == "all") {
    studies = registered_studies();
  } else {
    studies.push_back(&find_study(arguments.study));
  }
  check_output_dir_writable(options.output_dir);

  std::cout << version_banner() << "\n"
            << "repro run " << arguments.study << " --tier " << to_string(options.tier)
            << " --device " << to_string(options.device) << " --seed " << options.seed
            << " --data-dir '" << options.data_dir.string() << "' --out '"
            << options.output_dir.string() << "'" << (options.fresh ? " --fresh" : "") << " (papers: "
            << options.papers_dir.string() << ")\n";
  int exit_code = 0;
  int mismatches = 0;
  int failed_checks = 0;
  int skipped = 0;
  for (const StudyDefinition* study : studies) {
    StudyRunOutcome outcome = run_study(*study, options, std::cout);
    mismatches += outcome.mismatched_claims;
    failed_checks += outcome.failed_checks;
    skipped += outcome.skipped_for_requirements;
    exit_code = std::max(exit_code, outcome.exit_code());
  }
  std::cout << (exit_code == 0 ? "every verdict is the expected one and every check passed"
                               : std::to_string(mismatches) + " verdict(s) differ from the expected ones, " +
                                     std::to_string(failed_checks) + " check(s) failed, " +
                                     std::to_string(skipped) + " skipped for a missing GPU or data set" +
                                     (options.allow_skipped ? " (allowed)" : " (not allowed: see --allow-skipped)"))
            << "\n";
  return exit_code;
}

}  // namespace

void add_run_command(CLI::App& app, int& exit_code) {
  auto arguments = std::make_shared<RunArguments>();
  auto* command = app.add_subcommand("run", "Reproduce a study (or all) and write <out>/<study>/results.json");
  command->add_option("study", arguments->study, "Study id, or all")->required();
  command->add_option("--tier", arguments->tier, "smoke, reduced or full")->capture_default_str();
  command->add_option("--device", arguments->device,
                      "cpu, cuda (exit 2 when no CUDA device is usable) or auto (cuda when usable)")
      ->capture_default_str();
  command->add_flag("--allow-skipped", arguments->allow_skipped,
                    "Do not fail when a claim is skipped for a missing GPU or data set, or the tier decides nothing");
  command->add_flag("--fresh", arguments->fresh,
                    "Redo every run unit: ignore (and overwrite) the finished units under OUT/<study>/units, "
                    "which a run otherwise reuses (resuming after a kill)");
  command->add_option("--data-dir", arguments->data_dir, "Directory of real data sets (default: $REPRO_DATA_DIR)");
  command->add_option("--out", arguments->output_dir, "Output directory")->capture_default_str();
  command->add_option("--papers-dir", arguments->papers_dir, "Directory holding <study>/published.json (default: the source tree's papers/)");
  command->add_option("--seed", arguments->seed, "Base seed")->capture_default_str();
  command->callback([arguments, &exit_code]() { exit_code = run(*arguments); });
}

}  // namespace repro::cli
