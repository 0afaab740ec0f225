#include "papers/fixed_point_fashion_mnist/configuration.h"

#include <set>

#include <gtest/gtest.h>

namespace repro::fixed_point_fashion_mnist {
namespace {

RoleFormats formats(int weight_total, int weight_fraction) {
  RoleFormats result;
  result.weights = {weight_total, weight_fraction};
  return result;
}

TEST(Configuration, FractionalBitsRoundAndStayBelowTheTotal) {
  EXPECT_EQ(fractional_bits_for(0.5, 16), 8);
  EXPECT_EQ(fractional_bits_for(0.125, 24), 3);
  EXPECT_EQ(fractional_bits_for(0.875, 16), 14);
  EXPECT_EQ(fractional_bits_for(1.0, 10), 9);
  EXPECT_EQ(fractional_bits_for(0.0, 10), 0);
}

TEST(Configuration, ReducedPlanRunsTheThreeHeadlineConfigurationsOnly) {
  const auto plan = experiment_plan(Tier::reduced);
  const auto configurations = study_configurations(plan, formats(24, 12), formats(16, 11), 32, 0.001);
  ASSERT_EQ(configurations.headline.size(), 3u);
  EXPECT_EQ(configurations.headline[0].name, kFp32);
  EXPECT_FALSE(configurations.headline[0].formats.has_value());
  EXPECT_EQ(configurations.headline[1].formats->weights.total_bits, 24);
  EXPECT_EQ(configurations.headline[2].formats->weights.fractional_bits, 11);
  EXPECT_EQ(configurations.headline[2].batch_size, 32);
  EXPECT_EQ(configurations.headline[2].epochs, plan.epochs);
  EXPECT_TRUE(configurations.fractional_sweep.empty());
  EXPECT_EQ(configurations.all().size(), 3u);
}

TEST(Configuration, FullPlanSweepsEveryRoleWithUniqueNames) {
  const auto plan = experiment_plan(Tier::full);
  EXPECT_EQ(plan.epochs, 5);
  EXPECT_EQ(plan.train_images, 0);  // all 60,000
  const auto configurations = study_configurations(plan, formats(24, 12), formats(16, 11), 32, 0.001);
  // Five roles, the weights at 16 and 32 bits: six sweeps.
  EXPECT_EQ(configurations.fractional_sweep.size(), 6 * plan.fractional_fractions.size());
  EXPECT_EQ(configurations.batch_size_sweep.size(), plan.batch_sizes.size());
  EXPECT_EQ(configurations.variants.size(), 4u);
  ASSERT_TRUE(configurations.others_deep.has_value());
  EXPECT_EQ(configurations.others_deep->formats->weights.total_bits, 24);
  std::set<std::string> names;
  for (const auto& configuration : configurations.all()) names.insert(configuration.name);
  EXPECT_EQ(names.size(), configurations.all().size());
  for (const auto& point : configurations.fractional_sweep) {
    const FixedFormat& swept = (*point.configuration.formats)[point.role];
    EXPECT_EQ(swept.total_bits, point.total_bits);
    EXPECT_EQ(swept.fractional_bits, fractional_bits_for(point.fraction, point.total_bits));
  }
}

}  // namespace
}  // namespace repro::fixed_point_fashion_mnist
