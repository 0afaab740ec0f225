#include "reports/comparison.h"

#include <gtest/gtest.h>

#include "base/errors.h"
#include "reports/comparison_detectability.h"
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

TEST_F(ComparisonTest, TimingsFromAnotherMachineAreRefusedUnlessAcrossMachines) {
  document_["manifest"]["gpu"] = {{"name", "NVIDIA H200"}, {"driver_version", "580.65"}};
  try {
    compare_results(old_run_, new_run());
    ADD_FAILURE() << "no InputError";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("gpu.name: '' vs 'NVIDIA H200'"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("--across-machines"), std::string::npos) << error.what();
  }
  EXPECT_NO_THROW(compare_results(old_run_, new_run(), CompareOptions().across_machines(true)));
  // Only timings make the machine matter: without timings on a side the comparison proceeds.
  document_["timings"] = json::array();
  EXPECT_NO_THROW(compare_results(old_run_, new_run()));
}

TEST_F(ComparisonTest, SaysWhenATimingCannotDetectASlowdown) {
  // Three samples a side: the exact two-sided p is never below 0.1, so nothing could be flagged.
  for (json& timing : document_["timings"]) timing["samples"] = {10.0, 10.5, 11.0};
  std::vector<StudyResults> old_run = new_run();
  for (json& timing : document_["timings"]) timing["samples"] = {20.0, 21.0, 22.0};
  const Comparison comparison = compare_results(old_run, new_run());
  ASSERT_FALSE(comparison.timings.empty());
  const TimingComparison& timing = comparison.timings[0];
  EXPECT_FALSE(timing.minimum_detectable_slowdown.has_value());
  EXPECT_NE(timing.undetectable.find("3 vs 3 samples"), std::string::npos) << timing.undetectable;
  EXPECT_NE(timing.undetectable.find("never below 0.1"), std::string::npos) << timing.undetectable;
  EXPECT_EQ(comparison.exit_code(), 0);  // doubled, but undetectable: said so rather than "no change"
  const std::string markdown = comparison_markdown(comparison);
  EXPECT_NE(markdown.find("cannot detect a slowdown"), std::string::npos) << markdown;
  EXPECT_EQ(markdown.find("no significant change"), std::string::npos) << markdown;
  EXPECT_TRUE(comparison_json(comparison)["timings"][0]["minimum_detectable_slowdown"].is_null());
}

TEST(Detectability, SmallestExactPAndDetectableSlowdown) {
  EXPECT_DOUBLE_EQ(mann_whitney_smallest_p(3, 3), 0.1);         // 2 / C(6, 3)
  EXPECT_NEAR(mann_whitney_smallest_p(4, 4), 2.0 / 70, 1e-15);  // first size below 0.05
  EXPECT_NEAR(mann_whitney_smallest_p(10, 10), 2.0 / 184756, 1e-15);
  // 10 vs 10 samples: (z_0.975 + z_0.8) * sigma * sqrt(1/10 + 1/10) * sqrt(pi / 3).
  std::vector<double> samples;
  for (int i = 0; i < 10; ++i) samples.push_back(100.0 + 2.0 * 1.349 * (i - 4.5) / 4.5);  // evenly spread
  const std::optional<double> sigma = relative_noise(samples, samples);
  ASSERT_TRUE(sigma.has_value());
  const std::optional<double> detectable = minimum_detectable_slowdown(samples, samples, 0.05);
  ASSERT_TRUE(detectable.has_value());
  EXPECT_NEAR(*detectable, (1.959964 + 0.841621) * *sigma * std::sqrt(0.2) * std::sqrt(M_PI / 3.0), 1e-5);
  EXPECT_FALSE(minimum_detectable_slowdown({1.0, 2.0, 3.0}, {1.0, 2.0, 3.0}, 0.05).has_value());
  // Samples per side for 5 % at 2 % noise: 2 * ((1.96 + 0.84) * 0.4)^2 * pi / 3 = 2.63 -> 3, raised to 4 (exact p).
  EXPECT_EQ(samples_to_detect(0.05, 0.02, 0.05), 4);
  EXPECT_EQ(samples_to_detect(0.05, 0.05, 0.05), 17);  // 2 * (2.8016)^2 * pi / 3 = 16.4 -> 17
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
