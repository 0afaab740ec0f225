#include "reports/front_page.h"

#include <fmt/format.h>

#include "reports/claim_formatting.h"

namespace repro::reports {

CheckCounts count_checks(const StudyResults& study) {
  CheckCounts counts;
  for (const CheckResult& check : study.checks) {
    if (check.status == "passed") ++counts.passed;
    if (check.status == "failed") ++counts.failed;
    if (check.status == "skipped") ++counts.skipped;
  }
  return counts;
}

CheckCounts count_checks(const std::vector<StudyResults>& studies) {
  CheckCounts all;
  for (const StudyResults& study : studies) {
    const CheckCounts counts = count_checks(study);
    all.passed += counts.passed;
    all.failed += counts.failed;
    all.skipped += counts.skipped;
  }
  return all;
}

std::string check_counts_text(const CheckCounts& counts) {
  std::string text;
  for (const auto& [count, label] : {std::pair{counts.passed, "passed"}, std::pair{counts.failed, "failed"},
                                     std::pair{counts.skipped, "skipped"}}) {
    if (count > 0) text += fmt::format("{}{} {}", text.empty() ? "" : ", ", count, label);
  }
  return text.empty() ? "none" : text;
}

std::string verdict_counts_text(const VerdictCounts& counts) {
  std::string text;
  for (std::size_t i = 0; i < counts.by_verdict.size(); ++i) {
    if (counts.by_verdict[i] > 0) {
      text += fmt::format("{}{} {}", text.empty() ? "" : ", ", counts.by_verdict[i], verdict_label(kVerdicts[i]));
    }
  }
  return text.empty() ? "no claims" : text;
}

std::vector<FrontPageLine> front_page_lines(const std::vector<StudyResults>& studies) {
  const ReportSummary summary = summarize(studies);
  std::vector<FrontPageLine> lines;
  for (std::size_t i = 0; i < studies.size(); ++i) {
    FrontPageLine line{&studies[i], summary.studies[i].counts, count_checks(studies[i]), {}};
    for (const ClaimResult* claim : headline_claims(studies[i])) line.headlines.push_back({claim, headline_numbers(*claim)});
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace repro::reports
