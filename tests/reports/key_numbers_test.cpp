// The "paper vs ours" view of claims: formatted numbers with units and intervals, the rule in
// words, fallbacks for results without the schema-2 comparison, the front page's headline claims
// and the short manifest.
#include "reports/key_numbers.h"

#include <limits>

#include <gtest/gtest.h>

#include "reports/front_page.h"
#include "reports/manifest_summary.h"
#include "tests/reports/test_support.h"

namespace repro::reports {
namespace {

using nlohmann::json;

TEST(ReadableNumber, WholeNumbersWholeOthersFourSignificantDigits) {
  EXPECT_EQ(readable_number(64000), "64000");
  EXPECT_EQ(readable_number(80.61234), "80.61");
  EXPECT_EQ(readable_number(0.371), "0.371");
  EXPECT_EQ(readable_number(2.675e9 + 0.5), "2.675e+09");
  EXPECT_EQ(readable_number(-std::numeric_limits<double>::infinity()), "−∞");
  EXPECT_EQ(readable_number(kNotANumber), "—");
}

TEST(EstimateText, ValueUnitAndIntervalWhenThereIsOne) {
  EXPECT_EQ(estimate_text({89.3, 88.8, 89.8, "t"}, "%"), "89.3 % [88.8, 89.8]");
  EXPECT_EQ(estimate_text({0.5, 0.5, 0.5, "exact"}, "ratio"), "0.5 ratio");  // a point interval is not printed
  EXPECT_EQ(estimate_text({2.5, kNotANumber, kNotANumber, ""}, ""), "2.5");
}

TEST(PlainValueText, NeverPrintsAJsonObject) {
  const json nested = json::parse(R"({"per_seed": [89.1, 89.5], "alternative_choices": {"wilson": {"lower": 1}},
                                       "drop": {"mean": 2.1, "seeds": 3}, "ok": true})");
  const std::string text = plain_value_text(nested);
  EXPECT_EQ(text.find('{'), std::string::npos) << text;
  EXPECT_EQ(text.find('"'), std::string::npos) << text;
  EXPECT_NE(text.find("per_seed: 89.1, 89.5"), std::string::npos) << text;
  EXPECT_NE(text.find("drop.mean: 2.1"), std::string::npos) << text;
  EXPECT_NE(text.find("more in the raw values"), std::string::npos) << text;
  EXPECT_EQ(plain_value_text(json::array({1, 2, 3, 4, 5, 6, 7})), "7 values");
  EXPECT_EQ(plain_value_text(json(nullptr)), "—");
}

TEST(KeyNumbers, AgreementClaimInPlainNumbersWithTheRuleAndItsMargin) {
  const StudyResults study = load_study_results(testing::schema2_results());
  const KeyNumbers numbers = key_numbers(study.claims[0]);
  EXPECT_EQ(numbers.quantity, "FP32 test accuracy");
  EXPECT_EQ(numbers.published, "93.75 % [79.19, 99.21]");
  EXPECT_EQ(numbers.source, "slides 'Baseline Model' and 'Conclusion' (FP32 accuracy)");
  EXPECT_EQ(numbers.ours, "89.3 % [88.8, 89.8]");
  EXPECT_EQ(numbers.rule,
            "agreement within ±8.4 points: our 95% interval must lie in [85.35, 102.2] % (margin: half the width "
            "of the 32-image Clopper–Pearson interval)");
  EXPECT_EQ(numbers.detectable, "smallest detectable difference 1.1 points (2.8 × SE over 3 seeds)");
}

TEST(KeyNumbers, DirectionClaimShowsTheTestedDifference) {
  const StudyResults study = load_study_results(testing::schema2_results());
  const KeyNumbers numbers = key_numbers(study.claims[1]);
  EXPECT_EQ(numbers.published, "9.35 points");
  EXPECT_EQ(numbers.ours, "FP32 − optimized = 2.1 points [-0.4, 4.6]");
  EXPECT_EQ(numbers.rule, "direction: the 95% interval of FP32 − optimized must lie in at least 0 points");
  EXPECT_EQ(expected_text(study.claims[1]), "expected reproduced or inconclusive (measured)");
}

TEST(KeyNumbers, APublishedValueTestedAgainstOurIntervalIsNamedAndNotRepeated) {
  ClaimResult claim;
  claim.id = "saving";
  claim.comparison = ClaimComparison{};
  ClaimComparison& comparison = *claim.comparison;
  comparison.kind = "agreement";
  comparison.unit = "%";
  comparison.published = 37.1;
  comparison.published_estimate = EstimateValue{37.1, kNotANumber, kNotANumber, ""};
  comparison.ours = EstimateValue{36.67, 36.62, 36.85, "recomputed"};
  comparison.tested = "the published value";
  comparison.tested_estimate = EstimateValue{37.1, 37.1, 37.1, "as printed"};
  comparison.has_region = true;
  comparison.region_lower = 36.62;
  comparison.region_upper = 36.85;
  claim.margin = StatedQuantity{0.05, "%", "half a unit of the printed precision"};
  const KeyNumbers numbers = key_numbers(claim);
  EXPECT_EQ(numbers.ours, "36.67 % [36.62, 36.85]");  // the tested value is the published one: not repeated
  EXPECT_EQ(numbers.rule, "agreement within ±0.05 %: the published value must lie in [36.62, 36.85] % (margin: "
                          "half a unit of the printed precision)");
}

TEST(KeyNumbers, ResultsWithoutAComparisonFallBackToPublishedValuesAndMeasured) {
  const StudyResults study = load_study_results(testing::dogs_vs_cats_results());
  const KeyNumbers numbers = key_numbers(study.claims[0]);
  EXPECT_EQ(numbers.quantity, "table3 vgg mcnemar p");
  EXPECT_EQ(numbers.published, "table3_vgg_mcnemar_p = 0.371; table3_vgg_mcnemar_statistic = 19");
  EXPECT_EQ(numbers.source, "Table 3, p. 21");
  EXPECT_EQ(numbers.ours, "discordant_totals: 45; p_value: 0.3713");
  EXPECT_EQ(numbers.rule, "some b+c with min(b,c)=19 gives p rounding to 0.371");
  EXPECT_EQ(numbers.detectable, "");
  EXPECT_EQ(expected_text(study.claims[0]), "expected reproduced");
}

TEST(HeadlineClaims, PreferComparisonsWithPublishedAndOurValues) {
  const StudyResults schema2 = load_study_results(testing::schema2_results());
  const auto chosen = headline_claims(schema2);
  ASSERT_EQ(chosen.size(), 1u);  // the direction claim has no "ours", the third no comparison
  EXPECT_EQ(chosen[0]->id, "fp32_accuracy_consistent");
  const StudyResults old = load_study_results(testing::dogs_vs_cats_results());
  const auto fallback = headline_claims(old, 2);
  ASSERT_EQ(fallback.size(), 2u);  // the skipped claim is left out
  EXPECT_EQ(fallback[0]->id, "table3_vgg_discordant_total");
  EXPECT_EQ(fallback[1]->id, "table2_vgg_accuracy_gap");
  // A front-page line keeps the first published value and, for ours, the reason in words.
  const KeyNumbers line = headline_numbers(*fallback[0]);
  EXPECT_EQ(line.published, "0.371");
  EXPECT_EQ(line.ours, "b+c = 45 gives p = 0.3713");
  EXPECT_EQ(headline_numbers(schema2.claims[0]).ours, key_numbers(schema2.claims[0]).ours);
  // A long reason is cut at a character boundary, not inside a multi-byte one.
  ClaimResult long_reason = *fallback[0];
  long_reason.reason = std::string(116, 'a') + "×× and more";
  EXPECT_EQ(headline_numbers(long_reason).ours, std::string(116, 'a') + "...");
}

TEST(FrontPage, CountsVerdictsAndChecksApart) {
  const std::vector<StudyResults> studies = load_results_directory(testing::schema2_run_dir());
  const auto lines = front_page_lines(studies);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(verdict_counts_text(lines[0].counts), "1 reproduced, 1 not reproduced, 1 inconclusive");
  EXPECT_EQ(lines[0].counts.total(), 3);  // the three checks are not claims
  EXPECT_EQ(check_counts_text(lines[0].checks), "1 passed, 1 failed, 1 skipped");
  EXPECT_EQ(check_counts_text(CheckCounts{}), "none");
  ASSERT_EQ(lines[0].headlines.size(), 1u);
  EXPECT_EQ(lines[0].headlines[0].numbers.ours, "89.3 % [88.8, 89.8]");
}

TEST(ManifestSummary, ShortRowsForCommitMachineLibTorchDeviceSeeds) {
  const StudyResults study = load_study_results(testing::schema2_results());
  const auto rows = manifest_summary(study);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"commit", "923ef14aa0b1"},
      {"date", "2026-12-02T12:04:05Z"},
      {"machine", "ci-runner, AMD EPYC 7B13 (2 threads)"},
      {"LibTorch", "1.13.0"},
      {"compiler", "12.2.0"},
      {"device", "cpu"},
      {"seeds", "0, 1000"}};
  EXPECT_EQ(rows, expected);
  EXPECT_EQ(run_line(study),
            "Tier reduced, device cpu, seed 0, started 2026-12-02T12:00:00Z, 245.2 s wall time. Results: " +
                testing::schema2_results().string() + ".");
  StudyResults partial = study;
  partial.manifest["units_of"] = {"logistic"};
  EXPECT_NE(run_line(partial).find(", a partial run (--units-of logistic: claims decided after a unit it did not "
                                   "compute are skipped). Results: "),
            std::string::npos)
      << run_line(partial);
  partial.manifest["units_of"] = nlohmann::json::array();
  EXPECT_NE(run_line(partial).find("(--units-of none:"), std::string::npos) << run_line(partial);
  StudyResults on_gpu = study;
  on_gpu.manifest["device"] = "cuda";
  on_gpu.manifest["cpu_threads"] = 1;
  on_gpu.manifest["gpu"] = {{"count", 1}, {"name", "NVIDIA H200"}, {"name_and_driver", "NVIDIA H200, 550.54"}};
  const auto gpu_rows = manifest_summary(on_gpu);
  EXPECT_EQ(gpu_rows[2].second, "ci-runner, AMD EPYC 7B13 (1 thread)");
  EXPECT_EQ(gpu_rows[5].second, "cuda, NVIDIA H200");
  StudyResults without = study;
  without.manifest = nullptr;
  EXPECT_TRUE(manifest_summary(without).empty());
}

}  // namespace
}  // namespace repro::reports
