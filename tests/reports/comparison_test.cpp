#include "reports/comparison.h"

#include <gtest/gtest.h>

#include "common/errors.h"
#include "reports/comparison_output.h"
#include "tests/reports/test_support.h"

namespace repro::reports {
namespace {

using nlohmann::json;

class ComparisonTest : public ::testing::Test {
 protected:
  std::vector<StudyResults> old_run_ = load_results_directory(testing::old_run_dir());
  json document_ = testing::read_json(testing::dogs_vs_cats_results());

  // The old run with the Dogs vs. Cats study replaced by `document_` as modified by the test.
  std::vector<StudyResults> new_run() const {
    return {parse_study_results(document_, "new/dogs_vs_cats_mixed_precision/results.json"), old_run_[1]};
  }
};

TEST_F(ComparisonTest, IdenticalRunsHaveNoChanges) {
  const Comparison comparison = compare_results(old_run_, old_run_);
  EXPECT_TRUE(comparison.verdict_changes.empty());
  EXPECT_TRUE(comparison.numeric_changes.empty());
  EXPECT_TRUE(comparison.value_changes.empty());
  EXPECT_TRUE(comparison.claims_added.empty());
  EXPECT_TRUE(comparison.claims_removed.empty());
  ASSERT_EQ(comparison.timings.size(), 2u);
  for (const TimingComparison& timing : comparison.timings) {
    EXPECT_FALSE(timing.significant);
    EXPECT_DOUBLE_EQ(timing.median_ratio, 1.0);
    ASSERT_TRUE(timing.p_value.has_value());
    EXPECT_GT(*timing.p_value, 0.9);
  }
  EXPECT_EQ(comparison.exit_code(), 0);
  EXPECT_NE(comparison_markdown(comparison).find("no verdict changed"), std::string::npos);
}

TEST_F(ComparisonTest, DetectsAVerdictChange) {
  document_["claims"][1]["verdict"] = "reproduced";
  document_["claims"][1]["reason"] = "now within the gap";
  const Comparison comparison = compare_results(old_run_, new_run());
  ASSERT_EQ(comparison.verdict_changes.size(), 1u);
  EXPECT_EQ(comparison.verdict_changes[0].claim.study, "dogs_vs_cats_mixed_precision");
  EXPECT_EQ(comparison.verdict_changes[0].claim.claim_id, "table2_vgg_accuracy_gap");
  EXPECT_EQ(comparison.verdict_changes[0].old_verdict, "not_reproduced");
  EXPECT_EQ(comparison.verdict_changes[0].new_verdict, "reproduced");
  EXPECT_EQ(comparison.exit_code(), 1);
  const std::string markdown = comparison_markdown(comparison);
  EXPECT_NE(markdown.find("| dogs_vs_cats_mixed_precision | table2_vgg_accuracy_gap | not reproduced | reproduced |"),
            std::string::npos)
      << markdown;
  const json as_json = comparison_json(comparison);
  EXPECT_EQ(as_json["exit_code"], 1);
  EXPECT_EQ(as_json["verdict_changes"][0]["new_verdict"], "reproduced");
}

TEST_F(ComparisonTest, DetectsNumericChangesInMeasuredLeaves) {
  document_["claims"][0]["measured"]["p_value"] = 0.4;
  document_["claims"][0]["measured"]["discordant_totals"] = json::array({45, 46});
  document_["claims"][1]["measured"]["max_gap_points"] = "0.9";   // a number became a string
  const Comparison comparison = compare_results(old_run_, new_run());
  EXPECT_EQ(comparison.exit_code(), 0);   // measured values changed, verdicts did not
  ASSERT_EQ(comparison.numeric_changes.size(), 1u);
  const NumericChange& change = comparison.numeric_changes[0];
  EXPECT_EQ(change.claim.claim_id, "table3_vgg_discordant_total");
  EXPECT_EQ(change.path, "p_value");
  EXPECT_DOUBLE_EQ(change.old_value, 0.3713);
  EXPECT_DOUBLE_EQ(change.new_value, 0.4);
  ASSERT_TRUE(change.relative_difference.has_value());
  EXPECT_NEAR(*change.relative_difference, (0.4 - 0.3713) / 0.3713, 1e-15);

  ASSERT_EQ(comparison.value_changes.size(), 2u);
  EXPECT_EQ(comparison.value_changes[0].path, "discordant_totals[1]");
  EXPECT_FALSE(comparison.value_changes[0].old_value.has_value());
  EXPECT_EQ(*comparison.value_changes[0].new_value, 46);
  EXPECT_EQ(comparison.value_changes[1].path, "max_gap_points");
  EXPECT_NE(comparison_markdown(comparison).find("| p_value | 0.3713 | 0.4 | +7.73% |"), std::string::npos);
}

TEST_F(ComparisonTest, ChangesBelowTheNumericToleranceAreIgnored) {
  document_["claims"][0]["measured"]["p_value"] = 0.3713 * (1 + 1e-12);
  EXPECT_TRUE(compare_results(old_run_, new_run()).numeric_changes.empty());
  EXPECT_EQ(compare_results(old_run_, new_run(), CompareOptions().numeric_tolerance(0)).numeric_changes.size(), 1u);
}

TEST_F(ComparisonTest, DetectsASignificantSlowdown) {
  json& samples = document_["timings"][0]["samples"];
  for (auto& sample : samples) sample = sample.get<double>() * 1.5;
  const Comparison comparison = compare_results(old_run_, new_run());
  ASSERT_EQ(comparison.timings.size(), 2u);
  const TimingComparison& slower = comparison.timings[0];
  EXPECT_EQ(slower.timing_id, "vgg16.fp32.iteration");
  EXPECT_NEAR(slower.median_ratio, 1.5, 1e-12);
  ASSERT_TRUE(slower.p_value.has_value());
  EXPECT_LT(*slower.p_value, 0.001);
  EXPECT_DOUBLE_EQ(*slower.u_statistic, 0.0);   // every old sample is below every new one
  EXPECT_TRUE(slower.slower_beyond_tolerance);
  EXPECT_FALSE(comparison.timings[1].significant);
  EXPECT_EQ(comparison.significant_slowdowns(), 1u);
  EXPECT_EQ(comparison.exit_code(), 1);
  EXPECT_NE(comparison_markdown(comparison).find("SLOWER"), std::string::npos);

  // Within a 60% tolerance the same slowdown passes.
  EXPECT_EQ(compare_results(old_run_, new_run(), CompareOptions().slowdown_tolerance(0.6)).exit_code(), 0);
}

TEST_F(ComparisonTest, SignificantButSmallSlowdownAndSpeedupPass) {
  for (auto& sample : document_["timings"][0]["samples"]) sample = sample.get<double>() * 1.05;
  for (auto& sample : document_["timings"][1]["samples"]) sample = sample.get<double>() * 0.5;
  const Comparison comparison = compare_results(old_run_, new_run());
  EXPECT_TRUE(comparison.timings[0].significant);
  EXPECT_FALSE(comparison.timings[0].slower_beyond_tolerance);
  EXPECT_TRUE(comparison.timings[1].faster);
  EXPECT_EQ(comparison.exit_code(), 0);
}

TEST_F(ComparisonTest, ReportsClaimsStudiesAndTimingsAddedOrRemoved) {
  document_["claims"].erase(2);
  document_["claims"].push_back(json::parse(R"({"id": "new_claim", "verdict": "inconclusive"})"));
  document_["timings"].erase(1);
  document_["tier"] = "full";
  const std::vector<StudyResults> new_studies = {parse_study_results(document_, "new.json")};
  const Comparison comparison = compare_results(old_run_, new_studies);
  ASSERT_EQ(comparison.claims_added.size(), 1u);
  EXPECT_EQ(comparison.claims_added[0].claim_id, "new_claim");
  ASSERT_EQ(comparison.claims_removed.size(), 1u);
  EXPECT_EQ(comparison.claims_removed[0].claim_id, "table4_training_speedup");
  EXPECT_EQ(comparison.studies_removed, std::vector<std::string>{"fixed_point_fashion_mnist"});
  EXPECT_EQ(comparison.timings_removed, std::vector<std::string>{"dogs_vs_cats_mixed_precision/vgg16.mixed.iteration"});
  EXPECT_EQ(comparison.tier_changes, std::vector<std::string>{"dogs_vs_cats_mixed_precision: smoke -> full"});
  EXPECT_EQ(comparison.exit_code(), 0);
}

TEST_F(ComparisonTest, TheSameStudyTwiceIsBadInput) {
  const std::vector<StudyResults> twice = {old_run_[0], old_run_[0]};
  EXPECT_THROW(compare_results(twice, old_run_), InputError);
}

TEST(JsonLeaves, WalksObjectsAndArrays) {
  const auto leaves = json_leaves(json::parse(R"({"a": {"b": [1, {"c": true}]}, "d": [], "e": null})"));
  ASSERT_EQ(leaves.size(), 4u);
  EXPECT_EQ(leaves[0].first, "a.b[0]");
  EXPECT_EQ(leaves[1].first, "a.b[1].c");
  EXPECT_EQ(leaves[2].first, "d");
  EXPECT_EQ(leaves[3].first, "e");
  EXPECT_EQ(json_leaves(json(3.5))[0].first, "");
}

}  // namespace
}  // namespace repro::reports
