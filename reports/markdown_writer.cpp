#include "reports/markdown_writer.h"

#include <fmt/format.h>

#include "reports/claim_formatting.h"
#include "reports/front_page.h"
#include "reports/report_summary.h"

namespace repro::reports {
namespace {

void append_markdown_front_page(const std::vector<StudyResults>& studies, std::string& out) {
  const ReportSummary summary = summarize(studies);
  out += "## At a glance\n\n";
  out += fmt::format("![Claims by verdict, per study]({})\n\n", kVerdictChartPath);
  out += "**Claims by verdict, per study.** Source: this run's results.json files; each bar is one study's "
         "claims (checks of the suite's mechanics are not counted).\n\n";
  out += markdown_header({"study", "paper", "tier", "claims by verdict", "differs from expected", "checks",
                          "headline claims: published vs ours"});
  for (const FrontPageLine& line : front_page_lines(studies)) {
    std::string headlines;
    for (const HeadlineClaim& headline : line.headlines) {
      headlines += fmt::format("{}{}: paper {}, ours {} — **{}**", headlines.empty() ? "" : "<br>",
                               headline.numbers.quantity, headline.numbers.published, headline.numbers.ours,
                               verdict_label(headline.claim->verdict));
    }
    out += markdown_row({line.study->study, line.study->paper_citation(), line.study->tier,
                         verdict_counts_text(line.counts), std::to_string(line.counts.mismatches),
                         check_counts_text(line.checks), headlines});
  }
  out += markdown_row({"**all**", "", "", verdict_counts_text(summary.overall),
                       std::to_string(summary.overall.mismatches), "", ""});
  out += "\n### Verdicts that differ from the expected verdict\n\n";
  if (summary.mismatches.empty()) {
    out += "None: every verdict is the expected one.\n\n";
    return;
  }
  for (const ClaimReference& reference : summary.mismatches) {
    out += fmt::format("- **{}** / `{}`: {}; {} — {}\n", reference.study->study, reference.claim->id,
                       verdict_label(reference.claim->verdict), expected_text(*reference.claim),
                       reference.claim->reason);
  }
  out += "\n";
}

}  // namespace

std::string markdown_report(const std::vector<StudyResults>& studies, const std::vector<RenderedPlot>& plots) {
  std::string out = "# Reproduction report\n\n";
  out += fmt::format("{} {}, {} claims of the papers, {} checks of the suite's mechanics.\n\n", studies.size(),
                     studies.size() == 1 ? "study" : "studies", summarize(studies).overall.total(),
                     count_checks(studies).total());
  append_markdown_front_page(studies, out);
  for (const StudyResults& study : studies) out += markdown_study_section(study, plots);
  return out;
}

}  // namespace repro::reports
