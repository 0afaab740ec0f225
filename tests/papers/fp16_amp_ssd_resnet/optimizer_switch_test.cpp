// The faithful-reproduction switch (a second optimizer call with zeroed gradients), the
// precision-mode availability on this machine, and the ResNet-18 loss's reductions.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include "papers/fp16_amp_ssd_resnet/precision_setup.h"
#include "papers/fp16_amp_ssd_resnet/resnet18_training.h"

namespace repro::fp16_amp_ssd_resnet {
namespace {

TEST(RepeatedOptimizerStep, AppliesMomentumAndWeightDecayAgain) {
  // w0 = 1, gradient 0.5, lr 0.1, momentum 0.9, weight decay 0.01.
  // Step 1: d = 0.5 + 0.01·1 = 0.51, buffer 0.51, w1 = 1 − 0.1·0.51 = 0.949.
  // Step 2 (zero gradient): d = 0.01·0.949 = 0.00949, buffer 0.9·0.51 + 0.00949 = 0.46849,
  //         w2 = 0.949 − 0.1·0.46849 = 0.902151.
  torch::Tensor weight = torch::ones({1}, torch::kDouble).requires_grad_(true);
  torch::optim::SGD optimizer({weight}, torch::optim::SGDOptions(0.1).momentum(0.9).weight_decay(0.01));
  (weight * 0.5).sum().backward();
  optimizer.step();
  EXPECT_NEAR(weight.item<double>(), 0.949, 1e-12);
  repeat_step_with_zero_gradients(optimizer);
  EXPECT_NEAR(weight.item<double>(), 0.902151, 1e-12);
  EXPECT_EQ(weight.grad().item<double>(), 0.0);
}

TEST(PrecisionModes, Fp32AndBf16RunOnTheCpuTf32AndAmpFp16DoNot) {
  const torch::Device cpu(torch::kCPU);
  EXPECT_EQ(precision_mode_unavailable_reason(training::PrecisionMode::fp32, cpu), "");
  EXPECT_EQ(precision_mode_unavailable_reason(training::PrecisionMode::amp_bf16, cpu), "");
  EXPECT_NE(precision_mode_unavailable_reason(training::PrecisionMode::tf32, cpu), "");
  EXPECT_NE(precision_mode_unavailable_reason(training::PrecisionMode::amp_fp16, cpu).find("bfloat16"), std::string::npos);
  EXPECT_EQ(precision_mode_unavailable_reason(training::PrecisionMode::fp16, torch::Device(torch::kCUDA)), "");
}

TEST(ResNet18Loss, SummedWhileTrainingMeanUnderNoGrad) {
  // Two examples with logits (0, 0): each cross entropy is log 2.
  const torch::Tensor logits = torch::zeros({2, 2});
  const torch::Tensor labels = torch::tensor({0, 1}, torch::kLong);
  EXPECT_NEAR(resnet18_cross_entropy(logits, labels).item<double>(), 2 * std::log(2.0), 1e-6);
  torch::NoGradGuard no_grad;
  EXPECT_NEAR(resnet18_cross_entropy(logits, labels).item<double>(), std::log(2.0), 1e-6);
}

TEST(ResNet18Batch, SameIterationSameBatchAndHalfForFp16) {
  const torch::Tensor images = torch::rand({4, 3, 32, 32});
  const torch::Tensor first = resnet18_training_batch(images, 5, 9, training::PrecisionMode::fp32);
  EXPECT_TRUE(torch::equal(first, resnet18_training_batch(images, 5, 9, training::PrecisionMode::fp32)));
  EXPECT_FALSE(torch::equal(first, resnet18_training_batch(images, 6, 9, training::PrecisionMode::fp32)));
  EXPECT_EQ(resnet18_training_batch(images, 5, 9, training::PrecisionMode::fp16).scalar_type(), torch::kHalf);
}

}  // namespace
}  // namespace repro::fp16_amp_ssd_resnet
