// The one results type's JSON: what to_json writes, parse_study_results reads back to the same
// value, for every field; results committed by earlier runners keep every value they hold.
#include "common/study_results.h"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include <gtest/gtest.h>

#include "base/errors.h"

namespace repro {
namespace {

using nlohmann::json;

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Every field set, with the values JSON cannot hold (NaN, infinite region ends) where they occur.
StudyResults every_field() {
  StudyResults results;
  results.schema_version = 2;
  results.study = "example";
  results.title = "An example";
  results.paper = {{"title", "A paper"}, {"authors", "A, B"}, {"venue", "ICLR"}, {"year", 2021}, {"url", "https://x"}};
  results.tier = "reduced";
  results.device = "cpu";
  results.seed = 1000;
  results.started_at = "2026-12-07T05:00:00Z";
  results.wall_seconds = 12.5;
  results.manifest = {{"git_commit", "abc"}, {"seeds", {0, 1000}}};

  ClaimResult claim;
  claim.id = "accuracy";
  claim.text = "reaches 90 %";
  claim.published.push_back(PublishedValue::from_entry(
      "table2_accuracy", {{"value", 90.1}, {"unit", "%"}, {"provenance", "Table 2, p. 7"}, {"note", "8/8"}},
      "test", "published.table2_accuracy"));
  claim.measured = {{"per_seed", {89.5, 90.5}}};
  claim.rule = "ours against 90.1 ± 0.05";
  claim.rule_id = "example.accuracy";
  claim.verdict = "inconclusive";
  claim.expected_verdict = "unstable";
  claim.accepted_verdicts = {"reproduced", "inconclusive"};
  claim.expected_basis = "measured";
  claim.expected_detail = "seeds 0 and 1000";
  claim.recorded_match = true;
  claim.reason = "the interval straddles the band";
  claim.decided_at_tiers = {"reduced", "full"};
  ClaimComparison comparison;
  comparison.kind = "direction";
  comparison.quantity = "accuracy";
  comparison.unit = "%";
  comparison.published = 90.1;
  comparison.published_estimate = EstimateValue{90.1, 89.0, 91.0, "Wilson"};
  comparison.ours = EstimateValue{90.0, 89.5, 90.5, "t over 2 seeds"};
  comparison.tested = "ours − published";
  comparison.tested_estimate = EstimateValue{-0.1, kNotANumber, kNotANumber, ""};
  comparison.region_lower = 0.0;
  comparison.region_upper = kInfinity;
  comparison.has_region = true;
  claim.comparison = comparison;
  claim.margin = StatedQuantity{0.05, "points", "half a unit of the printed 0.1"};
  claim.detectable_effect = StatedQuantity{1.2, "points", "2.8 × SE"};
  results.claims.push_back(claim);
  ClaimResult skipped;
  skipped.id = "speed";
  skipped.verdict = "skipped";
  skipped.expected_verdict = "skipped";
  results.claims.push_back(skipped);

  results.checks.push_back({"trains", "a model trains", "passed", {{"loss", 0.5}}, "loss falls", "it fell", {"smoke"}});

  PlotSpec plot;
  plot.id = "accuracy_by_bits";
  plot.title = "accuracy by bits";
  plot.x_label = "bits";
  plot.y_label = "accuracy (%)";
  plot.kind = "bar";
  plot.log_y = true;
  plot.x_tick_labels = {"a", "b"};
  plot.series.push_back({"ours", {json(8), json("sixteen")}, {50.0, kNotANumber}, {45.0, kNotANumber}, {55.0, 60.0}, false});
  plot.series.push_back({"paper", {json(8)}, {52.0}, {}, {}, true});
  plot.reference_lines = {{'x', 12.0, "inflection"}, {'y', 90.0, "FP32"}};
  plot.caption = "Figure 3, p. 5";
  results.plots.push_back(plot);
  results.tables.push_back({"runs", "the runs", {"seed", "loss"}, {{json(0), json(0.5)}, {json(1), json(nullptr)}}});
  results.timings.push_back({"step", "ms", {1.5, 2.5}});
  results.numerics = json::array({{{"run", "fp32"}, {"overflow", 0}}});
  StudyOutcome outcome;
  outcome.exit_code = 1;
  outcome.mismatched_claims = {"accuracy"};
  outcome.failed_checks = {"trains"};
  outcome.skipped_for_requirements = {{"speed", "needs a CUDA GPU"}};
  outcome.allow_skipped = true;
  outcome.decided_claims = 1;
  outcome.failure = "";
  results.outcome = outcome;
  return results;
}

// The document as a file holds it: written as text and parsed again.
json as_written(const StudyResults& results) { return json::parse(to_json(results).dump(2)); }

TEST(StudyResultsJson, EveryFieldReadsBackToTheSameDocument) {
  const json document = as_written(every_field());
  const StudyResults read = parse_study_results(document, "test");
  EXPECT_EQ(to_json(read), document) << json::diff(document, to_json(read)).dump();
  // Parts read back, including what JSON cannot hold: NaN is written as null and read as NaN; a
  // null region end reads back as unbounded.
  ASSERT_EQ(read.claims.size(), 2u);
  const ClaimResult& claim = read.claims[0];
  EXPECT_EQ(claim.published[0].provenance, "Table 2, p. 7");
  EXPECT_EQ(claim.published[0].entry.at("note"), "8/8");
  EXPECT_EQ(claim.rule_id, "example.accuracy");
  ASSERT_TRUE(claim.comparison.has_value());
  EXPECT_TRUE(std::isinf(claim.comparison->region_upper));
  EXPECT_TRUE(std::isnan(claim.comparison->tested_estimate->lower));
  EXPECT_FALSE(read.claims[1].comparison.has_value());
  EXPECT_FALSE(read.claims[1].margin.has_value());
  EXPECT_EQ(read.checks.at(0).decided_at_tiers, (std::vector<std::string>{"smoke"}));
  EXPECT_TRUE(std::isnan(read.plots.at(0).series.at(0).y[1]));
  EXPECT_EQ(read.plots[0].reference_lines.at(1).axis, 'y');
  ASSERT_TRUE(read.outcome.has_value());
  EXPECT_EQ(read.outcome->skipped_for_requirements.at(0).reason, "needs a CUDA GPU");
  EXPECT_EQ(read.paper_citation(), "A paper, A, B, ICLR 2021");
  EXPECT_EQ(read.paper_url(), "https://x");
  EXPECT_EQ(read.schema_version, 2);
}

TEST(StudyResultsJson, ABarePublishedNumberAndAnEntryWithoutValueKeepTheirForm) {
  StudyResults results = every_field();
  results.claims[0].published = {
      PublishedValue::from_entry("bare", json(0.371), "test", "bare"),
      PublishedValue::from_entry("mcnemar", {{"statistic", 19}, {"p", 0.371}, {"provenance", "Table 3"}}, "test", "m")};
  const json document = as_written(results);
  const StudyResults read = parse_study_results(document, "test");
  EXPECT_EQ(to_json(read), document);
  EXPECT_EQ(read.claims[0].published[0].value, 0.371);
  EXPECT_EQ(read.claims[0].published[1].value, (json{{"statistic", 19}, {"p", 0.371}}));
  EXPECT_EQ(read.claims[0].published[1].provenance, "Table 3");
}

TEST(StudyResultsJson, AResultWrittenBeforeSchemaTwoReadsIntoTheSchemaTwoFields) {
  // "ours_interval" and "published_interval" were the first spelling of the intervals.
  const json old = json::parse(R"({"study": "s", "tier": "smoke", "claims": [{"id": "c", "verdict": "reproduced",
      "comparison": {"kind": "agreement", "published": 5, "published_interval": {"lower": 4, "upper": 6},
                     "ours": {"value": 5.5}, "ours_interval": {"lower": 5, "upper": 6, "method": "t"}}}]})");
  const StudyResults read = parse_study_results(old, "old");
  const ClaimComparison& comparison = *read.claims.at(0).comparison;
  ASSERT_TRUE(comparison.published_estimate.has_value());
  EXPECT_EQ(comparison.published_estimate->lower, 4.0);
  EXPECT_EQ(comparison.ours->upper, 6.0);
  EXPECT_EQ(comparison.ours->method, "t");
  EXPECT_FALSE(comparison.has_region);
  // Written again, it is schema 2 and reads back to itself.
  const json rewritten = json::parse(to_json(read).dump());
  EXPECT_EQ(rewritten["claims"][0]["comparison"]["ours"]["lower"], 5.0);
  EXPECT_FALSE(rewritten["claims"][0]["comparison"].contains("ours_interval"));
  EXPECT_EQ(to_json(parse_study_results(rewritten, "rewritten")), rewritten);
}

