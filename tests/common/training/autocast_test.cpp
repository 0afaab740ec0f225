// AutocastGuard on CPU (bf16) and the precision modes.
#include "common/training/autocast.h"

#include <gtest/gtest.h>

#include "base/errors.h"
#include "common/training/classifier_training.h"
#include "common/training/precision_plugin.h"
#include "common/training/precision_mode.h"
#include "tests/common/training/test_data.h"

namespace repro::training {
namespace {

TEST(AutocastGuardTest, CpuBfloat16MatmulInsideFloatOutsideAndStateRestored) {
  const torch::Tensor a = torch::randn({4, 4});
  const torch::Tensor b = torch::randn({4, 4});
  ASSERT_FALSE(autocast_enabled(torch::kCPU));
  const torch::ScalarType dtype_before = autocast_dtype(torch::kCPU);
  {
    AutocastGuard guard(torch::kCPU, torch::kBFloat16);
    EXPECT_TRUE(autocast_enabled(torch::kCPU));
    EXPECT_EQ(autocast_dtype(torch::kCPU), torch::kBFloat16);
    EXPECT_EQ(torch::mm(a, b).scalar_type(), torch::kBFloat16);
    {
      AutocastGuard disabled(torch::Device(torch::kCPU), torch::kBFloat16, /*enabled=*/false);
      EXPECT_FALSE(autocast_enabled(torch::kCPU));
      EXPECT_EQ(torch::mm(a, b).scalar_type(), torch::kFloat);
    }
    EXPECT_TRUE(autocast_enabled(torch::kCPU));  // the inner guard restored the outer state
  }
  EXPECT_FALSE(autocast_enabled(torch::kCPU));
  EXPECT_EQ(autocast_dtype(torch::kCPU), dtype_before);
  EXPECT_EQ(torch::mm(a, b).scalar_type(), torch::kFloat);
}

TEST(AutocastGuardTest, RejectsUnsupportedDeviceOrDtype) {
  EXPECT_THROW(AutocastGuard(torch::kCPU, torch::kDouble), InputError);
  EXPECT_THROW(AutocastGuard(torch::kCUDA, torch::kFloat), InputError);
  EXPECT_THROW(autocast_enabled(torch::kMeta), InputError);
  EXPECT_FALSE(autocast_enabled(torch::kCPU));  // nothing left enabled by the failures
}

TEST(AutocastGuardTest, TrainerRunsUnderCpuBfloat16Autocast) {
  const testing::Examples train = testing::gaussian_blobs(300, 1);
  const testing::Examples test = testing::gaussian_blobs(150, 2);
  auto model = testing::make_small_net(5);
  bool saw_bfloat16 = false;
  const TrainingHistory history = train_classifier(
      model, train.images, train.labels, test.images, test.labels,
      TrainingOptions().epochs(4).batch_size(30).optimizer(OptimizerOptions().learning_rate(0.1).momentum(0.9))
          .precision(std::make_shared<MixedPrecision>(PrecisionMode::amp_bf16))
          .loss_function([&](const torch::Tensor& logits, const torch::Tensor& labels) {
            saw_bfloat16 = saw_bfloat16 || logits.scalar_type() == torch::kBFloat16;
            return torch::nn::functional::cross_entropy(logits, labels);
          }));
  EXPECT_TRUE(saw_bfloat16);
  EXPECT_FALSE(history.diverged);
  EXPECT_GT(history.final_evaluation->accuracy, 0.9);
  EXPECT_EQ(model->hidden->weight.scalar_type(), torch::kFloat);  // master weights stay fp32
  EXPECT_FALSE(autocast_enabled(torch::kCPU));
}

TEST(PrecisionModeTest, ParseAndProperties) {
  for (const std::string name : {"fp32", "tf32", "fp16", "amp-fp16", "amp-bf16"}) {
    EXPECT_EQ(to_string(parse_precision_mode(name)), name);
  }
  EXPECT_THROW(parse_precision_mode("fp8"), InputError);
  EXPECT_EQ(input_dtype(PrecisionMode::fp16), torch::kHalf);
  EXPECT_EQ(input_dtype(PrecisionMode::amp_fp16), torch::kFloat);
  EXPECT_EQ(autocast_dtype(PrecisionMode::amp_fp16), torch::kHalf);
  EXPECT_EQ(autocast_dtype(PrecisionMode::amp_bf16), torch::kBFloat16);
  EXPECT_EQ(autocast_dtype(PrecisionMode::fp16), std::nullopt);
  EXPECT_TRUE(uses_loss_scaler(PrecisionMode::amp_fp16));
  EXPECT_FALSE(uses_loss_scaler(PrecisionMode::amp_bf16));
  EXPECT_FALSE(uses_loss_scaler(PrecisionMode::fp16));
}

TEST(PrecisionModeTest, Fp16KeepsBatchNormInFloatAndCountersInteger) {
  torch::nn::Sequential model(torch::nn::Conv2d(torch::nn::Conv2dOptions(3, 4, 3)),
                              torch::nn::BatchNorm2d(4), torch::nn::ReLU(),
                              torch::nn::Flatten(), torch::nn::Linear(4 * 6 * 6, 10));
  prepare_model_for_precision(*model, PrecisionMode::fp16, torch::kCPU);
  for (const auto& item : model->named_parameters()) {
    const bool batch_norm = item.key().rfind("1.", 0) == 0;
    EXPECT_EQ(item.value().scalar_type(), batch_norm ? torch::kFloat : torch::kHalf)
        << item.key();
  }
  for (const auto& item : model->named_buffers()) {
    const bool counter = item.key() == "1.num_batches_tracked";
    EXPECT_EQ(item.value().scalar_type(), counter ? torch::kLong : torch::kFloat) << item.key();
  }
  EXPECT_FALSE(at::globalContext().allowTF32CuBLAS());

  prepare_model_for_precision(*model, PrecisionMode::tf32, torch::kCPU);
  for (const auto& parameter : model->parameters()) {
    EXPECT_EQ(parameter.scalar_type(), torch::kFloat);
  }
  EXPECT_TRUE(at::globalContext().allowTF32CuBLAS());
  EXPECT_TRUE(at::globalContext().allowTF32CuDNN());
  prepare_model_for_precision(*model, PrecisionMode::fp32, torch::kCPU);
  EXPECT_FALSE(at::globalContext().allowTF32CuBLAS());
  EXPECT_FALSE(at::globalContext().allowTF32CuDNN());
}

}  // namespace
}  // namespace repro::training
