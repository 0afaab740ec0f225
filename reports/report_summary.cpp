#include "reports/report_summary.h"

#include <iterator>
#include <stdexcept>

namespace repro::reports {

std::size_t verdict_index(const std::string& verdict) {
  for (std::size_t i = 0; i < std::size(kVerdicts); ++i) {
    if (verdict == kVerdicts[i]) return i;
  }
  throw std::invalid_argument("unknown verdict '" + verdict + "'");
}

std::vector<ClaimReference> claims_mismatches_first(const std::vector<StudyResults>& studies) {
  std::vector<ClaimReference> ordered;
  for (const bool mismatched : {true, false}) {
    for (const StudyResults& study : studies) {
      for (const ClaimResult& claim : study.claims) {
        if (claim.matches_expected() != mismatched) ordered.push_back({&study, &claim});
      }
    }
  }
  return ordered;
}

StudyClaimGroups group_claims(const StudyResults& study) {
  StudyClaimGroups groups;
  for (const bool mismatched : {true, false}) {
    for (const ClaimResult& claim : study.claims) {
      if (claim.matches_expected() == mismatched) continue;
      const bool skipped_as_expected = !mismatched && claim.verdict == "skipped";
      (skipped_as_expected ? groups.not_decided : groups.shown).push_back(&claim);
    }
  }
  return groups;
}

ReportSummary summarize(const std::vector<StudyResults>& studies) {
  ReportSummary summary;
  for (const StudyResults& study : studies) {
    StudySummary study_summary{study.study, study.tier, {}};
    for (const ClaimResult& claim : study.claims) {
      const std::size_t index = verdict_index(claim.verdict);
      ++study_summary.counts.by_verdict[index];
      ++summary.overall.by_verdict[index];
      if (!claim.matches_expected()) {
        ++study_summary.counts.mismatches;
        ++summary.overall.mismatches;
        summary.mismatches.push_back({&study, &claim});
      }
    }
    summary.studies.push_back(std::move(study_summary));
  }
  return summary;
}

}  // namespace repro::reports
