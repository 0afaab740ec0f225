// `repro plan <study>|all [--tier T] [--workers N ...] [--json] [--summary] [run options]`: the run
// units a run would compute (a plan pass: nothing trained, decided or written), each with this
// machine's cost estimate and whether OUT already holds it finished, and the projected wall time
// of what is left for each number of workers (common/unit_schedule.h). Exit 0, 1 when a study's
// plan pass failed, 2 for bad input.
#include <algorithm>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/cli/commands.h"
#include "app/cli/run_arguments.h"
#include "app/study_runner.h"
#include "base/errors.h"
#include "common/unit_schedule.h"

namespace repro::cli {
namespace {

struct PlanArguments {
  RunArguments run;
  std::vector<int> workers{1, 2, 16};
  bool json = false;
  bool summary = false;
};

nlohmann::json plan_to_json(const StudyPlan& plan, const std::vector<int>& workers) {
  nlohmann::json units = nlohmann::json::array();
  for (const PlannedUnit& unit : plan.units) {
    nlohmann::json row{{"file_stem", unit.file_stem}, {"key", unit.key.to_json()},
                       {"estimated_seconds", unit.estimated_seconds}, {"finished", unit.finished}};
    if (unit.measured_seconds) row["measured_seconds"] = *unit.measured_seconds;
    units.push_back(std::move(row));
  }
  nlohmann::json wall = nlohmann::json::object();
  for (int count : workers) wall[std::to_string(count)] = plan.units.empty() ? 0.0 : projected_wall_seconds(plan.units, count);
  return {{"study", plan.study}, {"tier", to_string(plan.tier)}, {"declares_units", plan.declares_units},
          {"units", units}, {"unfinished_seconds", unfinished_seconds(plan.units)},
          {"projected_wall_seconds", wall}, {"missing", plan.missing}, {"failure", plan.failure}};
}

void print_plan(const StudyPlan& plan, const std::vector<int>& workers, bool summary) {
  if (!plan.declares_units) {
    std::cout << plan.study << ", tier " << to_string(plan.tier)
              << ": declares no run units (it trains inside its run: shards leave it to the deciding run)\n";
    return;
  }
  int finished = 0;
  double measured = 0.0;
  double estimated_for_measured = 0.0;
  int measured_count = 0;
  for (const PlannedUnit& unit : plan.units) {
    if (unit.finished) ++finished;
    if (unit.measured_seconds) {
      measured += *unit.measured_seconds;
      estimated_for_measured += unit.estimated_seconds;
      ++measured_count;
    }
  }
  std::cout << plan.study << ", tier " << to_string(plan.tier) << ": " << plan.units.size() << " units, " << finished
            << " finished; " << work_time_text(unfinished_seconds(plan.units)) << " of one worker's time left";
  for (int count : workers) {
    std::cout << "; " << count << (count == 1 ? " worker " : " workers ")
              << work_time_text(plan.units.empty() ? 0.0 : projected_wall_seconds(plan.units, count));
  }
  std::cout << "\n";
  if (measured_count > 0) {
    std::cout << fmt::format("  calibration: {} finished unit(s) took {:.0f} s here against {:.0f} s estimated "
                             "(ratio {:.2f})\n",
                             measured_count, measured, estimated_for_measured,
                             estimated_for_measured > 0.0 ? measured / estimated_for_measured : 0.0);
  }
  std::map<std::string, std::vector<PlannedUnit>> by_experiment;  // what `repro run --units-of` names
  for (const PlannedUnit& unit : plan.units) by_experiment[unit.key.experiment].push_back(unit);
  for (const auto& [experiment, units] : by_experiment) {
    const auto done = std::count_if(units.begin(), units.end(), [](const PlannedUnit& unit) { return unit.finished; });
    std::cout << "  experiment " << experiment << ": " << units.size() << " units, " << done << " finished; "
              << work_time_text(unfinished_seconds(units)) << " of one worker's time left\n";
  }
  for (const std::string& missing : plan.missing) std::cout << "  skipped: " << missing << "\n";
  if (!plan.failure.empty()) std::cout << "  error: the plan pass failed: " << plan.failure << "\n";
  if (summary) return;
  for (const PlannedUnit& unit : plan.units) {
    std::cout << fmt::format("  {:<72} {:>9.1f} s", unit.file_stem, unit.estimated_seconds);
    if (unit.finished) {
      std::cout << (unit.measured_seconds ? fmt::format("  finished ({:.1f} s)", *unit.measured_seconds)
                                          : std::string("  finished"));
    }
    std::cout << "\n";
  }
}

int plan(const PlanArguments& arguments) {
  for (int count : arguments.workers) {
    if (count < 1) throw InputError("--workers: each count must be at least 1, not " + std::to_string(count));
  }
  const RunOptions options = run_options_from(arguments.run);
  nlohmann::json all = nlohmann::json::array();
  int exit_code = 0;
  for (const StudyDefinition* study : studies_named(arguments.run.study)) {
    const StudyPlan plan = plan_study(*study, options);
    if (!plan.failure.empty()) exit_code = 1;
    if (arguments.json) {
      all.push_back(plan_to_json(plan, arguments.workers));
    } else {
      print_plan(plan, arguments.workers, arguments.summary);
    }
  }
  if (arguments.json) std::cout << all.dump(2) << "\n";
  return exit_code;
}

}  // namespace

void add_plan_command(CLI::App& app, int& exit_code) {
  auto arguments = std::make_shared<PlanArguments>();
  auto* command = app.add_subcommand(
      "plan", "List a run's units with their estimated cost and the projected wall time (nothing is trained)");
  add_run_arguments(*command, arguments->run);
  command->add_option("--workers", arguments->workers, "Worker counts to project the wall time for")
      ->capture_default_str();
  command->add_flag("--json", arguments->json, "Print JSON: per study, its units and projections");
  command->add_flag("--summary", arguments->summary, "Print each study's totals, not its units");
  command->callback([arguments, &exit_code]() { exit_code = plan(*arguments); });
}

}  // namespace repro::cli
