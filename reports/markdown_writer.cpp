#include "reports/markdown_writer.h"

#include <fmt/format.h>

#include "reports/claim_formatting.h"
#include "reports/report_summary.h"
#include "reports/timing_summary.h"

namespace repro::reports {
namespace {

std::string row(const std::vector<std::string>& cells) {
  std::string line = "|";
  for (const std::string& cell : cells) line += " " + markdown_cell(cell) + " |";
  return line + "\n";
}

std::string header(const std::vector<std::string>& cells) {
  std::string line = row(cells) + "|";
  for (std::size_t i = 0; i < cells.size(); ++i) line += " --- |";
  return line + "\n";
}

std::string claim_label(const ClaimResult& claim) {
  return claim.text.empty() ? claim.id : claim.id + ": " + claim.text;
}

void append_summary(const std::vector<StudyResults>& studies, std::string& out) {
  const ReportSummary summary = summarize(studies);
  out += "## Summary\n\n";
  out += header({"study", "tier", "claims", "reproduced", "not reproduced", "inconclusive", "skipped",
                 "verdict differs from expected"});
  auto counts_row = [&](const std::string& study, const std::string& tier, const VerdictCounts& counts) {
    out += row({study, tier, std::to_string(counts.total()), std::to_string(counts.by_verdict[0]),
                std::to_string(counts.by_verdict[1]), std::to_string(counts.by_verdict[2]),
                std::to_string(counts.by_verdict[3]), std::to_string(counts.mismatches)});
  };
  for (const StudySummary& study : summary.studies) counts_row(study.study, study.tier, study.counts);
  counts_row("**all**", "", summary.overall);
  out += "\n### Verdicts that differ from the expected verdict\n\n";
  if (summary.mismatches.empty()) {
    out += "None: every verdict is the expected one.\n\n";
  } else {
    for (const ClaimReference& reference : summary.mismatches) {
      out += fmt::format("- **{}** / `{}`: {} (expected {}) — {}\n", reference.study->study, reference.claim->id,
                         verdict_label(reference.claim->verdict), verdict_label(reference.claim->expected_verdict),
                         reference.claim->reason);
    }
    out += "\n";
  }
}

void append_claims(const std::vector<StudyResults>& studies, std::string& out) {
  out += "## Claims\n\n";
  out += header({"study", "claim", "published (provenance)", "ours", "verdict", "expected verdict", "reason"});
  for (const ClaimReference& reference : claims_mismatches_first(studies)) {
    const ClaimResult& claim = *reference.claim;
    const std::string verdict = claim.matches_expected() ? "**" + verdict_label(claim.verdict) + "**"
                                                         : "**" + verdict_label(claim.verdict) + "** ⚠";
    out += row({reference.study->study, claim_label(claim), published_text(claim), measured_text(claim.measured),
                verdict, verdict_label(claim.expected_verdict), claim.reason});
  }
  out += "\n";
}

void append_manifest(const StudyResults& study, std::string& out) {
  out += "### Manifest\n\n";
  if (study.manifest.is_null()) {
    out += "No manifest recorded.\n\n";
    return;
  }
  out += header({"field", "value"});
  for (const auto& [key, value] : study.manifest.items()) {
    if (key == "data_files") continue;
    out += row({key, value.is_null() ? "(none)" : json_value_text(value)});
  }
  out += "\n";
  const auto data_files = study.manifest.find("data_files");
  if (data_files != study.manifest.end() && data_files->is_array() && !data_files->empty()) {
    out += "Data files:\n\n";
    out += header({"path", "sha256"});
    for (const auto& file : *data_files) {
      out += row({file.is_object() ? json_value_text(file.value("path", nlohmann::json())) : json_value_text(file),
                  file.is_object() ? json_value_text(file.value("sha256", nlohmann::json())) : ""});
    }
    out += "\n";
  }
}

void append_study(const StudyResults& study, const std::vector<RenderedPlot>& plots, std::string& out) {
  out += fmt::format("## {} (`{}`)\n\n", study.title.empty() ? study.study : study.title, study.study);
  if (!study.paper_citation.empty() || !study.paper_url.empty()) {
    out += "Paper: " + study.paper_citation;
    if (!study.paper_url.empty()) out += fmt::format(" <{}>", study.paper_url);
    out += "\n\n";
  }
  out += fmt::format("Tier `{}`, device `{}`", study.tier, study.device.empty() ? "unknown" : study.device);
  if (study.seed) out += fmt::format(", seed {}", *study.seed);
  if (!study.started_at.empty()) out += ", started " + study.started_at;
  if (study.wall_seconds) out += fmt::format(", {:.3f} s wall time", *study.wall_seconds);
  out += ". Results: `" + study.source_path.string() + "`.\n\n";
  append_manifest(study, out);

  for (const ResultTable& table : study.tables) {
    out += fmt::format("### Table `{}`{}\n\n", table.id, table.title.empty() ? "" : ": " + table.title);
    std::vector<std::string> columns = table.columns;
    if (columns.empty() && !table.rows.empty()) {
      for (std::size_t i = 0; i < table.rows.front().size(); ++i) columns.push_back(fmt::format("column {}", i + 1));
    }
    if (!columns.empty()) out += header(columns);
    for (const auto& cells : table.rows) {
      std::vector<std::string> texts;
      for (const auto& cell : cells) texts.push_back(json_value_text(cell));
      out += row(texts);
    }
    out += "\n";
  }
  for (const RenderedPlot& plot : plots) {
    if (plot.study != study.study) continue;
    const std::string title = plot.title.empty() ? plot.plot_id : plot.title;
    out += fmt::format("### Plot `{}`: {}\n\n", plot.plot_id, title);
    if (plot.drawn) {
      out += fmt::format("![{}]({})\n\n", title, plot.svg_relative_path);
    } else {
      out += "Plot not drawn: " + plot.why_not_drawn + "\n\n";
    }
  }
  if (!study.timings.empty()) {
    out += "### Timings\n\n";
    out += header({"timing", "unit", "samples", "median", "95% interval of the median", "min", "max"});
    for (const TimingSamples& timing : study.timings) {
      const TimingDisplay display = summarize_timing(timing.samples);
      out += row({timing.id, timing.unit, std::to_string(display.count), fmt::format("{:.4g}", display.median),
                  fmt::format("{:.4g}–{:.4g}", display.median_lower, display.median_upper),
                  fmt::format("{:.4g}", display.minimum), fmt::format("{:.4g}", display.maximum)});
    }
    out += "\n";
  }
}

}  // namespace

std::string markdown_cell(std::string_view text) {
  std::string cell;
  for (const char character : text) {
    if (character == '|') {
      cell += "\\|";
    } else if (character == '\n' || character == '\r') {
      cell += ' ';
    } else {
      cell += character;
    }
  }
  return cell;
}

std::string markdown_report(const std::vector<StudyResults>& studies, const std::vector<RenderedPlot>& plots) {
  std::string out = "# Reproduction report\n\n";
  out += fmt::format("{} {}, {} claims.\n\n", studies.size(), studies.size() == 1 ? "study" : "studies",
                     summarize(studies).overall.total());
  append_summary(studies, out);
  append_claims(studies, out);
  for (const StudyResults& study : studies) append_study(study, plots, out);
  return out;
}

}  // namespace repro::reports
