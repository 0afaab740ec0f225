// One study's section of report.md (the structure of html_study_section.cpp).
#include <fmt/format.h>

#include "reports/claim_formatting.h"
#include "reports/front_page.h"
#include "reports/key_numbers.h"
#include "reports/manifest_summary.h"
#include "reports/markdown_writer.h"
#include "reports/report_summary.h"
#include "reports/timing_summary.h"

namespace repro::reports {
namespace {

// "text (note)" for a cell that holds a value and its source.
std::string with_note(const std::string& text, const std::string& note) {
  return note.empty() ? text : text + " (" + note + ")";
}

std::vector<std::string> claim_row(const ClaimResult& claim) {
  const KeyNumbers numbers = key_numbers(claim);
  std::string verdict = "**" + verdict_label(claim.verdict) + "**";
  if (!claim.matches_expected()) verdict += " ⚠ differs: " + expected_text(claim);
  if (!claim.reason.empty()) verdict += ". " + claim.reason;
  return {"`" + claim.id + "`: " + claim.text, numbers.quantity, with_note(numbers.published, numbers.source),
          with_note(numbers.ours, numbers.detectable), numbers.rule, verdict};
}

void append_markdown_claims_table(const StudyResults& study, std::string& out) {
  const StudyClaimGroups groups = group_claims(study);
  const std::vector<std::string> columns = {"claim", "quantity", "published (source)", "ours (95% interval)",
                                            "rule and margin", "verdict"};
  out += "### Paper vs ours\n\n" + markdown_header(columns);
  for (const ClaimResult* claim : groups.shown) out += markdown_row(claim_row(*claim));
  out += "\n";
  if (!groups.not_decided.empty()) {
    out += fmt::format("<details><summary>{} claims not decided at the {} tier (skipped as expected)</summary>\n\n",
                       groups.not_decided.size(), study.tier) +
           markdown_header(columns);
    for (const ClaimResult* claim : groups.not_decided) out += markdown_row(claim_row(*claim));
    out += "\n</details>\n\n";
  }
  if (study.claims.empty()) return;
  nlohmann::json raw = nlohmann::json::object();
  for (const ClaimResult& claim : study.claims) {
    raw[claim.id] = {{"published", published_text(claim)}, {"rule", claim.rule}, {"measured", claim.measured}};
  }
  out += markdown_json_details(fmt::format("Raw measured values and full provenance ({} claims)", study.claims.size()),
                               raw);
}

void append_markdown_figures(const StudyResults& study, const std::vector<RenderedPlot>& plots, std::string& out) {
  bool any = false;
  for (const RenderedPlot& plot : plots) {
    if (plot.study != study.study) continue;
    if (!any) out += "### Figures\n\n";
    any = true;
    const std::string title = plot.title.empty() ? plot.plot_id : plot.title;
    if (plot.drawn) {
      out += fmt::format("![{}]({})\n\n", title, plot.svg_relative_path);
    } else {
      out += "Plot not drawn: " + plot.why_not_drawn + "\n\n";
    }
    out += fmt::format("**{}** (`{}`). {}\n\n", title, plot.plot_id, caption_or_note(plot));
  }
}

void append_markdown_checks(const StudyResults& study, std::string& out) {
  if (study.checks.empty()) return;
  out += fmt::format("### Checks of the suite's mechanics ({}; not claims of the paper, not counted above)\n\n",
                     check_counts_text(count_checks(study)));
  out += markdown_header({"check", "status", "measured", "rule", "reason"});
  for (const CheckResult& check : study.checks) {
    out += markdown_row({"`" + check.id + "`: " + check.text, "**" + check.status + "**",
                         plain_value_text(check.measured), check.rule, check.reason});
  }
  out += "\n";
}

void append_markdown_tables(const StudyResults& study, std::string& out) {
  for (const ResultTable& table : study.tables) {
    out += fmt::format("### Table `{}`{}\n\n", table.id, table.title.empty() ? "" : ": " + table.title);
    std::vector<std::string> columns = table.columns;
    if (columns.empty() && !table.rows.empty()) {
      for (std::size_t i = 0; i < table.rows.front().size(); ++i) columns.push_back(fmt::format("column {}", i + 1));
    }
    if (!columns.empty()) out += markdown_header(columns);
    for (const auto& cells : table.rows) {
      std::vector<std::string> texts;
      for (const auto& cell : cells) texts.push_back(json_value_text(cell));
      out += markdown_row(texts);
    }
    out += "\n";
  }
}

void append_markdown_timings(const StudyResults& study, std::string& out) {
  if (study.timings.empty()) return;
  out += "### Timings\n\n" + markdown_header(timing_columns());
  for (const TimingSamples& timing : study.timings) out += markdown_row(timing_cells(timing));
  out += "\n";
}

void append_markdown_manifest(const StudyResults& study, std::string& out) {
  out += "### Manifest\n\n";
  if (study.manifest.is_null()) {
    out += "No manifest recorded.\n\n";
    return;
  }
  out += markdown_header({"field", "value"});
  for (const auto& [label, value] : manifest_summary(study)) out += markdown_row({label, value});
  out += "\n" + markdown_json_details("Full manifest (versions, precision flags, data files with SHA-256)",
                                      study.manifest);
  if (study.numerics.is_array() && !study.numerics.empty()) {
    out += markdown_json_details(fmt::format("Numerical-health telemetry ({} records)", study.numerics.size()),
                                 study.numerics);
  }
}

}  // namespace

std::string markdown_study_section(const StudyResults& study, const std::vector<RenderedPlot>& plots) {
  std::string out = fmt::format("## {} (`{}`)\n\n", study.title.empty() ? study.study : study.title, study.study);
  if (!study.paper_citation().empty() || !study.paper_url().empty()) {
    out += "Paper: " + study.paper_citation();
    if (!study.paper_url().empty()) out += fmt::format(" <{}>", study.paper_url());
    out += "\n\n";
  }
  out += run_line(study) + "\n\n";
  append_markdown_claims_table(study, out);
  append_markdown_figures(study, plots, out);
  append_markdown_checks(study, out);
  append_markdown_tables(study, out);
  append_markdown_timings(study, out);
  append_markdown_manifest(study, out);
  return out;
}

}  // namespace repro::reports
