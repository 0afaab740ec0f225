#include "common/quantization/precision_policy.h"

#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/errors.h"

namespace repro::quantization {
namespace {

// Expects `action` to throw InputError whose message contains `needle`.
template <typename Action>
void expect_input_error_naming(Action action, const std::string& needle) {
  try {
    action();
    ADD_FAILURE() << "no InputError; expected one naming '" << needle << "'";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find(needle), std::string::npos) << error.what();
  }
}

TEST(PrecisionPolicy, FluentSettersAndCompactRoundTrip) {
  const PrecisionPolicy policy = PrecisionPolicy()
                                     .weights("fixed:24:12")
                                     .activations("fixed:16:8/stochastic")
                                     .errors("affine:8/stochastic:8")
                                     .weight_gradients("fp16/toward-zero")
                                     .biases("fixed:24:12")
                                     .loss("bf16")
                                     .optimizer_state("affine:8/per-channel/range=-1:2.5");
  EXPECT_FALSE(policy.is_full_precision());
  const std::string text = policy.to_string();
  EXPECT_EQ(text,
            "weights=fixed:24:12,biases=fixed:24:12,activations=fixed:16:8/stochastic,"
            "errors=affine:8/stochastic:8,loss=float:8:7,weight_gradients=float:5:10/toward-zero,"
            "optimizer_state=affine:8/per-channel/range=-1:2.5");
  EXPECT_EQ(parse_precision_policy(text), policy);
  EXPECT_EQ(parse_precision_policy(text).to_string(), text);
  std::ostringstream printed;
  printed << policy;
  EXPECT_EQ(printed.str(), text);
}

TEST(PrecisionPolicy, JsonRoundTrip) {
  const PrecisionPolicy policy = parse_precision_policy(
      R"({"weights": "fixed:24:12", "activations": "fixed:16:8",
          "errors": {"format": "affine:8", "rounding": "stochastic", "random_bits": 8},
          "loss": null})");
  EXPECT_EQ(policy.spec(Role::weights)->to_string(), "fixed:24:12");
  EXPECT_EQ(policy.spec(Role::errors)->to_string(), "affine:8/stochastic:8");
  EXPECT_FALSE(policy.spec(Role::loss).has_value());
  EXPECT_FALSE(policy.spec(Role::biases).has_value());
  const nlohmann::json json = policy.to_json();
  EXPECT_TRUE(json.at("loss").is_null());
  EXPECT_EQ(json.at("activations"), "fixed:16:8");
  EXPECT_EQ(parse_precision_policy(json.dump()), policy);
  EXPECT_EQ(precision_policy_from_json(json), policy);
}

TEST(PrecisionPolicy, AllAndOverridesAndFullPrecision) {
  const PrecisionPolicy policy = parse_precision_policy("all=fixed:16:8; loss=full");
  for (Role role : kAllRoles) {
    if (role == Role::loss) {
      EXPECT_FALSE(policy.spec(role).has_value());
    } else {
      EXPECT_EQ(policy.spec(role)->to_string(), "fixed:16:8") << role_name(role);
    }
  }
  EXPECT_TRUE(parse_precision_policy("").is_full_precision());
  EXPECT_TRUE(parse_precision_policy("full").is_full_precision());
  EXPECT_EQ(PrecisionPolicy().to_string(), "full");
  EXPECT_EQ(parse_precision_policy("weight-gradients=fp16").spec(Role::weight_gradients)
                ->format_spec(),
            "float:5:10");
}

TEST(PrecisionPolicy, BadSpecsThrowInputErrorNamingTheRole) {
  expect_input_error_naming([] { parse_precision_policy("weights=fixed:99:2"); }, "weights");
  expect_input_error_naming([] { parse_precision_policy("errors=fp16/sideways"); }, "errors");
  expect_input_error_naming([] { parse_precision_policy("activations=fixed:16:8/per-channel"); },
                            "activations");
  expect_input_error_naming([] { parse_precision_policy("optimizer_state=affine:8/range=2:1"); },
                            "optimizer_state");
  expect_input_error_naming([] { parse_precision_policy(R"({"biases": "float:9:2"})"); }, "biases");
  expect_input_error_naming([] { parse_precision_policy(R"({"loss": {"rounding": "up"}})"); },
                            "loss");
  expect_input_error_naming([] { parse_precision_policy(R"({"loss": 3})"); }, "loss");
  expect_input_error_naming([] { parse_precision_policy("gradients=fp16"); }, "gradients");
  expect_input_error_naming([] { parse_precision_policy("weights"); }, "weights");
  expect_input_error_naming([] { parse_precision_policy("{not json"); }, "JSON");
  expect_input_error_naming([] { PrecisionPolicy().weight_gradients("mask:0"); },
                            "weight_gradients");
}

}  // namespace
}  // namespace repro::quantization
