// `repro expectations record <study>|all --tier T [--seeds 0,1000] [--data-dir DIR] [--out DIR] [--units-of E]`:
// runs the tier once per base seed (two disjoint seed sets at least) and writes the verdicts of
// every claim decided at that tier into papers/<study>/expectations.json (basis "measured";
// where the runs disagree the expectation is unstable). Entries of other tiers are kept.
// --reuse-units: reuse the run units already finished under OUT/seed-<seed>/ (a paper-scale tier of
// hours per seed set, resumed or run on a cluster); a unit's key names every option that changes
// its result but not the commit, so each entry's commit then says that units were reused.
// --units-of EXPERIMENTS: a partial run per seed (RunOptions::units_of): the claims it skips for
// unfinished units are not recorded and keep their entries; the others are recorded.
// Exit 0 when written, 2 for bad input (including a claim skipped for a missing GPU or data set:
// a verdict that was not reached cannot be measured).
#include <filesystem>
#include <iostream>
#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

#include "base/atomic_file.h"
#include "app/cli/commands.h"
#include "app/cli/run_arguments.h"
#include "base/errors.h"
#include "common/measured_expectations.h"
#include "app/run_manifest.h"
#include "common/study_registry.h"
#include "app/study_runner.h"

namespace repro::cli {
namespace {

struct RecordArguments {
  std::string study;
  std::string tier = "reduced";
  std::vector<std::uint64_t> seeds{0, 1000};
  std::string data_dir;
  std::string output_dir = "repro-expectations";
  std::string papers_dir;
  bool reuse_units = false;
  std::string units_of;  // "" (every experiment), "none" or "a,b"
};

std::string machine_description(const nlohmann::json& manifest) {
  std::ostringstream text;
  text << manifest.value("host", "unknown host") << ", " << manifest.value("cpu", "unknown CPU") << ", "
       << std::thread::hardware_concurrency() << " hardware threads";
  return text.str();
}

void record_study(const StudyDefinition& study, const RecordArguments& arguments, const RunOptions& base) {
  const Tier tier = base.tier;
  std::map<std::string, MeasuredEntry> entries;
  std::vector<std::string> order;
  std::set<std::string> unfinished;  // skipped by a partial run at some seed: not recorded
  for (std::uint64_t seed : arguments.seeds) {
    RunOptions options = base;
    options.with_seed(seed).with_output_dir(base.output_dir / ("seed-" + std::to_string(seed)));
    const StudyRunOutcome outcome = run_study(study, options, std::cout);
    const nlohmann::json& manifest = outcome.results.manifest;
    if (!outcome.failure.empty()) {
      throw InputError("expectations record: study " + study.id() + " failed at seed " + std::to_string(seed) +
                       ": " + outcome.failure);
    }
    for (const ClaimResult& claim : outcome.results.claims) {
      if (claim.expected_basis == to_string(ExpectationBasis::schedule)) continue;  // not decided at this tier
      const std::string& id = claim.id;
      const auto& partial_skips = outcome.skipped_for_unfinished_units;
      if (std::find(partial_skips.begin(), partial_skips.end(), id) != partial_skips.end()) {
        unfinished.insert(id);
        continue;
      }
      for (const SkippedRequirement& missing : outcome.results.outcome->skipped_for_requirements) {
        if (missing.id == id) {
          throw InputError("expectations record: " + study.id() + "/" + id + " was skipped (" + missing.reason +
                           "): its verdict cannot be measured here");
        }
      }
      auto [entry, inserted] = entries.try_emplace(id);
      if (inserted) {
        order.push_back(id);
        entry->second.claim = id;
        entry->second.tier = tier;
        entry->second.commit = manifest.value("git_commit", "unknown");
        if (arguments.reuse_units) entry->second.commit += " (finished run units reused where their keys matched)";
        entry->second.date = manifest.value("date", "unknown");
        entry->second.machine = machine_description(manifest);
      }
      entry->second.runs.push_back({seed, parse_verdict(claim.verdict, "results.json")});
    }
  }
  const auto path = base.papers_dir / study.id() / "expectations.json";
  MeasuredExpectations expectations = MeasuredExpectations::load(path, study.id());
  std::vector<MeasuredEntry> recorded;
  for (const std::string& id : order) {
    if (unfinished.count(id) == 0) recorded.push_back(entries.at(id));  // decided at every seed
  }
  if (base.units_of) {
    expectations.replace_claims(tier, recorded);
  } else {
    expectations.replace_tier(tier, recorded);
  }
  for (const std::string& id : unfinished) {
    std::cout << "not recorded: " << study.id() << "/" << id
              << " (skipped by the partial run for unfinished run units; its entry, if any, is kept)\n";
  }
  write_file_atomically(path, expectations.to_json(study.id()).dump(2) + "\n");
  int unstable = 0;
  for (const MeasuredEntry& entry : recorded) unstable += entry.expectation().unstable() ? 1 : 0;
  std::cout << "wrote " << path.string() << ": " << recorded.size() << " claim(s) at tier "
            << to_string(tier) << " (" << unstable << " unstable across the seed sets)\n";
}

int record(const RecordArguments& arguments) {
  if (arguments.seeds.size() < 2) {
    throw InputError("--seeds: give at least two base seeds (two disjoint seed sets), e.g. --seeds 0,1000");
  }
  RunOptions options;
  options.with_tier(parse_tier(arguments.tier))
      .with_device(DeviceKind::cpu)
      // An expectation measures the code as it is: finished run units are reused only when asked.
      .with_fresh(!arguments.reuse_units)
      .with_output_dir(arguments.output_dir)
      .with_papers_dir(arguments.papers_dir.empty() ? default_papers_dir()
                                                    : std::filesystem::path(arguments.papers_dir))
      .with_data_dir(arguments.data_dir.empty() ? default_data_dir()
                                                : std::filesystem::path(arguments.data_dir));
  if (!arguments.units_of.empty()) options.with_units_of(parse_units_of(arguments.units_of));
  std::vector<const StudyDefinition*> studies;
  if (arguments.study == "all") {
    studies = registered_studies();
  } else {
    studies.push_back(&find_study(arguments.study));
  }
  std::cout << version_banner() << "\n";
  for (const StudyDefinition* study : studies) {
    const auto& tiers = study->tiers();
    if (std::find(tiers.begin(), tiers.end(), options.tier) == tiers.end()) continue;
    record_study(*study, arguments, options);
  }
  return 0;
}

}  // namespace

void add_expectations_command(CLI::App& app, int& exit_code) {
  auto* expectations = app.add_subcommand("expectations", "Measured expected verdicts (papers/<study>/expectations.json)");
  expectations->require_subcommand(1);
  auto arguments = std::make_shared<RecordArguments>();
  auto* command = expectations->add_subcommand(
      "record", "Run a tier on two or more base seeds and record each claim's verdicts as its measured expectation");
  command->add_option("study", arguments->study, "Study id, or all")->required();
  command->add_option("--tier", arguments->tier, "smoke, reduced or full")->capture_default_str();
  command->add_option("--seeds", arguments->seeds, "Base seeds, one run each (disjoint seed sets)")
      ->delimiter(',')
      ->capture_default_str();
  command->add_option("--data-dir", arguments->data_dir, "Directory of real data sets (default: $REPRO_DATA_DIR)");
  command->add_option("--out", arguments->output_dir, "Where each run's results go")->capture_default_str();
  command->add_option("--papers-dir", arguments->papers_dir, "Directory holding <study>/ (default: the source tree's papers/)");
  command->add_flag("--reuse-units", arguments->reuse_units,
                    "Reuse the run units finished under OUT/seed-<seed>/ (recorded in each entry's commit)");
  command->add_option("--units-of", arguments->units_of,
                      "EXPERIMENTS: partial runs (as repro run --units-of); the claims they skip for unfinished "
                      "run units are not recorded and keep their entries");
  command->callback([arguments, &exit_code]() { exit_code = record(*arguments); });
}

}  // namespace repro::cli
