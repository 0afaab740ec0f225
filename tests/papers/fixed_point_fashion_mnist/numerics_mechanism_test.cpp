// The mechanism of the fixed-point collapse at paper scale, reproduced in seconds
// (README.md, "Numerical health"): the gradient format applied to the errors (16.10, round to
// nearest) cuts the small positive errors of the wrong classes of a confident prediction to zero
// and keeps the correct class's negative one, so the softmax gradient's zero sum over the classes
// is lost and every step pushes the logits up; a summed loss (errors x batch) or stochastic
// rounding keeps it.
#include <gtest/gtest.h>

#include <memory>

#include <torch/torch.h>

#include "common/quantization/layer_quantization.h"
#include "common/quantization/training_precision.h"
#include "papers/fixed_point_fashion_mnist/run_grid.h"

namespace fp = repro::fixed_point_fashion_mnist;
namespace q = repro::quantization;

namespace {

constexpr std::int64_t kBatch = 32;
constexpr std::int64_t kClasses = 10;

// Logits of a confident batch: the correct class (label) at +6, the others at 0, so p_correct ~
// 0.978 and each wrong class ~ 0.0024 (error 0.0024 / 32 = 7.6e-5, under half of 16.10's step).
struct ConfidentBatch {
  torch::Tensor logits = torch::zeros({kBatch, kClasses});
  torch::Tensor labels = torch::arange(kBatch, torch::kLong).remainder(kClasses);
  ConfidentBatch() {
    logits.index_put_({torch::arange(kBatch), labels}, 6.0);
  }
};

// d loss / d logits after the logits' activation quantizer (errors in `errors_spec`).
torch::Tensor logit_errors(const std::string& errors_spec, torch::Reduction::Reduction reduction,
                           std::uint64_t seed = 1) {
  auto precision = std::make_shared<q::TrainingPrecision>(
      q::PrecisionPolicy().errors(errors_spec), seed);
  const ConfidentBatch batch;
  const torch::Tensor logits = batch.logits.clone().requires_grad_(true);
  const torch::Tensor quantized = q::quantize_activation(logits, *precision, 0);
  torch::cross_entropy_loss(quantized, batch.labels, {}, reduction).backward();
  return logits.grad();
}

// Per example, the sum over classes of the logit errors, relative to their sum of magnitudes.
double mean_relative_class_sum(const torch::Tensor& errors) {
  const torch::Tensor sums = errors.sum(1);
  const torch::Tensor magnitudes = errors.abs().sum(1).clamp_min(1e-30);
  return (sums / magnitudes).mean().item<double>();
}

// The slides' baseline formats, trained for `epochs` on the default reading.
fp::Configuration baseline_configuration(std::int64_t epochs) {
  fp::Configuration configuration;
  configuration.name = "baseline";
  configuration.formats = fp::RoleFormats{{16, 8}, {16, 10}, {16, 10}, {24, 12}, {16, 8}};
  configuration.epochs = epochs;
  return configuration;
}

}  // namespace

TEST(FixedPointNumerics, FloatLogitErrorsSumToZeroOverClasses) {
  const torch::Tensor errors = logit_errors("fp32", torch::Reduction::Mean);
  EXPECT_NEAR(mean_relative_class_sum(errors), 0.0, 1e-5);
}

TEST(FixedPointNumerics, NearestSixteenTenErrorsLoseTheWrongClassesAndTheZeroSum) {
  const torch::Tensor errors = logit_errors("fixed:16:10", torch::Reduction::Mean);
  const ConfidentBatch batch;
  const torch::Tensor wrong =
      torch::ones({kBatch, kClasses}, torch::kBool)
          .index_put_({torch::arange(kBatch), batch.labels}, false);
  // Every wrong-class error (7.6e-5 < 2^-11) rounds to zero; the correct one (-6.9e-4) to -2^-10.
  EXPECT_EQ(errors.masked_select(wrong).count_nonzero().item<std::int64_t>(), 0);
  EXPECT_FLOAT_EQ(errors[0][0].item<float>(), -1.0f / 1024.0f);
  // So each example's errors sum to minus their magnitude: all push, no pull.
  EXPECT_NEAR(mean_relative_class_sum(errors), -1.0, 1e-6);
}

