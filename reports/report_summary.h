// Counts of verdicts per study and overall, and the claims whose verdict differs from the
// expected one ("mismatches"), which the reports list first.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "common/study_results.h"

namespace repro::reports {

// Counts in the order of kVerdicts: reproduced, not_reproduced, inconclusive, skipped.
struct VerdictCounts {
  std::array<int, 4> by_verdict{};
  int mismatches = 0;     // claims whose verdict differs from their expected verdict
  int total() const { return by_verdict[0] + by_verdict[1] + by_verdict[2] + by_verdict[3]; }
};

struct StudySummary {
  std::string study;
  std::string tier;
  VerdictCounts counts;
};

struct ClaimReference {
  const StudyResults* study;
  const ClaimResult* claim;
};

struct ReportSummary {
  std::vector<StudySummary> studies;   // in the order given
  VerdictCounts overall;
  std::vector<ClaimReference> mismatches;   // pointers into the summarized studies
};

// REQUIRES: `studies` outlives the returned summary (it points into it).
ReportSummary summarize(const std::vector<StudyResults>& studies);

// Every claim of every study, those whose verdict differs from the expected one first; otherwise in
// the order of the studies and their claims. REQUIRES: `studies` outlives the result.
std::vector<ClaimReference> claims_mismatches_first(const std::vector<StudyResults>& studies);

// A study's claims as its section lists them: the main table holds those whose verdict differs
// from the expected one, then the decided ones; the claims skipped as expected (not decided at
// this tier) are listed apart, in a collapsed table. REQUIRES: `study` outlives the result.
struct StudyClaimGroups {
  std::vector<const ClaimResult*> shown;
  std::vector<const ClaimResult*> not_decided;
};
StudyClaimGroups group_claims(const StudyResults& study);

// Index of `verdict` in kVerdicts. REQUIRES: is_known_verdict(verdict).
std::size_t verdict_index(const std::string& verdict);

}  // namespace repro::reports
