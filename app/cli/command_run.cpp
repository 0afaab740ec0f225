// `repro run <study>|all [--tier T] [--device D] [--data-dir DIR] [--out DIR] [--seed N] [--fresh]
// [--shard K/N] [--units-of EXPERIMENTS]`. With --shard: exit 0 when the shard computed its units.
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
#include "app/cli/run_arguments.h"
#include "base/errors.h"
#include "app/run_manifest.h"
#include "common/study_registry.h"
#include "app/study_runner.h"

namespace repro::cli {
namespace {

struct RunCommandArguments {
  RunArguments run;
  bool allow_skipped = false;
  std::string shard;  // "K/N", or empty
  std::string units_of;  // "--units-of": comma-separated experiments, "none", or empty (all)
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

int run(const RunCommandArguments& command_arguments) {
  const RunArguments& arguments = command_arguments.run;
  RunOptions options = run_options_from(arguments);
  options.with_allow_skipped(command_arguments.allow_skipped);
  if (!command_arguments.shard.empty()) options.with_shard(ShardSpec::parse(command_arguments.shard, "--shard"));
  if (!command_arguments.units_of.empty()) options.with_units_of(parse_units_of(command_arguments.units_of));
  const std::vector<const StudyDefinition*> studies = studies_named(arguments.study);
  check_output_dir_writable(options.output_dir);

  std::cout << version_banner() << "\n"
            << "repro run " << arguments.study << " --tier " << to_string(options.tier)
            << " --device " << to_string(options.device) << " --seed " << options.seed
            << " --data-dir '" << options.data_dir.string() << "' --out '"
            << options.output_dir.string() << "'" << (options.fresh ? " --fresh" : "")
            << (options.unit_pass == UnitPass::shard ? " --shard " + options.shard.to_string() : "")
            << (command_arguments.units_of.empty() ? "" : " --units-of " + command_arguments.units_of) << " (papers: "
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
  if (options.unit_pass == UnitPass::shard) {
    std::cout << (exit_code == 0 ? "shard " + options.shard.to_string() + " finished its units"
                                 : "shard " + options.shard.to_string() + " failed (see above)")
              << "\n";
    return exit_code;
  }
  std::cout << (exit_code == 0 ? "every verdict is the expected one and every check passed"
                               : std::to_string(mismatches) + " verdict(s) differ from the expected ones, " +
                                     std::to_string(failed_checks) + " check(s) failed, " +
                                     std::to_string(skipped) + " skipped for a missing GPU or data set or unfinished run units" +
                                     (options.allow_skipped ? " (allowed)" : " (not allowed: see --allow-skipped)"))
            << "\n";
  return exit_code;
}

}  // namespace

void add_run_command(CLI::App& app, int& exit_code) {
  auto arguments = std::make_shared<RunCommandArguments>();
  auto* command = app.add_subcommand("run", "Reproduce a study (or all) and write <out>/<study>/results.json");
  add_run_arguments(*command, arguments->run);
  command->add_flag("--allow-skipped", arguments->allow_skipped,
                    "Do not fail when a claim is skipped for a missing GPU or data set, or the tier decides nothing");
  command->add_option("--shard", arguments->shard,
                      "K/N: compute only shard K's share of the run units (balanced by estimated cost; see "
                      "repro plan), write them under OUT/<study>/units and decide nothing; a later run without "
                      "--shard over the same OUT decides");
  command->add_option("--units-of", arguments->units_of,
                      "EXPERIMENTS: a partial run: compute only the unfinished run units of these experiments "
                      "(comma-separated, as repro plan lists them; none: compute nothing), reuse every "
                      "finished unit, and skip (not decide) each claim decided after a unit it did not compute, "
                      "saying how many units and hours are missing; fails unless --allow-skipped");
  command->callback([arguments, &exit_code]() { exit_code = run(*arguments); });
}

}  // namespace repro::cli
