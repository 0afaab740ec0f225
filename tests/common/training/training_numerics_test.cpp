// The harness's numerics periods and training_numerics' warnings and JSON.
#include <gtest/gtest.h>

#include <memory>

#include <torch/torch.h>

#include "common/quantization/layer_quantization.h"
#include "common/quantization/quantized_linear.h"
#include "common/training/precision_plugin.h"
#include "common/training/training_numerics.h"

namespace repro::training {
namespace {

namespace q = repro::quantization;

TEST(TrainingNumerics, HarnessClosesAPeriodPerEpochWithStagnantCounts) {
  torch::manual_seed(3);
  auto precision = std::make_shared<q::TrainingPrecision>(
      q::PrecisionPolicy().weights("fixed:16:4").activations("fixed:16:8"), 1);
  auto model = std::make_shared<q::QuantizedLinearImpl>(torch::nn::LinearOptions(4, 3), precision);
  q::store_parameters(*model, *precision);  // on the 16.4 grid from the start
  const torch::Tensor images = torch::randn({64, 4});
  const torch::Tensor labels = torch::randint(0, 3, {64}, torch::kLong);
  TrainingOptions options;
  precision->enable_telemetry(/*sample_every=*/1);  // the plug-in keeps this one
  auto plugin = std::make_shared<QuantizedPrecision>(precision);
  plugin->store_parameters();
  ASSERT_EQ(plugin->telemetry(), precision->telemetry());
  options.epochs(2).batch_size(16).optimizer(OptimizerOptions().kind(OptimizerKind::adam).learning_rate(1e-3))
      .precision(plugin);
  const TrainingHistory history =
      train_classifier(model, images, labels, images, labels, options);
  ASSERT_EQ(history.numerics.size(), 2u);
  EXPECT_DOUBLE_EQ(history.numerics[0].epoch, 1.0);
  EXPECT_EQ(history.numerics[1].iteration, 8);
  const auto& weights = history.numerics[0].roles[static_cast<int>(q::Role::weights)];
  // Adam's steps are ~1e-3 against 16.4's step of 1/16: every weight update of the 4 steps of
  // the epoch is lost (the full-precision biases are not counted).
  EXPECT_EQ(weights.parameter_elements, 4 * 12);
  EXPECT_EQ(weights.stagnant, 4 * 12);
  EXPECT_EQ(history.numerics[0].roles[static_cast<int>(q::Role::biases)].parameter_elements, 0);
  EXPECT_GT(history.numerics[0].roles[static_cast<int>(q::Role::activations)].values, 0);
}

TEST(TrainingNumerics, WarningsNameRoleFormatMeasureAndEpoch) {
  RunNumerics run;
  run.run = "baseline seed 1";
  run.configuration = "baseline";
  q::NumericsPeriod quiet, loud;
  quiet.epoch = 1.0;
  quiet.roles[static_cast<int>(q::Role::weight_gradients)] = {1000, 0, 10, 0, 0, 0, "fixed:16:10"};
  loud.epoch = 2.0;
  loud.roles[static_cast<int>(q::Role::weight_gradients)] = {1000, 73, 0, 0, 0, 0, "fixed:16:10"};
  loud.roles[static_cast<int>(q::Role::biases)] = {10, 0, 0, 0, 10, 9, "fixed:16:8"};
  run.periods = {quiet, loud, loud};
  const std::vector<std::string> lines = numerics_warnings(run);
  ASSERT_EQ(lines.size(), 2u);  // first period per role and measure only
  EXPECT_EQ(lines[0],
            "numerics warning: baseline seed 1: biases (fixed:16:8) stagnant_updates 90.00% of "
            "parameter elements by epoch 2.00 (threshold 50.00%)");
  EXPECT_EQ(lines[1],
            "numerics warning: baseline seed 1: weight_gradients (fixed:16:10) saturated 7.30% of "
            "values by epoch 2.00 (threshold 1.00%)");
  const nlohmann::json json = run_numerics_json(run);
  EXPECT_EQ(json["periods"].size(), 3u);
  EXPECT_DOUBLE_EQ(json["periods"][1]["roles"]["weight_gradients"]["saturated"].get<double>(),
                   0.073);
}

}  // namespace
}  // namespace repro::training
