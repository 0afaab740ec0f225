// DynamicLossScaler against torch.cuda.amp.GradScaler's documented update rule.
#include "common/training/loss_scaler.h"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

#include "base/errors.h"
#include "common/training/classifier_training.h"
#include "common/training/precision_plugin.h"
#include "tests/common/training/test_data.h"

namespace repro::training {
namespace {

// One parameter w, loss = w * g for a chosen g: the gradient of the scaled loss is scale * g.
struct ScalarProblem {
  torch::Tensor weight = torch::ones({1}, torch::requires_grad());
  torch::optim::SGD optimizer{{weight}, torch::optim::SGDOptions(0.5)};

  // One GradScaler iteration; returns whether the optimizer stepped.
  bool iteration(DynamicLossScaler& scaler, float gradient) {
    optimizer.zero_grad();
    const torch::Tensor loss = (weight * gradient).sum();
    scaler.scale(loss).backward();
    const bool stepped = scaler.step(optimizer);
    scaler.update();
    return stepped;
  }
};

TEST(DynamicLossScalerTest, DefaultsAreGradScalers) {
  const DynamicLossScaler scaler;
  EXPECT_EQ(scaler.current_scale(), 65536.0);
  EXPECT_EQ(scaler.options().growth_factor(), 2.0);
  EXPECT_EQ(scaler.options().backoff_factor(), 0.5);
  EXPECT_EQ(scaler.options().growth_interval(), 2000);
  EXPECT_EQ(scaler.growth_tracker(), 0);
}

TEST(DynamicLossScalerTest, InfiniteGradientAtStepThreeSkipsAndHalves) {
  DynamicLossScaler scaler;
  ScalarProblem problem;
  const float inf = std::numeric_limits<float>::infinity();
  std::vector<double> scales;
  std::vector<bool> stepped;
  std::vector<float> weights;
  for (int step = 1; step <= 5; ++step) {
    stepped.push_back(problem.iteration(scaler, step == 3 ? inf : 1.0F));
    scales.push_back(scaler.current_scale());
    weights.push_back(problem.weight.item<float>());
  }
  EXPECT_EQ(stepped, (std::vector<bool>{true, true, false, true, true}));
  EXPECT_EQ(scales, (std::vector<double>{65536.0, 65536.0, 32768.0, 32768.0, 32768.0}));
  // SGD with lr 0.5 on unscaled gradient 1: w = 1 - 0.5 k; the skipped step changes nothing.
  EXPECT_EQ(weights, (std::vector<float>{0.5F, 0.0F, 0.0F, -0.5F, -1.0F}));
  EXPECT_EQ(scaler.growth_tracker(), 2);
}

TEST(DynamicLossScalerTest, NanGradientAlsoSkips) {
  DynamicLossScaler scaler;
  ScalarProblem problem;
  EXPECT_FALSE(problem.iteration(scaler, std::nanf("")));
  EXPECT_EQ(scaler.current_scale(), 32768.0);
  EXPECT_EQ(problem.weight.item<float>(), 1.0F);
}

TEST(DynamicLossScalerTest, GrowsAfterGrowthIntervalCleanSteps) {
  DynamicLossScaler scaler;  // the default interval, 2000 steps: fast on a scalar
  ScalarProblem problem;
  for (int step = 1; step <= 1999; ++step) problem.iteration(scaler, 1e-3F);
  EXPECT_EQ(scaler.current_scale(), 65536.0);
  EXPECT_EQ(scaler.growth_tracker(), 1999);
  problem.iteration(scaler, 1e-3F);
  EXPECT_EQ(scaler.current_scale(), 131072.0);
  EXPECT_EQ(scaler.growth_tracker(), 0);
}

TEST(DynamicLossScalerTest, SkipResetsTheGrowthTracker) {
  DynamicLossScaler scaler(LossScalerOptions().growth_interval(3));
  ScalarProblem problem;
  const float inf = std::numeric_limits<float>::infinity();
  // clean, clean, inf, clean, clean, clean (grows), clean
  const std::vector<float> gradients{1, 1, inf, 1, 1, 1, 1};
  std::vector<double> scales;
  for (const float gradient : gradients) {
    problem.iteration(scaler, gradient);
    scales.push_back(scaler.current_scale());
  }
  EXPECT_EQ(scales, (std::vector<double>{65536, 65536, 32768, 32768, 32768, 65536, 65536}));
}

TEST(DynamicLossScalerTest, UnscaleGivesTrueGradientsAndOverflowIsDetected) {
  DynamicLossScaler scaler;
  ScalarProblem problem;
  problem.optimizer.zero_grad();
  scaler.scale((problem.weight * 0.375F).sum()).backward();
  EXPECT_EQ(problem.weight.grad().item<float>(), 0.375F * 65536.0F);
  scaler.unscale_(problem.optimizer);
  EXPECT_EQ(problem.weight.grad().item<float>(), 0.375F);
  EXPECT_FALSE(scaler.found_non_finite_gradient());
  EXPECT_THROW(scaler.unscale_(problem.optimizer), std::logic_error);
  EXPECT_TRUE(scaler.step(problem.optimizer));  // no second unscale
  scaler.update();

  // A half-precision loss that overflows when scaled.
  torch::Tensor half_weight = torch::ones({1}, torch::dtype(torch::kHalf).requires_grad(true));
  torch::optim::SGD half_optimizer({half_weight}, torch::optim::SGDOptions(0.1));
  const torch::Tensor scaled = scaler.scale((half_weight * 2.0).sum());
  EXPECT_TRUE(std::isinf(scaled.item<float>()));  // 2 * 65536 > 65504
  scaled.backward();
  EXPECT_FALSE(scaler.step(half_optimizer));
  scaler.update();
  EXPECT_EQ(scaler.current_scale(), 32768.0);
}

TEST(DynamicLossScalerTest, UpdateWithoutStepAndBadOptionsAreErrors) {
  DynamicLossScaler scaler;
  EXPECT_THROW(scaler.update(), std::logic_error);
  EXPECT_THROW(DynamicLossScaler(LossScalerOptions().growth_factor(1.0)), InputError);
  EXPECT_THROW(DynamicLossScaler(LossScalerOptions().backoff_factor(1.0)), InputError);
  EXPECT_THROW(DynamicLossScaler(LossScalerOptions().growth_interval(0)), InputError);
  EXPECT_THROW(DynamicLossScaler(LossScalerOptions().initial_scale(0.0)), InputError);
}

TEST(DynamicLossScalerTest, DisabledScalerPassesThrough) {
  DynamicLossScaler scaler(LossScalerOptions().enabled(false));
  ScalarProblem problem;
  EXPECT_TRUE(problem.iteration(scaler, std::numeric_limits<float>::infinity()));
  EXPECT_EQ(scaler.current_scale(), 65536.0);
}

TEST(DynamicLossScalerTest, TrainerSkipsNonFiniteStepsInsteadOfDiverging) {
  const testing::Examples train = testing::gaussian_blobs(120, 1);
  auto model = testing::make_small_net(5);
  auto scaler = std::make_shared<DynamicLossScaler>();
  std::vector<bool> skipped;
  bool overflow = false;  // at iteration 2 the loss is finite but overflows once scaled
  const TrainingHistory history = train_classifier(
      model, train.images, train.labels, train.images, train.labels,
      TrainingOptions().epochs(2).batch_size(30).precision(std::make_shared<MixedPrecision>(PrecisionMode::fp32, scaler))
          .loss_function([&](const torch::Tensor& logits, const torch::Tensor& labels) {
            const torch::Tensor loss = torch::nn::functional::cross_entropy(logits, labels);
            return overflow ? loss * 1e36F : loss;
          })
          .hooks(IterationHooks()
                     .on_iteration_start([&](IterationState& state) { overflow = state.iteration == 2; })
                     .on_iteration_end([&](IterationState& state) {
                       skipped.push_back(state.step_skipped);
                       overflow = false;
                     })));
  EXPECT_FALSE(history.diverged);
  EXPECT_EQ(history.skipped_steps, 1);
  ASSERT_EQ(skipped.size(), 8U);
  EXPECT_TRUE(skipped[2]);
  EXPECT_EQ(std::count(skipped.begin(), skipped.end(), true), 1);
  EXPECT_EQ(scaler->current_scale(), 32768.0);
  EXPECT_EQ(scaler->growth_tracker(), 5);
}

}  // namespace
}  // namespace repro::training
