// The precision plug-in: the harness calls it at its three points of every iteration, each just
// before the options' hook there; a MixedPrecision gives its mode's autocast and loss scaler; a
// QuantizedPrecision sets the iteration, quantizes gradients and stores parameters.
#include "common/training/precision_plugin.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "common/quantization/precision_policy.h"
#include "common/quantization/quantized_linear.h"
#include "common/training/loss_scaler.h"
#include "tests/common/training/test_data.h"

namespace repro::training {
namespace {

using testing::gaussian_blobs;
using testing::make_small_net;

// Records its calls into `events`.
class RecordingPrecision : public PrecisionPlugin {
 public:
  explicit RecordingPrecision(std::vector<std::string>& events) : events_(events) {}
  void begin_iteration(IterationState& state) override { events_.push_back("plugin begin " + std::to_string(state.iteration)); }
  void after_backward(IterationState& state) override {
    EXPECT_TRUE(state.module->parameters().front().grad().defined());
    events_.push_back("plugin backward " + std::to_string(state.iteration));
  }
  void after_step(IterationState& state) override { events_.push_back("plugin step " + std::to_string(state.iteration)); }

 private:
  std::vector<std::string>& events_;
};

TEST(PrecisionPlugin, IsCalledAtEachPointJustBeforeTheHook) {
  const testing::Examples data = gaussian_blobs(40, 2);
  auto model = make_small_net(3);
  std::vector<std::string> events;
  train_classifier(model, data.images, data.labels, data.images, data.labels,
                   TrainingOptions().epochs(1).batch_size(20).evaluation(EvaluationSchedule().at_end(false).every_epoch(false))
                       .precision(std::make_shared<RecordingPrecision>(events))
                       .hooks(IterationHooks()
                                  .on_iteration_start([&](IterationState& s) { events.push_back("hook begin " + std::to_string(s.iteration)); })
                                  .after_backward([&](IterationState& s) { events.push_back("hook backward " + std::to_string(s.iteration)); })
                                  .on_iteration_end([&](IterationState& s) { events.push_back("hook step " + std::to_string(s.iteration)); })));
  std::vector<std::string> expected;
  for (const char* iteration : {"0", "1"}) {
    for (const char* point : {"begin", "backward", "step"}) {
      expected.push_back(std::string("plugin ") + point + " " + iteration);
      expected.push_back(std::string("hook ") + point + " " + iteration);
    }
  }
  EXPECT_EQ(events, expected);
}

TEST(PrecisionPlugin, MixedPrecisionGivesItsModesAutocastAndLossScaler) {
  EXPECT_EQ(MixedPrecision(PrecisionMode::fp32).autocast_dtype(), std::nullopt);
  EXPECT_EQ(MixedPrecision(PrecisionMode::fp32).loss_scaler(), nullptr);
  EXPECT_EQ(MixedPrecision(PrecisionMode::amp_bf16).autocast_dtype(), torch::kBFloat16);
  EXPECT_EQ(MixedPrecision(PrecisionMode::amp_bf16).loss_scaler(), nullptr);
  const MixedPrecision amp_fp16(PrecisionMode::amp_fp16);
  EXPECT_EQ(amp_fp16.autocast_dtype(), torch::kHalf);
  ASSERT_NE(amp_fp16.loss_scaler(), nullptr);
  EXPECT_EQ(amp_fp16.loss_scaler(), amp_fp16.loss_scaler());  // one scaler for the run
  auto scaler = std::make_shared<DynamicLossScaler>();
  EXPECT_EQ(MixedPrecision(PrecisionMode::fp32, scaler).loss_scaler(), scaler);
}

TEST(PrecisionPlugin, QuantizedPrecisionSetsTheIterationAndStoresTheParameters) {
  auto precision = std::make_shared<quantization::TrainingPrecision>(
      quantization::parse_precision_policy("weights=fixed:8:4"), 1);
  auto model = std::make_shared<quantization::QuantizedLinearImpl>(torch::nn::LinearOptions(2, 3), precision);
  QuantizedPrecision plugin(precision, /*record_numerics=*/false);
  EXPECT_EQ(plugin.telemetry(), nullptr);
  plugin.store_parameters();
  IterationState state;
  state.iteration = 7;
  state.module = model.get();
  plugin.begin_iteration(state);
  EXPECT_EQ(precision->iteration(), 7);
  plugin.after_step(state);
  // On the 8.4 grid: every weight a multiple of 1/16.
  const torch::Tensor weight = model->weight.detach();
  EXPECT_TRUE(torch::equal(weight, (weight * 16).round() / 16));
  EXPECT_NE(QuantizedPrecision(precision).telemetry(), nullptr);  // recorded by default
}

}  // namespace
}  // namespace repro::training
