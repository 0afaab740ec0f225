// report.md and report.html hold every claim with its verdict and published value.
#include <gtest/gtest.h>

#include "reports/claim_formatting.h"
#include "reports/html_writer.h"
#include "reports/key_numbers.h"
#include "reports/markdown_writer.h"
#include "reports/report_summary.h"
#include "reports/verdict_chart.h"
#include "tests/reports/test_support.h"

namespace repro::reports {
namespace {

class DocumentWritersTest : public ::testing::Test {
 protected:
  std::vector<StudyResults> studies_ = load_results_directory(testing::old_run_dir());
  std::vector<RenderedPlot> plots_ = {
      {"dogs_vs_cats_mixed_precision", "training_time", "Training time per step", "plots/a.svg", true, "",
       "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<svg id=\"inlined\"><text>series-title</text></svg>\n",
       "Source: Table 4 (ms per step). Ours: median of 10 steps; no error bars."},
      {"dogs_vs_cats_mixed_precision", "p_value_by_total", "Exact p", "plots/b.svg", false,
       "gnuplot ('gnuplot') is not installed or not on PATH", ""}};
};

TEST(ReportSummary, CountsVerdictsPerStudyAndMismatches) {
  const std::vector<StudyResults> studies = load_results_directory(testing::old_run_dir());
  const ReportSummary summary = summarize(studies);
  ASSERT_EQ(summary.studies.size(), 2u);
  EXPECT_EQ(summary.studies[0].counts.by_verdict, (std::array<int, 4>{1, 1, 0, 1}));
  EXPECT_EQ(summary.studies[0].counts.mismatches, 1);
  EXPECT_EQ(summary.studies[1].counts.by_verdict, (std::array<int, 4>{1, 0, 1, 0}));
  EXPECT_EQ(summary.overall.total(), 5);
  ASSERT_EQ(summary.mismatches.size(), 1u);
  EXPECT_EQ(summary.mismatches[0].claim->id, "table4_training_speedup");
  const auto ordered = claims_mismatches_first(studies);
  ASSERT_EQ(ordered.size(), 5u);
  EXPECT_EQ(ordered[0].claim->id, "table4_training_speedup");
  EXPECT_EQ(ordered[1].claim->id, "table3_vgg_discordant_total");
}

TEST_F(DocumentWritersTest, MarkdownHoldsEveryClaimVerdictAndPublishedValue) {
  const std::string markdown = markdown_report(studies_, plots_);
  for (const StudyResults& study : studies_) {
    EXPECT_NE(markdown.find("## " + study.title + " (`" + study.study + "`)"), std::string::npos);
    for (const ClaimResult& claim : study.claims) {
      // Each claim's row of its study's "paper vs ours" table: id, published values, verdict, reason.
      const std::size_t row_start = markdown.find("| `" + claim.id + "`: ");
      ASSERT_NE(row_start, std::string::npos) << claim.id;
      const std::string row = markdown.substr(row_start, markdown.find('\n', row_start) - row_start);
      const KeyNumbers numbers = key_numbers(claim);
      EXPECT_NE(row.find(markdown_cell(numbers.published)), std::string::npos) << row;
      EXPECT_NE(row.find(markdown_cell(numbers.source)), std::string::npos) << row;
      EXPECT_NE(row.find("**" + verdict_label(claim.verdict) + "**"), std::string::npos) << row;
      EXPECT_NE(row.find(markdown_cell(claim.reason)), std::string::npos) << row;
      EXPECT_EQ(row.find('{'), std::string::npos) << row;  // no JSON object in the main table
    }
  }
  // The front page: the verdict chart, one line per study, the mismatches.
  EXPECT_NE(markdown.find("## At a glance\n\n![Claims by verdict, per study](plots/verdict_chart.svg)"),
            std::string::npos);
  EXPECT_NE(markdown.find("| dogs_vs_cats_mixed_precision | Steendam, 2020 | smoke | 1 reproduced, 1 not reproduced, "
                          "1 skipped | 1 | none | table3 vgg mcnemar p: paper "),
            std::string::npos);
  EXPECT_NE(markdown.find("`table4_training_speedup`: skipped; expected reproduced — needs a GPU"), std::string::npos);
  // Mismatches first within the study's table.
  EXPECT_LT(markdown.find("| `table4_training_speedup`: "), markdown.find("| `table3_vgg_discordant_total`: "));
  // Raw values and the whole manifest in collapsible blocks, the short manifest as a table.
  EXPECT_NE(markdown.find("<details><summary>Raw measured values and full provenance (3 claims)</summary>"),
            std::string::npos);
  EXPECT_NE(markdown.find("\"published\": \"table3_vgg_mcnemar_p = 0.371 (Table 3, p. 21); "), std::string::npos);
  EXPECT_NE(markdown.find("| LibTorch | 1.13.0 |"), std::string::npos);
  EXPECT_NE(markdown.find("| commit | 0123456789ab |"), std::string::npos);
  EXPECT_NE(markdown.find("<details><summary>Full manifest"), std::string::npos);
  EXPECT_NE(markdown.find("4e8c1bf5a0e6f2b1c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f607182930"), std::string::npos);
  EXPECT_NE(markdown.find("| VGG16 | 303 | 301.2 |"), std::string::npos);
  EXPECT_NE(markdown.find("![Training time per step](plots/a.svg)\n\n**Training time per step** (`training_time`). "
                          "Source: Table 4"),
            std::string::npos);
  EXPECT_NE(markdown.find("Plot not drawn: gnuplot ('gnuplot') is not installed"), std::string::npos);
  EXPECT_NE(markdown.find("Source not recorded: this plot's results.json entry has no caption."), std::string::npos);
  // count, median, the distribution-free 95% interval of the median (order statistics 2 and 9
  // of 10), minimum, maximum.
  const auto timing_row = markdown.find("| vgg16.fp32.iteration | ms | 10 | 10.1 | ");
  ASSERT_NE(timing_row, std::string::npos);
  const std::string row = markdown.substr(timing_row, markdown.find('\n', timing_row) - timing_row);
  EXPECT_NE(row.find("–"), std::string::npos) << row;
  EXPECT_NE(row.find(" | 9.8 | 10.4 |"), std::string::npos) << row;
  // The line break inside a claim text does not break the table row.
  EXPECT_NE(markdown.find("\"quotes\" and a line break"), std::string::npos);
}

TEST_F(DocumentWritersTest, HtmlHoldsEveryClaimVerdictAndPublishedValue) {
  const std::string html = html_report(studies_, plots_);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<section id=\"front\">"), std::string::npos);
  EXPECT_NE(html.find("<table id=\"summary-table\" class=\"main-table\">"), std::string::npos);
  EXPECT_NE(html.find("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"verdict-chart\""), std::string::npos);
  for (const StudyResults& study : studies_) {
    EXPECT_NE(html.find("<table class=\"main-table claims\" id=\"claims-" + study.study + "\">"), std::string::npos);
    for (const ClaimResult& claim : study.claims) {
      const std::string row_id = "<tr id=\"claim-" + study.study + "-" + claim.id + "\" data-verdict=\"" + claim.verdict + "\"";
      const std::size_t row_start = html.find(row_id);
      ASSERT_NE(row_start, std::string::npos) << claim.id;
      const std::string row = html.substr(row_start, html.find("</tr>", row_start) - row_start);
      EXPECT_NE(row.find(html_escape(key_numbers(claim).published)), std::string::npos) << row;
      EXPECT_NE(row.find("class=\"verdict verdict-" + claim.verdict + "\">" + verdict_label(claim.verdict) + "<"),
                std::string::npos)
          << row;
      EXPECT_EQ(row.find("{&quot;"), std::string::npos) << row;  // no JSON object in the main table
    }
  }
  // Colour-coded verdicts and escaped text.
  EXPECT_NE(html.find(".verdict-not_reproduced {"), std::string::npos);
  EXPECT_NE(html.find("&quot;0.96&quot; published"), std::string::npos);
  EXPECT_NE(html.find("class=\"mismatch\""), std::string::npos);
  // Self-contained: the plot is inlined without its XML prolog, and nothing is loaded from outside.
  EXPECT_NE(html.find("<svg id=\"inlined\"><text>series-title</text></svg>"), std::string::npos);
  EXPECT_NE(html.find("<figcaption><strong>Training time per step</strong> <code>training_time</code><br>"
                      "<span class=\"source\">Source: Table 4"),
            std::string::npos);
  EXPECT_EQ(html.find("<?xml"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_NE(html.find("Plot not drawn: gnuplot (&#39;gnuplot&#39;) is not installed"), std::string::npos);
  // The short manifest, and the whole record collapsible.
  EXPECT_NE(html.find("<tr><th>machine</th><td>ci-runner, AMD EPYC 7B13</td></tr>"), std::string::npos);
  EXPECT_NE(html.find("<details><summary>Full manifest"), std::string::npos);
  EXPECT_NE(html.find("&quot;cudnn_deterministic&quot;: true"), std::string::npos);
}

TEST(HtmlReport, ChecksAreListedApartAndNotCountedAmongClaims) {
  const std::vector<StudyResults> studies = load_results_directory(testing::schema2_run_dir());
  const std::string html = html_report(studies, {});
  EXPECT_NE(html.find("1 study, 3 claims of the papers, 3 checks of the suite's mechanics."), std::string::npos);
  const std::size_t checks = html.find("<table class=\"main-table checks\" id=\"checks-fixed_point_fashion_mnist\">");
  ASSERT_NE(checks, std::string::npos);
  const std::string table = html.substr(checks, html.find("</table>", checks) - checks);
  EXPECT_NE(table.find("<tr id=\"check-fixed_point_fashion_mnist-quantizer_round_trip\" data-status=\"failed\">"),
            std::string::npos);
  EXPECT_NE(table.find("first_loss: 2.3; last_loss: 0.6"), std::string::npos);
  EXPECT_EQ(table.find("data-verdict"), std::string::npos);
  EXPECT_NE(html.find("1 passed, 1 failed, 1 skipped; not claims of the paper"), std::string::npos);
  // The claims table shows our interval and the rule with its margin, not JSON.
  EXPECT_NE(html.find("89.3 % [88.8, 89.8]"), std::string::npos);
  EXPECT_NE(html.find("agreement within ±8.4 points: our 95% interval must lie in [85.35, 102.2] %"),
            std::string::npos);
  EXPECT_EQ(html.find("<td>{"), std::string::npos);
  // The raw values go to the collapsible block, JSON and all.
  const std::size_t raw = html.find("<details class=\"raw\" id=\"raw-fixed_point_fashion_mnist\">");
  ASSERT_NE(raw, std::string::npos);
  EXPECT_NE(html.find("&quot;alternative_choices&quot;", raw), std::string::npos);
  EXPECT_NE(html.find("Numerical-health telemetry (1 records)"), std::string::npos);
}

TEST(GroupClaims, MismatchesFirstAndClaimsSkippedAsExpectedApart) {
  StudyResults study = load_study_results(testing::dogs_vs_cats_results());
  ClaimResult later;
  later.id = "decided_at_full_only";
  later.verdict = "skipped";
  later.expected_verdict = "skipped";
  study.claims.push_back(later);
  const StudyClaimGroups groups = group_claims(study);
  ASSERT_EQ(groups.shown.size(), 3u);
  EXPECT_EQ(groups.shown[0]->id, "table4_training_speedup");  // skipped, but expected reproduced: shown first
  ASSERT_EQ(groups.not_decided.size(), 1u);
  EXPECT_EQ(groups.not_decided[0]->id, "decided_at_full_only");
  const std::string html = html_report({study}, {});
  const std::size_t apart = html.find("<summary>1 claims not decided at the smoke tier (skipped as expected)</summary>");
  ASSERT_NE(apart, std::string::npos);
  EXPECT_GT(html.find("id=\"claim-dogs_vs_cats_mixed_precision-decided_at_full_only\""), apart);
  EXPECT_NE(markdown_report({study}, {}).find("<details><summary>1 claims not decided at the smoke tier"),
            std::string::npos);
}

TEST(VerdictChart, OneBarPerStudyWithCountsAndALegend) {
  const std::vector<StudyResults> studies = load_results_directory(testing::old_run_dir());
  const std::string svg = verdict_chart_svg(summarize(studies));
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("viewBox=\"0 0 640 "), std::string::npos);
  for (const char* verdict : kVerdicts) EXPECT_NE(svg.find(">" + verdict_label(verdict) + "</text>"), std::string::npos);
  EXPECT_NE(svg.find(">dogs_vs_cats_mixed_precision</text>"), std::string::npos);
  EXPECT_NE(svg.find(">3 claims</text>"), std::string::npos);
  EXPECT_NE(svg.find("<title>dogs_vs_cats_mixed_precision: 1 not reproduced</title>"), std::string::npos);
  EXPECT_NE(svg.find("fill=\"" + verdict_colour("reproduced") + "\""), std::string::npos);
}

TEST(HtmlEscape, EscapesMarkupCharacters) {
  EXPECT_EQ(html_escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
  EXPECT_EQ(svg_for_inlining("<?xml version=\"1.0\"?>\n<svg>x</svg>"), "<svg>x</svg>");
}

TEST(MarkdownCell, EscapesPipesAndLineBreaks) { EXPECT_EQ(markdown_cell("a|b\nc"), "a\\|b c"); }

TEST(JsonValueText, RoundsFloatsToTenSignificantDigitsAtEveryDepth) {
  EXPECT_EQ(json_value_text(nlohmann::json(100.0 * 0.6075)), "60.75");  // 60.75000000000001 in binary64
  EXPECT_EQ(json_value_text(nlohmann::json(1.0 / 3.0)), "0.3333333333");
  EXPECT_EQ(json_value_text(nlohmann::json(4938)), "4938");
  EXPECT_EQ(json_value_text(nlohmann::json("text")), "text");
  EXPECT_EQ(json_value_text(nlohmann::json::parse(R"([0.1, 2, "a", {"p": 0.30000000000000004}])")),
            R"([0.1,2,"a",{"p":0.3}])");
  EXPECT_EQ(json_value_text(nlohmann::json()), "");
}

}  // namespace
}  // namespace repro::reports
