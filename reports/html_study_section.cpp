#include "reports/html_study_section.h"

#include <fmt/format.h>

#include "reports/claim_formatting.h"
#include "reports/front_page.h"
#include "reports/html_elements.h"
#include "reports/key_numbers.h"
#include "reports/manifest_summary.h"
#include "reports/report_summary.h"
#include "reports/timing_summary.h"

namespace repro::reports {
namespace {

// Text with a second, smaller line (a source, a reason): "main<br><span class=note>note</span>".
std::string two_line_cell(const std::string& main, const std::string& note, std::string_view css_class = "") {
  std::string cell = css_class.empty() ? "<td>" : fmt::format("<td class=\"{}\">", css_class);
  cell += html_escape(main);
  if (!note.empty()) cell += "<br><span class=\"note\">" + html_escape(note) + "</span>";
  return cell + "</td>";
}

void append_claim_row(const StudyResults& study, const ClaimResult& claim, std::string& out) {
  const KeyNumbers numbers = key_numbers(claim);
  out += fmt::format("<tr id=\"{}\" data-verdict=\"{}\"{}>", html_anchor_id("claim", study.study, claim.id),
                     html_escape(claim.verdict), claim.matches_expected() ? "" : " class=\"mismatch\"");
  out += "<td><code>" + html_escape(claim.id) + "</code><br><span class=\"note\">" + html_escape(claim.text) +
         "</span></td>";
  out += html_cell(numbers.quantity) + two_line_cell(numbers.published, numbers.source, "number") +
         two_line_cell(numbers.ours, numbers.detectable, "number") + html_cell(numbers.rule) +
         html_verdict_cell(claim.verdict, (claim.matches_expected() ? "" : "differs: ") + expected_text(claim) +
                                              (claim.reason.empty() ? "" : ". " + claim.reason)) +
         "</tr>\n";
}

void append_claims_table(const StudyResults& study, std::string& out) {
  const StudyClaimGroups groups = group_claims(study);
  const std::vector<std::string> columns = {"claim", "quantity", "published (source)", "ours (95% interval)",
                                            "rule and margin", "verdict"};
  out += fmt::format("<h3>Paper vs ours</h3>\n<div class=\"wide\"><table class=\"main-table claims\" id=\"{}\">\n",
                     html_anchor_id("claims", study.study));
  out += html_header_row(columns);
  for (const ClaimResult* claim : groups.shown) append_claim_row(study, *claim, out);
  out += "</table></div>\n";
  if (groups.not_decided.empty()) return;
  out += fmt::format("<details class=\"not-decided\"><summary>{} claims not decided at the {} tier (skipped as "
                     "expected)</summary>\n<div class=\"wide\"><table class=\"main-table claims\" id=\"{}\">\n",
                     groups.not_decided.size(), html_escape(study.tier), html_anchor_id("not-decided", study.study));
  out += html_header_row(columns);
  for (const ClaimResult* claim : groups.not_decided) append_claim_row(study, *claim, out);
  out += "</table></div></details>\n";
}

// Every claim's rule, published values with full provenance, comparison and measured JSON.
void append_raw_values(const StudyResults& study, std::string& out) {
  if (study.claims.empty()) return;
  out += fmt::format("<details class=\"raw\" id=\"{}\"><summary>Raw measured values and full provenance "
                     "({} claims)</summary>\n",
                     html_anchor_id("raw", study.study), study.claims.size());
  for (const ClaimResult& claim : study.claims) {
    out += "<h4><code>" + html_escape(claim.id) + "</code></h4>\n<dl>\n";
    const auto item = [&](const char* term, const std::string& text) {
      if (!text.empty()) out += "<dt>" + std::string(term) + "</dt><dd>" + html_escape(text) + "</dd>\n";
    };
    item("published", published_text(claim));
    item("rule", claim.rule);
    item("reason", claim.reason);
    item("expected", expected_text(claim) + (claim.expected_detail.empty() ? "" : ": " + claim.expected_detail));
    if (claim.comparison && claim.comparison->ours) item("method (ours)", claim.comparison->ours->method);
    out += "</dl>\n<pre>" +
           html_escape(claim.measured.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)) + "</pre>\n";
  }
  out += "</details>\n";
}

void append_figures(const StudyResults& study, const std::vector<RenderedPlot>& plots, std::string& out) {
  bool any = false;
  for (const RenderedPlot& plot : plots) {
    if (plot.study != study.study) continue;
    if (!any) out += "<h3>Figures</h3>\n";
    any = true;
    out += fmt::format("<figure class=\"plot\" id=\"{}\">\n", html_anchor_id("plot", study.study, plot.plot_id));
    if (plot.drawn) {
      out += svg_for_inlining(plot.svg) + "\n";
    } else {
      out += "<p class=\"not-drawn\">Plot not drawn: " + html_escape(plot.why_not_drawn) + "</p>\n";
    }
    out += fmt::format("<figcaption><strong>{}</strong> <code>{}</code><br><span class=\"source\">{}</span>"
                       "</figcaption>\n</figure>\n",
                       html_escape(plot.title.empty() ? plot.plot_id : plot.title), html_escape(plot.plot_id),
                       html_escape(caption_or_note(plot)));
  }
}

void append_checks(const StudyResults& study, std::string& out) {
  if (study.checks.empty()) return;
  out += fmt::format("<h3>Checks of the suite's mechanics ({}; not claims of the paper, not counted above)</h3>\n"
                     "<table class=\"main-table checks\" id=\"{}\">\n",
                     check_counts_text(count_checks(study)), html_anchor_id("checks", study.study));
  out += html_header_row({"check", "status", "measured", "rule", "reason"});
  for (const CheckResult& check : study.checks) {
    out += fmt::format("<tr id=\"{}\" data-status=\"{}\">", html_anchor_id("check", study.study, check.id),
                       html_escape(check.status));
    out += "<td><code>" + html_escape(check.id) + "</code><br><span class=\"note\">" + html_escape(check.text) +
           "</span></td>" + html_cell(check.status, "status status-" + check.status) +
           html_cell(plain_value_text(check.measured)) + html_cell(check.rule) + html_cell(check.reason) + "</tr>\n";
  }
  out += "</table>\n";
}

void append_tables(const StudyResults& study, std::string& out) {
  for (const ResultTable& table : study.tables) {
    out += fmt::format("<h3>Table <code>{}</code>{}</h3>\n<div class=\"wide\"><table class=\"result-table\" "
                       "id=\"{}\">\n",
                       html_escape(table.id), table.title.empty() ? "" : ": " + html_escape(table.title),
                       html_anchor_id("table", study.study, table.id));
    if (!table.columns.empty()) out += html_header_row(table.columns);
    for (const auto& cells : table.rows) {
      out += "<tr>";
      for (const auto& value : cells) out += html_cell(json_value_text(value), value.is_number() ? "number" : "");
      out += "</tr>\n";
    }
    out += "</table></div>\n";
  }
}

void append_timings(const StudyResults& study, std::string& out) {
  if (study.timings.empty()) return;
  out += "<h3>Timings</h3>\n<table class=\"timings\">\n" + html_header_row(timing_columns());
  for (const TimingSamples& timing : study.timings) {
    const std::vector<std::string> cells = timing_cells(timing);
    out += "<tr>";
    for (std::size_t i = 0; i < cells.size(); ++i) out += html_cell(cells[i], i >= 2 ? "number" : "");
    out += "</tr>\n";
  }
  out += "</table>\n";
}

void append_manifest(const StudyResults& study, std::string& out) {
  out += "<h3>Manifest</h3>\n";
  if (study.manifest.is_null()) {
    out += "<p class=\"meta\">No manifest recorded.</p>\n";
    return;
  }
  out += fmt::format("<table class=\"main-table manifest\" id=\"{}\">\n", html_anchor_id("manifest", study.study));
  for (const auto& [label, value] : manifest_summary(study)) {
    out += "<tr><th>" + html_escape(label) + "</th>" + html_cell(value) + "</tr>\n";
  }
  out += "</table>\n";
  out += html_json_details("Full manifest (versions, precision flags, data files with SHA-256)", study.manifest);
  if (study.numerics.is_array() && !study.numerics.empty()) {
    out += html_json_details(fmt::format("Numerical-health telemetry ({} records)", study.numerics.size()),
                             study.numerics);
  }
}

}  // namespace

std::string html_study_section(const StudyResults& study, const std::vector<RenderedPlot>& plots) {
  std::string out = fmt::format("<section class=\"study\" id=\"{}\">\n<h2>{} (<code>{}</code>)</h2>\n",
                                html_anchor_id("study", study.study),
                                html_escape(study.title.empty() ? study.study : study.title), html_escape(study.study));
  if (!study.paper_citation().empty() || !study.paper_url().empty()) {
    out += "<p>Paper: " + html_escape(study.paper_citation());
    if (!study.paper_url().empty()) out += " <code>" + html_escape(study.paper_url()) + "</code>";
    out += "</p>\n";
  }
  out += "<p class=\"meta\">" + html_escape(run_line(study)) + "</p>\n";
  append_claims_table(study, out);
  append_raw_values(study, out);
  append_figures(study, plots, out);
  append_checks(study, out);
  append_tables(study, out);
  append_timings(study, out);
  append_manifest(study, out);
  return out + "</section>\n";
}

}  // namespace repro::reports
