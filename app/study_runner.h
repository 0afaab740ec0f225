// Runs a study: schedules its claims and checks for the tier, skips those whose GPU or data set
// is absent, calls the study, fills expected verdicts (measured, predicted or the paper's), and
// writes <out>/<study>/results.json atomically.
#pragma once

#include <iosfwd>

#include <nlohmann/json.hpp>

#include "common/run_options.h"
#include "common/study_definition.h"

namespace repro {

struct StudyRunOutcome {
  nlohmann::json results;        // what results.json holds
  int mismatched_claims = 0;     // claims whose verdict is not an accepted one
  int failed_checks = 0;         // mechanics checks that failed or were not recorded
  int skipped_for_requirements = 0;  // claims and checks of this tier skipped for a missing GPU or data set
  int decided_claims = 0;        // claims with a verdict other than skipped
  bool allow_skipped = false;

  // 0 when every verdict is accepted, no check failed, and (unless skipping was allowed) nothing
  // of this tier was skipped for a missing requirement and at least one claim was decided.
  int exit_code() const;
};

// Throws InputError for bad input (a malformed published.json or expectations.json, an
// unwritable output directory, --device cuda without a usable CUDA device). Any other failure of
// the study is recorded in the results: its undecided claims become inconclusive with the error
// as reason, and count as mismatches.
StudyRunOutcome run_study(const StudyDefinition& study, const RunOptions& options,
                          std::ostream& log);

}  // namespace repro
