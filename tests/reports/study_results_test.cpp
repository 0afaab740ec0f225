#include "common/study_results.h"

#include <cmath>
#include <functional>

#include <gtest/gtest.h>

#include "base/errors.h"
#include "tests/reports/test_support.h"

namespace repro::reports {
namespace {

using nlohmann::json;

// The message of the InputError that parsing `document` throws, or "" when it does not throw.
std::string input_error_of(const json& document) {
  try {
    parse_study_results(document, "results/x/results.json");
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

json minimal_results() {
  return json::parse(R"({"study": "s", "tier": "smoke",
                         "claims": [{"id": "c1", "verdict": "reproduced"}, {"id": "c2", "verdict": "skipped"}]})");
}

TEST(LoadStudyResults, ReadsEveryField) {
  const StudyResults results = load_study_results(testing::dogs_vs_cats_results());
  EXPECT_EQ(results.study, "dogs_vs_cats_mixed_precision");
  EXPECT_EQ(results.tier, "smoke");
  EXPECT_EQ(results.device, "cpu");
  EXPECT_EQ(results.paper_citation(), "Steendam, 2020");
  ASSERT_TRUE(results.seed.has_value());
  EXPECT_EQ(*results.seed, 0);
  ASSERT_TRUE(results.wall_seconds.has_value());
  EXPECT_DOUBLE_EQ(*results.wall_seconds, 1.25);
  EXPECT_EQ(results.manifest.at("libtorch_version"), "1.13.0");
  EXPECT_EQ(results.source_path, testing::dogs_vs_cats_results());

  ASSERT_EQ(results.claims.size(), 3u);
  const ClaimResult& first = results.claims[0];
  EXPECT_EQ(first.id, "table3_vgg_discordant_total");
  EXPECT_EQ(first.verdict, "reproduced");
  EXPECT_TRUE(first.matches_expected());
  ASSERT_EQ(first.published.size(), 2u);
  EXPECT_EQ(first.published[0].name, "table3_vgg_mcnemar_p");
  EXPECT_DOUBLE_EQ(first.published[0].value.get<double>(), 0.371);
  EXPECT_EQ(first.published[0].provenance, "Table 3, p. 21");
  EXPECT_EQ(first.measured.at("discordant_totals").at(0), 45);
  EXPECT_EQ(first.decided_at_tiers, (std::vector<std::string>{"smoke", "reduced", "full"}));
  EXPECT_FALSE(results.claims[2].matches_expected());

  ASSERT_EQ(results.plots.size(), 2u);
  EXPECT_EQ(results.plots[0].kind, "bar");
  EXPECT_EQ(results.plots[0].series[0].x[1], "InceptionV3");
  EXPECT_TRUE(results.plots[0].series[1].has_error_bars());
  EXPECT_TRUE(results.plots[1].log_y);
  ASSERT_EQ(results.tables.size(), 1u);
  EXPECT_EQ(results.tables[0].rows[2][2], nullptr);
  ASSERT_EQ(results.timings.size(), 2u);
  EXPECT_EQ(results.timings[0].samples.size(), 10u);
}

TEST(LoadStudyResults, ReadsSchemaTwoComparisonMarginChecksAndPlotAnnotations) {
  const StudyResults results = load_study_results(testing::schema2_results());
  EXPECT_EQ(results.paper_citation(), "PyTorch Low-Precision Fixed-Point Training Flow, 2022 (slides)");
  ASSERT_EQ(results.claims.size(), 3u);
  const ClaimResult& agreement = results.claims[0];
  ASSERT_TRUE(agreement.comparison.has_value());
  EXPECT_EQ(agreement.comparison->kind, "agreement");
  EXPECT_EQ(agreement.comparison->quantity, "FP32 test accuracy");
  EXPECT_EQ(agreement.comparison->unit, "%");
  ASSERT_TRUE(agreement.comparison->published.has_value());
  EXPECT_DOUBLE_EQ(*agreement.comparison->published, 93.75);
  ASSERT_TRUE(agreement.comparison->published_estimate.has_value());
  EXPECT_DOUBLE_EQ(agreement.comparison->published_estimate->lower, 79.19);
  ASSERT_TRUE(agreement.comparison->ours.has_value());
  EXPECT_DOUBLE_EQ(agreement.comparison->ours->upper, 89.8);
  EXPECT_EQ(agreement.comparison->ours->method, "t over 3 seeds");
  EXPECT_TRUE(agreement.comparison->has_region);
  EXPECT_DOUBLE_EQ(agreement.comparison->region_lower, 85.35);
  ASSERT_TRUE(agreement.margin.has_value());
  EXPECT_DOUBLE_EQ(agreement.margin->value, 8.4);
  EXPECT_EQ(agreement.margin->reason, "half the width of the 32-image Clopper–Pearson interval");
  ASSERT_TRUE(agreement.detectable_effect.has_value());
  EXPECT_EQ(agreement.detectable_effect->reason, "2.8 × SE over 3 seeds");
  // An unstable expectation accepts two verdicts; a null region end is unbounded.
  const ClaimResult& direction = results.claims[1];
  EXPECT_EQ(direction.expected_verdict, "unstable");
  EXPECT_EQ(direction.accepted_verdicts, (std::vector<std::string>{"reproduced", "inconclusive"}));
  EXPECT_EQ(direction.expected_basis, "measured");
  EXPECT_TRUE(direction.matches_expected());
  EXPECT_FALSE(direction.comparison->ours.has_value());
  EXPECT_EQ(direction.comparison->kind, "direction");
  EXPECT_TRUE(std::isinf(direction.comparison->region_upper));
  EXPECT_FALSE(results.claims[2].matches_expected());
  // Checks are apart from the claims.
  ASSERT_EQ(results.checks.size(), 3u);
  EXPECT_EQ(results.checks[1].status, "failed");
  EXPECT_EQ(results.checks[0].measured.at("last_loss"), 0.6);
  EXPECT_EQ(results.numerics.size(), 1u);
  // Plots: caption, published series, reference lines.
  ASSERT_EQ(results.plots.size(), 2u);
  EXPECT_NE(results.plots[0].caption.find("Clopper–Pearson"), std::string::npos);
  EXPECT_FALSE(results.plots[0].series[0].published);
  EXPECT_TRUE(results.plots[0].series[1].published);
  ASSERT_EQ(results.plots[1].reference_lines.size(), 1u);
  EXPECT_EQ(results.plots[1].reference_lines[0].axis, 'x');
  EXPECT_DOUBLE_EQ(results.plots[1].reference_lines[0].value, 12.0);
}

TEST(LoadStudyResults, MalformedSchemaTwoFieldsNameTheField) {
  const json valid = testing::read_json(testing::schema2_results());
  const auto error_with = [&](const std::function<void(json&)>& change) {
    json document = valid;
    change(document);
    return input_error_of(document);
  };
  EXPECT_NE(error_with([](json& d) { d["checks"][1]["status"] = "ok"; })
                .find("field 'checks[1].status' must be passed, failed or skipped, not 'ok'"),
            std::string::npos);
  EXPECT_NE(error_with([](json& d) { d["checks"][0].erase("id"); }).find("field 'checks[0].id' is missing"),
            std::string::npos);
  EXPECT_NE(error_with([](json& d) { d["claims"][0]["comparison"]["ours"]["value"] = "high"; })
                .find("field 'claims[0].comparison.ours.value' must be a number or null"),
            std::string::npos);
  EXPECT_NE(error_with([](json& d) { d["claims"][0]["margin"] = 2.5; })
                .find("field 'claims[0].margin' must be an object"),
            std::string::npos);
  EXPECT_NE(error_with([](json& d) { d["claims"][1]["accepted_verdicts"][1] = "maybe"; })
                .find("field 'claims[1].accepted_verdicts[1]' has unknown verdict 'maybe'"),
            std::string::npos);
  EXPECT_NE(error_with([](json& d) { d["claims"][1]["verdict"] = "unstable"; })
                .find("field 'claims[1].verdict' has unknown verdict 'unstable'"),
            std::string::npos);
  EXPECT_NE(error_with([](json& d) { d["plots"][1]["reference_lines"][0]["y"] = 3; })
                .find("field 'plots[1].reference_lines[0]' must have exactly one of 'x'"),
            std::string::npos);
  EXPECT_NE(error_with([](json& d) { d["plots"][0]["series"][1]["published"] = "yes"; })
                .find("field 'plots[0].series[1].published' must be true or false"),
            std::string::npos);
  EXPECT_NE(error_with([](json& d) { d["plots"][0]["caption"] = json::array(); })
                .find("field 'plots[0].caption' must be a string"),
            std::string::npos);
}

TEST(LoadStudyResults, OptionalSectionsMayBeAbsent) {
  const StudyResults results = parse_study_results(minimal_results(), "minimal.json");
  EXPECT_TRUE(results.manifest.is_null());
  EXPECT_TRUE(results.plots.empty());
  EXPECT_TRUE(results.tables.empty());
  EXPECT_TRUE(results.timings.empty());
  EXPECT_FALSE(results.seed.has_value());
  EXPECT_EQ(results.claims[1].expected_verdict, "");
  EXPECT_TRUE(results.claims[1].matches_expected());
}

TEST(LoadStudyResults, MissingRequiredFieldsNameFileAndField) {
  json document = minimal_results();
  document.erase("study");
  std::string message = input_error_of(document);
  EXPECT_NE(message.find("results/x/results.json"), std::string::npos) << message;
  EXPECT_NE(message.find("'study'"), std::string::npos) << message;

  document = minimal_results();
  document.erase("tier");
  EXPECT_NE(input_error_of(document).find("'tier'"), std::string::npos);

  document = minimal_results();
  document.erase("claims");
  EXPECT_NE(input_error_of(document).find("'claims' is missing"), std::string::npos);

  document = minimal_results();
  document["claims"][1].erase("verdict");
  message = input_error_of(document);
  EXPECT_NE(message.find("'claims[1].verdict' is missing"), std::string::npos) << message;

  document = minimal_results();
  document["plots"] = json::parse(R"([{"id": "p", "x_tick_labels": ["fp32", 3], "series": []}])");
  message = input_error_of(document);
  EXPECT_NE(message.find("'plots[0].x_tick_labels[1]'"), std::string::npos) << message;

  document = minimal_results();
  document["claims"][0].erase("id");
  EXPECT_NE(input_error_of(document).find("'claims[0].id'"), std::string::npos);
}

TEST(LoadStudyResults, WrongValuesNameTheField) {
  json document = minimal_results();
  document["claims"][0]["verdict"] = "mostly";
  std::string message = input_error_of(document);
  EXPECT_NE(message.find("'claims[0].verdict'"), std::string::npos) << message;
  EXPECT_NE(message.find("mostly"), std::string::npos) << message;

  document = minimal_results();
  document["claims"][1]["expected_verdict"] = "yes";
  EXPECT_NE(input_error_of(document).find("'claims[1].expected_verdict'"), std::string::npos);

  document = minimal_results();
  document["claims"] = json::object();
  EXPECT_NE(input_error_of(document).find("'claims' must be an array"), std::string::npos);

  document = minimal_results();
  document["study"] = 7;
  EXPECT_NE(input_error_of(document).find("'study' must be a string"), std::string::npos);

  document = minimal_results();
  document["claims"][1]["id"] = "c1";
  EXPECT_NE(input_error_of(document).find("'claims[1].id' repeats"), std::string::npos);

  document = minimal_results();
  document["plots"] = json::parse(R"([{"id": "p", "series": [{"name": "a", "x": [1, 2], "y": [1]}]}])");
  EXPECT_NE(input_error_of(document).find("'plots[0].series[0].y'"), std::string::npos);

  document = minimal_results();
  document["plots"] = json::parse(R"([{"id": "p", "kind": "pie", "series": []}])");
  EXPECT_NE(input_error_of(document).find("'plots[0].kind'"), std::string::npos);

  document = minimal_results();
  document["timings"] = json::parse(R"([{"id": "t", "unit": "ms", "samples": [1.0, "slow"]}])");
  EXPECT_NE(input_error_of(document).find("'timings[0].samples[1]'"), std::string::npos);

  document = minimal_results();
  document["tables"] = json::parse(R"([{"id": "t", "columns": ["a", "b"], "rows": [[1, 2], [3]]}])");
  EXPECT_NE(input_error_of(document).find("'tables[0].rows[1]'"), std::string::npos);
}

TEST(LoadStudyResults, PublishedEntriesWithoutASingleValueAreKept) {
  json document = minimal_results();
  document["claims"][0]["published"] = json::parse(
      R"({"table3": {"statistic": 19, "p": 0.371, "provenance": "Table 3", "note": "rounded"}, "bare": 4.5})");
  const StudyResults results = parse_study_results(document, "x.json");
  const auto& published = results.claims[0].published;
  ASSERT_EQ(published.size(), 2u);
  EXPECT_EQ(published[0].name, "bare");
  EXPECT_EQ(published[0].value, 4.5);
  EXPECT_EQ(published[1].value, json::parse(R"({"statistic": 19, "p": 0.371})"));
  EXPECT_EQ(published[1].provenance, "Table 3");
}

TEST(LoadStudyResults, NullPlotValuesBecomeNaN) {
  json document = minimal_results();
  document["plots"] = json::parse(R"([{"id": "p", "series": [{"name": "a", "x": [1, 2], "y": [1.5, null]}]}])");
  const StudyResults results = parse_study_results(document, "x.json");
  EXPECT_DOUBLE_EQ(results.plots[0].series[0].y[0], 1.5);
  EXPECT_TRUE(std::isnan(results.plots[0].series[0].y[1]));
}

TEST(LoadStudyResults, InvalidJsonNamesFileAndOffset) {
  testing::ScratchDirectory scratch("invalid-json");
  const std::filesystem::path path = scratch.path() / "results.json";
  testing::write_text(path, "{\"study\": \"s\", \"tier\": }");
  try {
    load_study_results(path);
    FAIL() << "no InputError";
  } catch (const InputError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find(path.string()), std::string::npos) << message;
    EXPECT_NE(message.find("byte"), std::string::npos) << message;
  }
  EXPECT_THROW(load_study_results(scratch.path() / "absent.json"), InputError);
}

TEST(LoadResultsDirectory, FindsEveryStudySortedAndAcceptsAllPathForms) {
  const std::vector<StudyResults> studies = load_results_directory(testing::old_run_dir());
  ASSERT_EQ(studies.size(), 2u);
  EXPECT_EQ(studies[0].study, "dogs_vs_cats_mixed_precision");
  EXPECT_EQ(studies[1].study, "fixed_point_fashion_mnist");

  EXPECT_EQ(load_results_from(testing::old_run_dir()).size(), 2u);
  EXPECT_EQ(load_results_from(testing::dogs_vs_cats_results()).size(), 1u);
  EXPECT_EQ(load_results_from(testing::dogs_vs_cats_results().parent_path()).size(), 1u);

  testing::ScratchDirectory empty("empty");
  EXPECT_THROW(load_results_directory(empty.path()), InputError);
  EXPECT_THROW(load_results_from(empty.path() / "nothing"), InputError);
}

}  // namespace
}  // namespace repro::reports
