// Runs a study: schedules its claims for the tier, skips those whose GPU or data set is absent,
// calls the study, fills expected verdicts, and writes <out>/<study>/results.json atomically.
#pragma once

#include <iosfwd>

#include <nlohmann/json.hpp>

#include "common/run_options.h"
#include "common/study_definition.h"

namespace repro {

struct StudyRunOutcome {
  nlohmann::json results;        // what results.json holds
  int mismatched_claims = 0;     // claims whose verdict differs from the expected one
};

// Throws InputError for bad input (a malformed published.json, an unwritable output directory).
// Any other failure of the study is recorded in the results: its undecided claims become
// inconclusive with the error as reason, and count as mismatches.
StudyRunOutcome run_study(const StudyDefinition& study, const RunOptions& options,
                          std::ostream& log);

// 0 when every claim's verdict equals the expected verdict, 1 otherwise.
int exit_code_for(const StudyRunOutcome& outcome);

}  // namespace repro
