// MixedPrecisionStep: the plain step in fp32, autocast in amp-bf16, loss scaling in amp-fp16.
#include "common/training/mixed_precision_step.h"

#include <limits>

#include <gtest/gtest.h>

#include "base/errors.h"
#include "common/training/autocast.h"

namespace repro::training {
namespace {

torch::nn::Linear make_linear() {
  torch::manual_seed(3);
  return torch::nn::Linear(4, 2);
}

TEST(MixedPrecisionStepTest, Fp32StepEqualsThePlainSgdStepBitForBit) {
  const torch::Tensor input = torch::randn({8, 4});
  torch::nn::Linear plain = make_linear(), ours = make_linear();
  torch::optim::SGD plain_optimizer(plain->parameters(), torch::optim::SGDOptions(0.1).momentum(0.9));
  torch::optim::SGD our_optimizer(ours->parameters(), torch::optim::SGDOptions(0.1).momentum(0.9));
  MixedPrecisionStep step(PrecisionMode::fp32, torch::kCPU);
  EXPECT_EQ(step.loss_scaler(), nullptr);
  for (int iteration = 0; iteration < 3; ++iteration) {
    plain_optimizer.zero_grad();
    const torch::Tensor plain_loss = plain->forward(input).square().mean();
    plain_loss.backward();
    plain_optimizer.step();
    const torch::Tensor our_loss = step.run(our_optimizer, [&] { return ours->forward(input).square().mean(); });
    EXPECT_FALSE(our_loss.requires_grad());
    EXPECT_TRUE(torch::equal(plain_loss.detach(), our_loss));
  }
  EXPECT_TRUE(torch::equal(plain->weight, ours->weight));
  EXPECT_TRUE(torch::equal(plain->bias, ours->bias));
}

TEST(MixedPrecisionStepTest, AmpBf16ComputesTheLossUnderAutocastOnly) {
  torch::nn::Linear linear = make_linear();
  torch::optim::SGD optimizer(linear->parameters(), torch::optim::SGDOptions(0.1));
  MixedPrecisionStep step(PrecisionMode::amp_bf16, torch::kCPU);
  EXPECT_EQ(step.loss_scaler(), nullptr);  // bf16 needs no loss scaling
  torch::ScalarType output_dtype = torch::kFloat;
  const torch::Tensor before = linear->weight.detach().clone();
  step.run(optimizer, [&] {
    EXPECT_TRUE(autocast_enabled(torch::kCPU));
    const torch::Tensor output = linear->forward(torch::randn({8, 4}));
    output_dtype = output.scalar_type();
    return output.to(torch::kFloat).square().mean();
  });
  EXPECT_EQ(output_dtype, torch::kBFloat16);
  EXPECT_FALSE(autocast_enabled(torch::kCPU));  // backward and the step run outside autocast
  EXPECT_FALSE(torch::equal(before, linear->weight));
  EXPECT_EQ(step.forward([&] { return linear->forward(torch::randn({2, 4})); }).scalar_type(), torch::kBFloat16);
}

TEST(MixedPrecisionStepTest, AmpFp16OnCpuIsAClearErrorWithALossScaler) {
  torch::nn::Linear linear = make_linear();
  torch::optim::SGD optimizer(linear->parameters(), torch::optim::SGDOptions(0.1));
  MixedPrecisionStep step(PrecisionMode::amp_fp16, torch::kCPU);
  EXPECT_NE(step.loss_scaler(), nullptr);
  EXPECT_THROW(step.run(optimizer, [&] { return linear->forward(torch::randn({2, 4})).sum(); }), InputError);
}

TEST(MixedPrecisionStepTest, LossScalingSkipsTheStepOnInfiniteGradientsAndBacksOff) {
  torch::Tensor weight = torch::ones({3}, torch::requires_grad());
  torch::optim::SGD optimizer({weight}, torch::optim::SGDOptions(0.1));
  MixedPrecisionStep step(torch::kCPU, std::nullopt, /*loss_scaling=*/true);
  ASSERT_NE(step.loss_scaler(), nullptr);
  const double initial_scale = step.loss_scaler()->current_scale();
  step.run(optimizer, [&] { return (weight * std::numeric_limits<float>::infinity()).sum(); });
  EXPECT_EQ(step.skipped_steps(), 1);
  EXPECT_TRUE(torch::equal(weight.detach(), torch::ones({3})));
  EXPECT_EQ(step.loss_scaler()->current_scale(), initial_scale * 0.5);
  step.run(optimizer, [&] { return (weight * 2.0).sum(); });  // d/dw = 2, unscaled: a real step
  EXPECT_EQ(step.skipped_steps(), 1);
  EXPECT_TRUE(torch::allclose(weight.detach(), torch::full({3}, 0.8f)));
}

}  // namespace
}  // namespace repro::training
