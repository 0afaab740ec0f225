#include "reports/html_writer.h"

#include <fmt/format.h>

#include "reports/claim_formatting.h"
#include "reports/front_page.h"
#include "reports/html_study_section.h"
#include "reports/report_summary.h"
#include "reports/verdict_chart.h"

namespace repro::reports {
namespace {

constexpr const char* kStyle = R"css(
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 1.5em auto; max-width: 90em;
       padding: 0 1em; color: #1d1d1f; line-height: 1.4; }
h1, h2, h3 { line-height: 1.2; }
h2 { border-bottom: 2px solid #e0e0e4; padding-bottom: 0.2em; margin-top: 2em; }
table { border-collapse: collapse; margin: 0.5em 0 1.2em 0; font-size: 0.92em; }
th, td { border: 1px solid #c8c8cc; padding: 0.3em 0.55em; text-align: left; vertical-align: top; }
th { background: #f0f0f3; }
td.number { font-variant-numeric: tabular-nums; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.92em; }
.note { color: #55555c; font-size: 0.88em; }
.verdict { font-weight: 600; }
#summary-table div.verdict { white-space: nowrap; padding: 0 0.3em; margin-bottom: 0.15em; }
.verdict .note { font-weight: normal; }
.verdict-reproduced { background: #d5efe6; color: #00573f; }
.verdict-not_reproduced { background: #f8dccb; color: #8a3300; }
.verdict-inconclusive { background: #fbebc5; color: #6b4a00; }
.verdict-skipped { background: #e6e6ea; color: #4a4a52; }
.status-passed { color: #00573f; font-weight: 600; }
.status-failed { color: #8a3300; font-weight: 600; }
.status-skipped { color: #4a4a52; }
tr.mismatch td:first-child { border-left: 4px solid #D55E00; }
.mismatch-note { color: #8a3300; font-weight: 600; }
figure { margin: 1em 0 2em 0; max-width: 820px; }
figure svg { max-width: 100%; height: auto; border: 1px solid #e0e0e4; }
figcaption { font-size: 0.9em; margin-top: 0.3em; }
.not-drawn { color: #8a3300; font-style: italic; }
.meta { color: #55555c; }
.wide { overflow-x: auto; }
table.claims { width: 100%; }
table.claims td { overflow-wrap: anywhere; }
table.claims td:nth-child(1) { width: 22%; }
table.claims td:nth-child(5) { width: 24%; font-size: 0.9em; }
#summary-table td.headlines { font-size: 0.92em; }
#summary-table td.headlines div { margin-bottom: 0.25em; }
details { margin: 0.4em 0 1em 0; }
details pre { background: #f6f6f8; padding: 0.6em; overflow-x: auto; font-size: 0.85em; max-height: 30em; }
summary { cursor: pointer; color: #0072B2; }
nav.studies a { margin-right: 1em; }
)css";

void append_front_page(const std::vector<StudyResults>& studies, std::string& out) {
  const ReportSummary summary = summarize(studies);
  out += "<section id=\"front\">\n<h2 id=\"summary\">At a glance</h2>\n";
  out += "<figure class=\"verdict-chart\">\n" + verdict_chart_svg(summary) +
         "<figcaption><strong>Claims by verdict, per study</strong><br><span class=\"source\">Source: this run's "
         "results.json files; each bar is one study's claims (checks of the suite's mechanics are not counted)."
         "</span></figcaption>\n</figure>\n";
  out += "<div class=\"wide\"><table id=\"summary-table\" class=\"main-table\">\n";
  out += html_header_row({"study", "paper", "tier", "claims by verdict", "differs from expected", "checks",
                          "headline claims: published vs ours"});
  for (const FrontPageLine& line : front_page_lines(studies)) {
    const StudyResults& study = *line.study;
    out += fmt::format("<tr><td><a href=\"#{}\"><code>{}</code></a></td>", html_anchor_id("study", study.study),
                       html_escape(study.study));
    out += html_cell(study.paper_citation()) + html_cell(study.tier);
    out += "<td>";
    for (std::size_t i = 0; i < line.counts.by_verdict.size(); ++i) {
      if (line.counts.by_verdict[i] == 0) continue;
      out += fmt::format("<div class=\"verdict verdict-{}\">{} {}</div>", kVerdicts[i], line.counts.by_verdict[i],
                         verdict_label(kVerdicts[i]));
    }
    out += "</td>" + html_cell(std::to_string(line.counts.mismatches),
                               line.counts.mismatches > 0 ? "number mismatch-note" : "number");
    out += html_cell(check_counts_text(line.checks)) + "<td class=\"headlines\">";
    for (const HeadlineClaim& headline : line.headlines) {
      out += fmt::format("<div><a href=\"#{}\">{}</a>: paper {}, ours {} — <span class=\"verdict verdict-{}\">{}</span>"
                         "</div>",
                         html_anchor_id("claim", study.study, headline.claim->id), html_escape(headline.numbers.quantity),
                         html_escape(headline.numbers.published), html_escape(headline.numbers.ours),
                         html_escape(headline.claim->verdict), html_escape(verdict_label(headline.claim->verdict)));
    }
    out += "</td></tr>\n";
  }
  out += fmt::format("<tr><td><strong>all</strong></td><td></td><td></td><td>{}</td>{}<td></td><td></td></tr>\n",
                     html_escape(verdict_counts_text(summary.overall)),
                     html_cell(std::to_string(summary.overall.mismatches), "number"));
  out += "</table></div>\n<h3>Verdicts that differ from the expected verdict</h3>\n";
  if (summary.mismatches.empty()) {
    out += "<p id=\"mismatches\">None: every verdict is the expected one.</p>\n";
  } else {
    out += "<ul id=\"mismatches\">\n";
    for (const ClaimReference& reference : summary.mismatches) {
      out += fmt::format(
          "<li><a href=\"#{}\"><code>{}</code> / <code>{}</code></a>: <span class=\"verdict verdict-{}\">{}</span>; "
          "{} — {}</li>\n",
          html_anchor_id("claim", reference.study->study, reference.claim->id), html_escape(reference.study->study),
          html_escape(reference.claim->id), html_escape(reference.claim->verdict),
          html_escape(verdict_label(reference.claim->verdict)), html_escape(expected_text(*reference.claim)),
          html_escape(reference.claim->reason));
    }
    out += "</ul>\n";
  }
  out += "</section>\n";
}

}  // namespace

std::string html_report(const std::vector<StudyResults>& studies, const std::vector<RenderedPlot>& plots) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>Reproduction report</title>\n<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n";
  out += "<h1>Reproduction report</h1>\n";
  out += fmt::format("<p class=\"meta\">{} {}, {} claims of the papers, {} checks of the suite's mechanics.</p>\n",
                     studies.size(), studies.size() == 1 ? "study" : "studies", summarize(studies).overall.total(),
                     count_checks(studies).total());
  out += "<nav class=\"studies\">";
  for (const StudyResults& study : studies) {
    out += fmt::format("<a href=\"#{}\">{}</a>", html_anchor_id("study", study.study), html_escape(study.study));
  }
  out += "</nav>\n";
  append_front_page(studies, out);
  for (const StudyResults& study : studies) out += html_study_section(study, plots);
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace repro::reports
