// NumericsTelemetry, quantize_recorded and store_parameter's stagnant-update count.
#include <gtest/gtest.h>

#include <memory>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "base/errors.h"
#include "common/quantization/layer_quantization.h"
#include "common/quantization/recorded_quantize.h"
#include "common/quantization/training_precision.h"

namespace repro::quantization {
namespace {

const RoleCounts& counts(const NumericsPeriod& period, Role role) {
  return period.roles[static_cast<int>(role)];
}

TEST(NumericsTelemetry, CountsSaturatedUnderflowedAndNonfinitePerRole) {
  NumericsTelemetry telemetry(1);
  // fixed:8:4: step 1/16, range [-8, 7.9375]. 100 saturates, 0.01 underflows, NaN stays NaN.
  const torch::Tensor values = torch::tensor({100.0f, 0.01f, 0.5f, std::nanf("")});
  const torch::Tensor result =
      quantize_recorded(values, QuantizationSpec("fixed:8:4"), {}, {&telemetry, Role::errors});
  EXPECT_FLOAT_EQ(result[0].item<float>(), 7.9375f);
  telemetry.close_period(10, 1.0);
  ASSERT_EQ(telemetry.periods().size(), 1u);
  const RoleCounts& errors = counts(telemetry.periods()[0], Role::errors);
  EXPECT_EQ(errors.values, 4);
  EXPECT_EQ(errors.saturated, 1);
  EXPECT_EQ(errors.underflowed, 1);
  EXPECT_EQ(errors.nonfinite, 1);
  EXPECT_EQ(errors.format, "fixed:8:4");
  EXPECT_TRUE(counts(telemetry.periods()[0], Role::weights).empty());
  const nlohmann::json json = period_to_json(telemetry.periods()[0]);
  EXPECT_DOUBLE_EQ(json["roles"]["errors"]["saturated"].get<double>(), 0.25);
  EXPECT_FALSE(json["roles"].contains("weights"));
  EXPECT_FALSE(json["roles"]["errors"].contains("stagnant_updates"));
}

// Run units store periods as raw counts: reading back gives the period itself.
TEST(NumericsTelemetry, PeriodCountsRoundTripExactly) {
  NumericsPeriod period;
  period.iteration = 1875;
  period.epoch = 1.0 / 3.0;
  RoleCounts& weights = period.roles[static_cast<int>(Role::weights)];
  weights = {123, 4, 5, 6, 789, 10, "fixed:24:12"};
  const NumericsPeriod back = period_counts_from_json(nlohmann::json::parse(period_counts_to_json(period).dump()));
  EXPECT_EQ(back.iteration, 1875);
  EXPECT_EQ(back.epoch, 1.0 / 3.0);
  const RoleCounts& read = back.roles[static_cast<int>(Role::weights)];
  EXPECT_EQ(read.values, 123);
  EXPECT_EQ(read.saturated, 4);
  EXPECT_EQ(read.underflowed, 5);
  EXPECT_EQ(read.nonfinite, 6);
  EXPECT_EQ(read.parameter_elements, 789);
  EXPECT_EQ(read.stagnant, 10);
  EXPECT_EQ(read.format, "fixed:24:12");
  EXPECT_TRUE(back.roles[static_cast<int>(Role::errors)].empty());
  EXPECT_THROW(period_counts_from_json({{"iteration", 1}, {"epoch", 1.0}, {"roles", nlohmann::json::array()}}),
               InputError);
}

TEST(NumericsTelemetry, FloatOverflowToInfinityIsNonfinite) {
  NumericsTelemetry telemetry(1);
  quantize_recorded(torch::tensor({1e6f, 1.0f}), QuantizationSpec("fp16"), {},
                    {&telemetry, Role::activations});
  telemetry.close_period(1, 0.0);
  EXPECT_EQ(counts(telemetry.periods()[0], Role::activations).nonfinite, 1);
}

TEST(NumericsTelemetry, SamplesEveryNthIterationAndPauses) {
  NumericsTelemetry telemetry(4);
  const torch::Tensor values = torch::ones({3});
  const QuantizationSpec spec("fixed:8:4");
  for (std::int64_t iteration = 0; iteration < 8; ++iteration) {
    telemetry.set_iteration(iteration);
    quantize_recorded(values, spec, {}, {&telemetry, Role::activations});
  }
  telemetry.set_paused(true);
  EXPECT_FALSE(telemetry.recording());
  telemetry.set_iteration(8);
  quantize_recorded(values, spec, {}, {&telemetry, Role::activations});
  telemetry.close_period(9, 1.0);
  // Iterations 0 and 4 only; the paused call at 8 is not counted.
  EXPECT_EQ(counts(telemetry.periods()[0], Role::activations).values, 6);
  telemetry.close_period(10, 2.0);  // nothing recorded since: no period
  EXPECT_EQ(telemetry.periods().size(), 1u);
  EXPECT_THROW(NumericsTelemetry(0), InputError);
}

TEST(NumericsTelemetry, StoreParameterCountsLostUpdates) {
  auto precision = std::make_shared<TrainingPrecision>(PrecisionPolicy(), 1);
  precision->enable_telemetry(1);
  // Stored in fixed:8:4 (step 1/16): +0.01 is lost, +0.05 rounds to the next step, 0 did not move.
  const torch::Tensor before = torch::tensor({1.0f, 1.0f, 1.0f});
  torch::Tensor parameter = torch::tensor({1.01f, 1.05f, 1.0f});
  store_parameter(parameter, QuantizationSpec("fixed:8:4"), Role::biases, *precision, 0, before);
  EXPECT_FLOAT_EQ(parameter[1].item<float>(), 1.0625f);
  precision->telemetry()->close_period(1, 0.0);
  const RoleCounts& biases = counts(precision->telemetry()->periods()[0], Role::biases);
  EXPECT_EQ(biases.parameter_elements, 3);
  EXPECT_EQ(biases.stagnant, 1);
  EXPECT_EQ(biases.values, 3);
  EXPECT_THROW(store_parameter(parameter, QuantizationSpec("fixed:8:4"), Role::biases, *precision,
                               0, torch::zeros({2})),
               InputError);
}

TEST(NumericsTelemetry, LayersCountActivationsForwardAndErrorsBackward) {
  auto precision = std::make_shared<TrainingPrecision>(
      PrecisionPolicy().activations("fixed:8:4").errors("fixed:8:4"), 1);
  precision->enable_telemetry(1);
  const torch::Tensor x = torch::full({2, 3}, 0.5f).requires_grad_(true);
  const torch::Tensor y = quantize_activation(x, *precision, 0);
  (y * 100.0f).sum().backward();  // gradient 100 saturates 8.4's range
  precision->telemetry()->close_period(1, 0.0);
  const NumericsPeriod& period = precision->telemetry()->periods()[0];
  EXPECT_EQ(counts(period, Role::activations).values, 6);
  EXPECT_EQ(counts(period, Role::activations).saturated, 0);
  EXPECT_EQ(counts(period, Role::errors).values, 6);
  EXPECT_EQ(counts(period, Role::errors).saturated, 6);
}

}  // namespace
}  // namespace repro::quantization
