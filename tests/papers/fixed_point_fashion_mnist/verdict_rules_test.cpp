#include "papers/fixed_point_fashion_mnist/verdict_rules.h"

#include <cmath>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace repro::fixed_point_fashion_mnist {
namespace {

// Two-sided exact binomial p by the minimum-likelihood rule, computed directly.
double direct_binomial_p(int k, int n, double p) {
  const auto pmf = [&](int j) {
    return std::exp(std::lgamma(n + 1.0) - std::lgamma(j + 1.0) - std::lgamma(n - j + 1.0) +
                    j * std::log(p) + (n - j) * std::log1p(-p));
  };
  const double observed = pmf(k);
  double total = 0.0;
  for (int j = 0; j <= n; ++j) {
    if (pmf(j) <= observed * (1.0 + 1e-7)) total += pmf(j);
  }
  return std::min(1.0, total);
}

std::vector<double> shifted(const std::vector<double>& values, double shift) {
  std::vector<double> result;
  for (double value : values) result.push_back(value + shift);
  return result;
}

const std::vector<double> kNoise = {0.0, 0.21, -0.17, 0.08, -0.12};

TEST(PublishedAccuracyRule, ThirtyOfThirtyTwoIsConsistentWithNinetyPercent) {
  // 5 seeds x 10,000 images at 90 %.
  const Decision decision = published_accuracy_rule(93.75, 32, shifted(kNoise, 90.0), 45000, 50000);
  EXPECT_EQ(decision.verdict(), Verdict::reproduced);
  EXPECT_NEAR(decision.measured()["binomial_p_value"].get<double>(), direct_binomial_p(30, 32, 0.9), 1e-9);
  EXPECT_EQ(decision.measured()["published_k_of_n"][0].get<int>(), 30);
}

TEST(PublishedAccuracyRule, ThirtyOfThirtyTwoIsImplausibleAtSixtyPercent) {
  const Decision decision = published_accuracy_rule(93.75, 32, shifted(kNoise, 60.0), 30000, 50000);
  EXPECT_EQ(decision.verdict(), Verdict::not_reproduced);
  EXPECT_NEAR(decision.measured()["binomial_p_value"].get<double>(), direct_binomial_p(30, 32, 0.6), 1e-12);
  EXPECT_LT(decision.measured()["binomial_p_value"].get<double>(), 0.05);
}

TEST(PublishedAccuracyRule, EightyFourPointFourIsTwentySevenOfThirtyTwo) {
  const Decision decision = published_accuracy_rule(84.4, 32, shifted(kNoise, 88.0), 44000, 50000);
  EXPECT_EQ(decision.measured()["published_k_of_n"][0].get<int>(), 27);
}

TEST(OrderingRule, ClearDropsReproduce) {
  const auto fp32 = shifted(kNoise, 90.0);
  const std::vector<double> baseline = {88.1, 88.0, 87.7, 88.2, 87.9};
  const std::vector<double> optimized = {85.0, 84.6, 85.3, 84.9, 85.2};
  EXPECT_EQ(ordering_rule(fp32, baseline, optimized).verdict(), Verdict::reproduced);
}

TEST(OrderingRule, EqualAccuraciesFail) {
  const auto fp32 = shifted(kNoise, 90.0);
  const std::vector<double> baseline = {90.05, 90.1, 89.9, 90.0, 89.95};
  const std::vector<double> optimized = {85.0, 84.6, 85.3, 84.9, 85.2};
  const Decision decision = ordering_rule(fp32, baseline, optimized);
  EXPECT_EQ(decision.verdict(), Verdict::not_reproduced);
  EXPECT_EQ(decision.measured()["fp32 - baseline"]["state"], "fails");
  EXPECT_EQ(decision.measured()["baseline - optimized"]["state"], "holds");
}

TEST(OrderingRule, NoisyDifferencesAreInconclusive) {
  const std::vector<double> fp32 = {90.0, 91.0, 89.0, 90.5, 89.5};
  const std::vector<double> baseline = {89.0, 91.5, 87.5, 90.8, 88.0};  // mean 0.44 lower, noisy
  const std::vector<double> optimized = shifted(baseline, -3.0);
  const Decision decision = ordering_rule(fp32, baseline, optimized);
  EXPECT_EQ(decision.measured()["fp32 - baseline"]["state"], "undetermined");
  EXPECT_EQ(decision.verdict(), Verdict::inconclusive);
}

TEST(DropRule, ClaimInsideOrOutsideThePairedInterval) {
  const auto fp32 = shifted(kNoise, 90.0);
  const std::vector<double> nine_lower = {81.0, 80.2, 81.5, 80.4, 80.9};
  EXPECT_EQ(drop_rule(9.35, fp32, nine_lower).verdict(), Verdict::reproduced);
  const Decision small = drop_rule(9.35, fp32, shifted(kNoise, 88.5));
  EXPECT_EQ(small.verdict(), Verdict::not_reproduced);
  EXPECT_NEAR(small.measured()["our_drop_points"].get<double>(), 1.5, 1e-9);
}

TEST(SweepSensitivity, BestMinusWorstWithItsPoints) {
  SweepSamples sweep{{0.25, 0.5, 0.75},
                     {shifted(kNoise, 80.0), shifted(kNoise, 89.0), shifted(kNoise, 86.0)}};
  const Sensitivity sensitivity = sweep_sensitivity(sweep);
  EXPECT_NEAR(sensitivity.points, 9.0, 1e-9);
  EXPECT_DOUBLE_EQ(sensitivity.best_x, 0.5);
  EXPECT_DOUBLE_EQ(sensitivity.worst_x, 0.25);
  EXPECT_GT(sensitivity.interval.lower, 8.0);  // Welch interval around 9 (sd of kNoise ~0.16)
  EXPECT_LT(sensitivity.interval.lower, 9.0);
  EXPECT_GT(sensitivity.interval.upper, 9.0);
}

TEST(WeightsMatterMostRule, DecidesByTheLargestSensitivity) {
  const std::vector<double> other = {88.0, 88.3, 87.8, 88.1, 88.2};
  std::map<std::string, SweepSamples> sweeps;
  sweeps["weights"] = {{0.25, 0.75}, {shifted(kNoise, 60.0), shifted(kNoise, 88.0)}};
  sweeps["activations"] = {{0.25, 0.75}, {other, shifted(other, -1.0)}};
  EXPECT_EQ(weights_matter_most_rule(sweeps).verdict(), Verdict::reproduced);
  sweeps["activations"] = {{0.25, 0.75}, {shifted(kNoise, 40.0), shifted(kNoise, 88.0)}};
  const Decision decision = weights_matter_most_rule(sweeps);
  EXPECT_EQ(decision.verdict(), Verdict::not_reproduced);
  EXPECT_NEAR(decision.measured()["activations"]["sensitivity_points"].get<double>(), 48.0, 1e-9);
}

TEST(SixteenBitWeightsRule, EquivalentOrWorse) {
  const SweepSamples w32{{0.5}, {shifted(kNoise, 89.0)}};
  const SweepSamples w16_close{{0.25, 0.5}, {shifted(kNoise, 70.0), shifted(kNoise, 89.05)}};
  EXPECT_EQ(sixteen_bit_weights_rule(w16_close, w32).verdict(), Verdict::reproduced);
  const SweepSamples w16_far{{0.25, 0.5}, {shifted(kNoise, 70.0), shifted(kNoise, 86.0)}};
  EXPECT_EQ(sixteen_bit_weights_rule(w16_far, w32).verdict(), Verdict::not_reproduced);
}

TEST(OtherRolesRule, LittleLossIsUnderOnePoint) {
  const auto fp32 = shifted(kNoise, 89.0);
  EXPECT_EQ(other_roles_rule(fp32, {88.8, 88.9, 88.7, 88.85, 88.75}).verdict(), Verdict::reproduced);
  EXPECT_EQ(other_roles_rule(fp32, {85.8, 85.9, 85.7, 85.85, 85.75}).verdict(), Verdict::not_reproduced);
}

TEST(VariationIsNoiseRule, CountsPointsThatDifferFromTheBest) {
  std::map<std::string, SweepSamples> flat;
  flat["loss"] = {{0.25, 0.5, 0.75},
                  {{88.0, 88.4, 87.9, 88.3, 88.1}, {88.2, 87.9, 88.1, 88.0, 88.3}, {88.1, 88.2, 88.0, 87.8, 88.4}}};
  const Decision noise = variation_is_noise_rule(flat);
  EXPECT_EQ(noise.verdict(), Verdict::reproduced);
  EXPECT_EQ(noise.measured()["total_points"].get<int>(), 2);
  std::map<std::string, SweepSamples> steep;
  steep["loss"] = {{0.25, 0.5, 0.75}, {shifted(kNoise, 70.0), shifted(kNoise, 80.0), shifted(kNoise, 88.0)}};
  const Decision real = variation_is_noise_rule(steep);
  EXPECT_EQ(real.verdict(), Verdict::not_reproduced);
  EXPECT_EQ(real.measured()["total_differing"].get<int>(), 2);
}

}  // namespace
}  // namespace repro::fixed_point_fashion_mnist