// Results committed by earlier versions of the runner (reports/baselines/) read back with every
// value they hold: written again, they only gain the fields the schema-2 writer always writes
// (plot defaults such as "log_x": false), and that form reads back to itself.
TEST(StudyResultsJson, CommittedBaselineResultsKeepEveryValueTheyHold) {
  const char* source = std::getenv("REPRO_SOURCE_DIR");
  ASSERT_NE(source, nullptr) << "REPRO_SOURCE_DIR is set by CTest";
  const std::filesystem::path baselines = std::filesystem::path(source) / "reports" / "baselines";
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(baselines)) {
    if (entry.path().filename() != "results.json") continue;
    std::ifstream stream(entry.path());
    std::stringstream text;
    text << stream.rdbuf();
    const json document = json::parse(text.str());
    const json rewritten = json::parse(to_json(load_study_results(entry.path())).dump());
    for (const json& operation : json::diff(document, rewritten)) {
      EXPECT_EQ(operation.at("op"), "add") << entry.path() << ": " << operation.dump();
    }
    EXPECT_EQ(to_json(parse_study_results(rewritten, "rewritten")), rewritten) << entry.path();
    ++files;
  }
  EXPECT_GE(files, 1) << "no results.json under " << baselines;
}

TEST(StudyResultsJson, AMalformedPlotNamesItsSource) {
  try {
    parse_plot_spec({{"id", "p"}, {"kind", "pie"}}, "study s, plot 'p'");
    FAIL() << "a pie plot was accepted";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("study s, plot 'p'"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("pie"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace repro
