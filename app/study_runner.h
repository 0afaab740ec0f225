// Runs a study: schedules its claims and checks for the tier, skips those whose GPU or data set
// is absent, calls the study, fills expected verdicts (measured, predicted or the paper's), and
// writes <out>/<study>/results.json atomically.
#pragma once

#include <iosfwd>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "common/run_options.h"
#include "common/run_units.h"
#include "common/study_definition.h"
#include "common/study_results.h"

namespace repro {

struct StudyRunOutcome {
  StudyResults results;          // what results.json holds (empty for a shard pass)
  int mismatched_claims = 0;     // claims whose verdict is not an accepted one
  int failed_checks = 0;         // mechanics checks that failed or were not recorded
  int skipped_for_requirements = 0;  // claims and checks of this tier skipped for a missing GPU or data set
  int decided_claims = 0;        // claims with a verdict other than skipped
  // Claims and checks a partial run (RunOptions::units_of) skipped for unfinished units (counted in
  // skipped_for_requirements too).
  std::vector<std::string> skipped_for_unfinished_units;
  bool allow_skipped = false;
  bool shard = false;            // a shard pass: decides nothing by design
  std::string failure;           // the study's error, or ""

  // 0 when the study did not fail, every verdict is accepted, no check failed, and (unless skipping was allowed) nothing
  // of this tier was skipped for a missing requirement and at least one claim was decided. A
  // shard: 0 when its study did not fail and (unless skipping was allowed) nothing was skipped.
  int exit_code() const;
};

// The run units a study's run at options.tier would obtain (a plan pass: nothing trained, nothing
// decided, nothing written), with this machine's cost estimates and which are finished in
// options.output_dir. Empty for a study that does not declare run units.
struct StudyPlan {
  std::string study;
  Tier tier = Tier::smoke;
  bool declares_units = false;
  std::vector<PlannedUnit> units;
  std::vector<std::string> missing;  // "<claim>: <reason>" skipped for a missing GPU or data set
  std::string failure;               // the study's error in the plan pass, or ""
};
// Throws InputError for bad input (as run_study).
StudyPlan plan_study(const StudyDefinition& study, const RunOptions& options);

// options.unit_pass shard (`--shard K/N`): computes the shard's share of plan_study's units
// (common/unit_schedule.h), decides nothing and writes no results.json; exit_code() is 1 when the
// study failed or (without allow_skipped) something was skipped for a missing GPU or data set.
// options.unit_pass run: as follows.
// Throws InputError for bad input (a malformed published.json or expectations.json, an
// unwritable output directory, --device cuda without a usable CUDA device). Any other failure of
// the study is recorded in the results: its undecided claims become inconclusive with the error
// as reason, and count as mismatches.
StudyRunOutcome run_study(const StudyDefinition& study, const RunOptions& options,
                          std::ostream& log);

}  // namespace repro
