#include "reports/html_writer.h"

#include <fmt/format.h>

#include "reports/claim_formatting.h"
#include "reports/report_summary.h"
#include "reports/timing_summary.h"

namespace repro::reports {
namespace {

constexpr const char* kStyle = R"css(
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 96em;
       padding: 0 1em; color: #1d1d1f; line-height: 1.4; }
h1, h2, h3 { line-height: 1.2; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em 0; font-size: 0.92em; }
th, td { border: 1px solid #c8c8cc; padding: 0.3em 0.55em; text-align: left; vertical-align: top; }
th { background: #f0f0f3; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.95em; }
.verdict { font-weight: 600; white-space: nowrap; }
.verdict-reproduced { background: #d8f5dc; color: #11602a; }
.verdict-not_reproduced { background: #fbdada; color: #8a1414; }
.verdict-inconclusive { background: #fdf0c8; color: #6e5200; }
.verdict-skipped { background: #e6e6ea; color: #4a4a52; }
tr.mismatch td:first-child { border-left: 4px solid #d22; }
.mismatch-note { color: #b00; font-weight: 600; }
.plot svg { max-width: 100%; height: auto; border: 1px solid #e0e0e4; }
.not-drawn { color: #8a1414; font-style: italic; }
.meta { color: #55555c; }
.wide { overflow-x: auto; }
#claims { width: 100%; }
#claims td { overflow-wrap: anywhere; }
.study-name { color: #55555c; font-size: 0.85em; }
)css";

std::string cell(std::string_view text, std::string_view css_class = "") {
  if (css_class.empty()) return "<td>" + html_escape(text) + "</td>";
  return fmt::format("<td class=\"{}\">{}</td>", css_class, html_escape(text));
}

std::string verdict_cell(const std::string& verdict) {
  if (verdict.empty()) return "<td>—</td>";
  return fmt::format("<td class=\"verdict verdict-{}\">{}</td>", html_escape(verdict),
                     html_escape(verdict_label(verdict)));
}

std::string header_row(const std::vector<std::string>& names) {
  std::string row = "<tr>";
  for (const std::string& name : names) row += "<th>" + html_escape(name) + "</th>";
  return row + "</tr>\n";
}

std::string anchor_id(const std::string& prefix, const std::string& study, const std::string& id = "") {
  return html_escape(prefix + "-" + study + (id.empty() ? "" : "-" + id));
}

void append_summary(const std::vector<StudyResults>& studies, std::string& out) {
  const ReportSummary summary = summarize(studies);
  out += "<h2 id=\"summary\">Summary</h2>\n<table id=\"summary-table\">\n";
  out += header_row({"study", "tier", "claims", "reproduced", "not reproduced", "inconclusive", "skipped",
                     "verdict differs from expected"});
  auto counts_row = [&](const std::string& study_cell, const std::string& tier, const VerdictCounts& counts) {
    out += "<tr>" + study_cell + cell(tier) + cell(std::to_string(counts.total()), "number");
    for (std::size_t i = 0; i < 4; ++i) {
      out += cell(std::to_string(counts.by_verdict[i]),
                  counts.by_verdict[i] > 0 ? fmt::format("number verdict-{}", kVerdicts[i]) : "number");
    }
    out += cell(std::to_string(counts.mismatches), counts.mismatches > 0 ? "number mismatch-note" : "number");
    out += "</tr>\n";
  };
  for (const StudySummary& study : summary.studies) {
    counts_row(fmt::format("<td><a href=\"#{}\">{}</a></td>", anchor_id("study", study.study),
                           html_escape(study.study)),
               study.tier, study.counts);
  }
  counts_row("<td><strong>all</strong></td>", "", summary.overall);
  out += "</table>\n<h3>Verdicts that differ from the expected verdict</h3>\n";
  if (summary.mismatches.empty()) {
    out += "<p id=\"mismatches\">None: every verdict is the expected one.</p>\n";
  } else {
    out += "<ul id=\"mismatches\">\n";
    for (const ClaimReference& reference : summary.mismatches) {
      out += fmt::format(
          "<li><a href=\"#{}\"><code>{}</code> / <code>{}</code></a>: <span class=\"verdict verdict-{}\">{}</span> "
          "(expected {}) — {}</li>\n",
          anchor_id("claim", reference.study->study, reference.claim->id), html_escape(reference.study->study),
          html_escape(reference.claim->id), html_escape(reference.claim->verdict),
          html_escape(verdict_label(reference.claim->verdict)),
          html_escape(verdict_label(reference.claim->expected_verdict)), html_escape(reference.claim->reason));
    }
    out += "</ul>\n";
  }
}

void append_claims(const std::vector<StudyResults>& studies, std::string& out) {
  out += "<h2>Claims</h2>\n<div class=\"wide\"><table id=\"claims\">\n";
  out += header_row({"claim (study)", "text", "published (provenance)", "ours", "verdict", "expected verdict",
                     "reason"});
  for (const ClaimReference& reference : claims_mismatches_first(studies)) {
    const ClaimResult& claim = *reference.claim;
    out += fmt::format("<tr id=\"{}\" data-verdict=\"{}\"{}>", anchor_id("claim", reference.study->study, claim.id),
                       html_escape(claim.verdict), claim.matches_expected() ? "" : " class=\"mismatch\"");
    out += "<td><code>" + html_escape(claim.id) + "</code><br><span class=\"study-name\">" +
           html_escape(reference.study->study) + "</span></td>" + cell(claim.text) +
           cell(published_text(claim)) + cell(measured_text(claim.measured)) + verdict_cell(claim.verdict) +
           verdict_cell(claim.expected_verdict) + cell(claim.reason) + "</tr>\n";
  }
  out += "</table></div>\n";
}

void append_manifest(const StudyResults& study, std::string& out) {
  out += "<h3>Manifest</h3>\n";
  if (study.manifest.is_null()) {
    out += "<p class=\"meta\">No manifest recorded.</p>\n";
    return;
  }
  out += fmt::format("<table class=\"manifest\" id=\"{}\">\n", anchor_id("manifest", study.study));
  out += header_row({"field", "value"});
  for (const auto& [key, value] : study.manifest.items()) {
    if (key == "data_files") continue;
    out += "<tr>" + cell(key) + cell(value.is_null() ? "(none)" : json_value_text(value)) + "</tr>\n";
  }
  out += "</table>\n";
  const auto data_files = study.manifest.find("data_files");
  if (data_files != study.manifest.end() && data_files->is_array() && !data_files->empty()) {
    out += "<table class=\"data-files\">\n" + header_row({"data file", "sha256"});
    for (const auto& file : *data_files) {
      const bool is_object = file.is_object();
      out += "<tr>" + cell(is_object ? json_value_text(file.value("path", nlohmann::json())) : json_value_text(file)) +
             "<td><code>" + html_escape(is_object ? json_value_text(file.value("sha256", nlohmann::json())) : "") +
             "</code></td></tr>\n";
    }
    out += "</table>\n";
  }
}

void append_study(const StudyResults& study, const std::vector<RenderedPlot>& plots, std::string& out) {
  out += fmt::format("<section class=\"study\" id=\"{}\">\n<h2>{} (<code>{}</code>)</h2>\n",
                     anchor_id("study", study.study), html_escape(study.title.empty() ? study.study : study.title),
                     html_escape(study.study));
  if (!study.paper_citation.empty() || !study.paper_url.empty()) {
    out += "<p>Paper: " + html_escape(study.paper_citation);
    if (!study.paper_url.empty()) out += " <code>" + html_escape(study.paper_url) + "</code>";
    out += "</p>\n";
  }
  std::string meta = fmt::format("Tier {}, device {}", study.tier, study.device.empty() ? "unknown" : study.device);
  if (study.seed) meta += fmt::format(", seed {}", *study.seed);
  if (!study.started_at.empty()) meta += ", started " + study.started_at;
  if (study.wall_seconds) meta += fmt::format(", {:.3f} s wall time", *study.wall_seconds);
  meta += ". Results: " + study.source_path.string() + ".";
  out += "<p class=\"meta\">" + html_escape(meta) + "</p>\n";
  append_manifest(study, out);

  for (const ResultTable& table : study.tables) {
    out += fmt::format("<h3>Table <code>{}</code>{}</h3>\n<table class=\"result-table\" id=\"{}\">\n",
                       html_escape(table.id), table.title.empty() ? "" : ": " + html_escape(table.title),
                       anchor_id("table", study.study, table.id));
    if (!table.columns.empty()) out += header_row(table.columns);
    for (const auto& cells : table.rows) {
      out += "<tr>";
      for (const auto& value : cells) out += cell(json_value_text(value), value.is_number() ? "number" : "");
      out += "</tr>\n";
    }
    out += "</table>\n";
  }
  for (const RenderedPlot& plot : plots) {
    if (plot.study != study.study) continue;
    const std::string title = plot.title.empty() ? plot.plot_id : plot.title;
    out += fmt::format("<figure class=\"plot\" id=\"{}\">\n", anchor_id("plot", study.study, plot.plot_id));
    if (plot.drawn) {
      out += svg_for_inlining(plot.svg) + "\n";
    } else {
      out += "<p class=\"not-drawn\">Plot not drawn: " + html_escape(plot.why_not_drawn) + "</p>\n";
    }
    out += fmt::format("<figcaption><code>{}</code>: {}</figcaption>\n</figure>\n", html_escape(plot.plot_id),
                       html_escape(title));
  }
  if (!study.timings.empty()) {
    out += "<h3>Timings</h3>\n<table class=\"timings\">\n" +
           header_row({"timing", "unit", "samples", "median", "95% interval of the median", "min", "max"});
    for (const TimingSamples& timing : study.timings) {
      const TimingDisplay display = summarize_timing(timing.samples);
      out += "<tr>" + cell(timing.id) + cell(timing.unit) + cell(std::to_string(display.count), "number") +
             cell(fmt::format("{:.4g}", display.median), "number") +
             cell(fmt::format("{:.4g}–{:.4g}", display.median_lower, display.median_upper), "number") +
             cell(fmt::format("{:.4g}", display.minimum), "number") +
             cell(fmt::format("{:.4g}", display.maximum), "number") + "</tr>\n";
    }
    out += "</table>\n";
  }
  out += "</section>\n";
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (const char character : text) {
    switch (character) {
      case '&': escaped += "&amp;"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '"': escaped += "&quot;"; break;
      case '\'': escaped += "&#39;"; break;
      default: escaped += character;
    }
  }
  return escaped;
}

std::string svg_for_inlining(std::string_view svg_document) {
  const std::size_t start = svg_document.find("<svg");
  if (start == std::string_view::npos) return std::string(svg_document);
  return std::string(svg_document.substr(start));
}

std::string html_report(const std::vector<StudyResults>& studies, const std::vector<RenderedPlot>& plots) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>Reproduction report</title>\n<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n";
  out += "<h1>Reproduction report</h1>\n";
  out += fmt::format("<p class=\"meta\">{} {}, {} claims.</p>\n", studies.size(),
                     studies.size() == 1 ? "study" : "studies", summarize(studies).overall.total());
  append_summary(studies, out);
  append_claims(studies, out);
  for (const StudyResults& study : studies) append_study(study, plots, out);
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace repro::reports
