// The front page of the report, one line per study: paper, tier, counts by verdict, the checks
// (apart from the claims) and the headline claims with published and ours in plain numbers.
// Shared by the Markdown and HTML writers.
#pragma once

#include <string>
#include <vector>

#include "reports/key_numbers.h"
#include "reports/report_summary.h"

namespace repro::reports {

struct CheckCounts {
  int passed = 0;
  int failed = 0;
  int skipped = 0;
  int total() const { return passed + failed + skipped; }
};
CheckCounts count_checks(const StudyResults& study);
CheckCounts count_checks(const std::vector<StudyResults>& studies);
// "5 passed, 1 failed" (zero counts left out); "none" when there are no checks.
std::string check_counts_text(const CheckCounts& counts);

// "3 reproduced, 1 not reproduced" (zero counts left out); "no claims" when empty.
std::string verdict_counts_text(const VerdictCounts& counts);

struct HeadlineClaim {
  const ClaimResult* claim;
  KeyNumbers numbers;
};

struct FrontPageLine {
  const StudyResults* study;
  VerdictCounts counts;
  CheckCounts checks;
  std::vector<HeadlineClaim> headlines;
};

// REQUIRES: `studies` outlives the result (it points into it).
std::vector<FrontPageLine> front_page_lines(const std::vector<StudyResults>& studies);

}  // namespace repro::reports