TEST(FixedPointNumerics, SummedLossKeepsTheZeroSumInSixteenTen) {
  // The same errors times 32: the wrong classes' 0.0024 is 2.5 steps of 2^-10 (rounded to 2, the
  // correct class's -22.5 to -22), so the sum is off by a tenth of the magnitude, not all of it.
  const torch::Tensor errors = logit_errors("fixed:16:10", torch::Reduction::Sum);
  EXPECT_EQ(errors.count_nonzero().item<std::int64_t>(), kBatch * kClasses);
  EXPECT_LT(std::abs(mean_relative_class_sum(errors)), 0.15);
}

TEST(FixedPointNumerics, StochasticRoundingKeepsTheZeroSumOnAverage) {
  double sum = 0.0;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    sum += logit_errors("fixed:16:10/stochastic", torch::Reduction::Mean, seed).sum().item<double>();
  }
  // Float sum is 0; nearest gives -32 * 2^-10 = -0.03125 per batch.
  EXPECT_LT(std::abs(sum / 20.0), 0.005);
}

TEST(FixedPointNumerics, QuantizedRunRecordsTelemetryPerEpoch) {
  // 32 steps per epoch: the telemetry samples iterations 0 and 32 (every 32nd).
  const fp::FashionData data = fp::synthetic_fashion_data(1024, 200, 3);
  const fp::RunResult run =
      fp::train_configuration(baseline_configuration(2), data, 1, torch::Device(torch::kCPU));
  ASSERT_EQ(run.numerics.size(), 2u);
  const auto& weights = run.numerics[0].roles[static_cast<int>(q::Role::weights)];
  EXPECT_EQ(weights.format, "fixed:24:12");
  EXPECT_GT(weights.parameter_elements, 0);
  EXPECT_GT(run.numerics[0].roles[static_cast<int>(q::Role::errors)].values, 0);
  // The 16.8 biases cannot take Adam's ~1e-3 steps (a quarter of their 2^-8 step): most stagnate.
  const auto& biases = run.numerics[0].roles[static_cast<int>(q::Role::biases)];
  EXPECT_GT(q::fraction(biases.stagnant, biases.parameter_elements), 0.5);
}

TEST(FixedPointNumerics, FloatErrorsReadingLeavesErrorsUncounted) {
  const fp::FashionData data = fp::synthetic_fashion_data(128, 100, 3);
  fp::Configuration configuration = baseline_configuration(1);
  configuration.reading.quantize_errors = false;
  const fp::RunResult run =
      fp::train_configuration(configuration, data, 1, torch::Device(torch::kCPU));
  ASSERT_EQ(run.numerics.size(), 1u);
  EXPECT_EQ(run.numerics[0].roles[static_cast<int>(q::Role::errors)].values, 0);
  EXPECT_GT(run.numerics[0].roles[static_cast<int>(q::Role::weight_gradients)].values, 0);
}

TEST(FixedPointNumerics, ReportPlotsHeadlineAndVariantsNotSweeps) {
  fp::StudyConfigurations configurations;
  configurations.headline = {baseline_configuration(1)};
  fp::Configuration variant = baseline_configuration(1);
  variant.name = "baseline stochastic";
  configurations.variants = {variant};
  fp::Configuration sweep = baseline_configuration(1);
  sweep.name = "weights 16.8";
  configurations.batch_size_sweep = {sweep};
  const auto options = fp::numerics_report_options(configurations);
  EXPECT_EQ(options.plotted_configurations,
            (std::vector<std::string>{"baseline", "baseline stochastic"}));
}
