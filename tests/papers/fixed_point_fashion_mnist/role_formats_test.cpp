#include "papers/fixed_point_fashion_mnist/role_formats.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/errors.h"

namespace repro::fixed_point_fashion_mnist {
namespace {

using quantization::Role;

nlohmann::json baseline_json() {
  return {{"activations", {16, 8}}, {"gradients", {16, 10}}, {"loss", {16, 10}},
          {"weights", {24, 12}}, {"biases", {16, 8}}};
}

TEST(RoleFormats, ReadsEveryRoleFromPublishedJson) {
  const RoleFormats formats = role_formats_from_json(baseline_json(), "baseline");
  EXPECT_EQ(formats.weights.total_bits, 24);
  EXPECT_EQ(formats.weights.fractional_bits, 12);
  EXPECT_EQ(formats[StudyRole::gradients].fractional_bits, 10);
  EXPECT_DOUBLE_EQ(formats.activations.fractional_fraction(), 0.5);
  EXPECT_EQ(describe(formats), "a16.8 g16.10 l16.10 w24.12 b16.8");
}

TEST(RoleFormats, RejectsAMissingOrMalformedRoleNamingIt) {
  nlohmann::json missing = baseline_json();
  missing.erase("biases");
  try {
    role_formats_from_json(missing, "optimized_formats");
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("biases"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("optimized_formats"), std::string::npos);
  }
  nlohmann::json too_wide = baseline_json();
  too_wide["loss"] = {40, 10};
  EXPECT_THROW(role_formats_from_json(too_wide, "x"), InputError);
  nlohmann::json not_pair = baseline_json();
  not_pair["weights"] = {24};
  EXPECT_THROW(role_formats_from_json(not_pair, "x"), InputError);
}

TEST(RoleFormats, SymmetricPolicyQuantizesEachRoleInItsFixedFormat) {
  const auto policy = precision_policy(role_formats_from_json(baseline_json(), "baseline"));
  EXPECT_EQ(policy.spec(Role::weights)->format_spec(), "fixed:24:12");
  EXPECT_EQ(policy.spec(Role::biases)->format_spec(), "fixed:16:8");
  EXPECT_EQ(policy.spec(Role::activations)->format_spec(), "fixed:16:8");
  // "gradients" covers both the errors and the parameter gradients.
  EXPECT_EQ(policy.spec(Role::errors)->format_spec(), "fixed:16:10");
  EXPECT_EQ(policy.spec(Role::weight_gradients)->format_spec(), "fixed:16:10");
  EXPECT_EQ(policy.spec(Role::loss)->format_spec(), "fixed:16:10");
  EXPECT_FALSE(policy.spec(Role::optimizer_state).has_value());
  EXPECT_EQ(policy.spec(Role::weights)->rounding(), kernels::Rounding::nearest_even);
}

TEST(RoleFormats, AsymmetricAndStochasticChoices) {
  const auto policy = precision_policy(role_formats_from_json(baseline_json(), "baseline"),
                                       QuantizationChoice()
                                           .with_mode(QuantizationMode::asymmetric)
                                           .with_rounding(kernels::Rounding::stochastic));
  EXPECT_TRUE(policy.spec(Role::weights)->is_affine());
  EXPECT_EQ(policy.spec(Role::weights)->format_spec(), "affine:16");  // 24 bits capped at 16
  EXPECT_EQ(policy.spec(Role::activations)->format_spec(), "affine:16");
  EXPECT_FALSE(policy.spec(Role::loss)->is_affine());  // a scalar stays symmetric
  EXPECT_TRUE(policy.spec(Role::errors)->is_stochastic());
  EXPECT_TRUE(policy.spec(Role::loss)->is_stochastic());
}

}  // namespace
}  // namespace repro::fixed_point_fashion_mnist
