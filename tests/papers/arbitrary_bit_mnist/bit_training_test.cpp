// train_at_bits on common/training's train_classifier: the N-bit store after every step, the
// evaluation schedule and its curve, determinism, divergence and bad settings.
#include <gtest/gtest.h>

#include <cmath>

#include <torch/torch.h>

#include "common/errors.h"
#include "papers/arbitrary_bit_mnist/bit_training.h"
#include "papers/arbitrary_bit_mnist/mnist_tensors.h"

namespace repro::arbitrary_bit_mnist {
namespace {

// MNIST-like fixtures: each class has a sparse binary template (about a fifth of the pixels on);
// an image is its class's template plus uniform noise on [0, 0.3]. Labels uniform over 10 classes.
MnistTensors make_fixtures() {
  torch::manual_seed(11);
  const torch::Tensor templates = (torch::rand({10, 1, 28, 28}) > 0.8).to(torch::kFloat);
  const auto make = [&](std::int64_t count, torch::Tensor& images, torch::Tensor& labels) {
    labels = torch::randint(0, 10, {count}, torch::kLong);
    images = templates.index_select(0, labels) + 0.3 * torch::rand({count, 1, 28, 28});
  };
  MnistTensors data;
  make(512, data.train_images, data.train_labels);
  make(300, data.test_images, data.test_labels);
  return data;
}

const MnistTensors& fixtures() {
  static const MnistTensors data = make_fixtures();
  return data;
}

RunConfig logistic_config(int bits) {
  RunConfig config;
  config.shape = NetworkShape::logistic_regression();
  config.bits = bits;
  config.learning_rate = 0.5;  // the study's logistic-regression rate
  config.batch_size = 64;
  config.iterations = 60;  // 8 batches per pass: 7.5 passes, each a fresh permutation
  config.seed = 3;
  return config;
}

double share_of_label_zero(const torch::Tensor& labels) {
  return labels.eq(0).to(torch::kDouble).mean().item<double>();
}

TEST(BitTrainingTest, Float32LogisticRegressionLearnsTheFixtures) {
  const RunResult run = train_at_bits(logistic_config(32), fixtures());
  EXPECT_FALSE(run.diverged);
  EXPECT_GT(run.final_accuracy, 0.9);  // 10 classes: chance is about 0.1
  ASSERT_EQ(run.accuracy.size(), 1u);  // evaluate_every 0: only after the last iteration
  EXPECT_DOUBLE_EQ(run.epochs[0], 60.0 * 64.0 / 512.0);
  EXPECT_DOUBLE_EQ(run.accuracy[0], run.final_accuracy);  // the curve used the whole test set
  EXPECT_GT(run.duration_seconds, 0.0);
}

// mask:1 keeps only the sign bit: every SGD step from the zero initial weights is truncated back
// to (signed) zero when the weights are stored after the step, so all logits stay equal and the
// network predicts class 0 (argmax takes the first of equal values) for every image.
TEST(BitTrainingTest, OneBitTruncationAfterEveryStepKeepsTheZeroWeights) {
  const RunResult run = train_at_bits(logistic_config(1), fixtures());
  EXPECT_FALSE(run.diverged);
  EXPECT_DOUBLE_EQ(run.final_accuracy, share_of_label_zero(fixtures().test_labels));
  const RunResult float32 = train_at_bits(logistic_config(32), fixtures());
  EXPECT_GT(float32.final_accuracy, run.final_accuracy + 0.5);
}

TEST(BitTrainingTest, CurveHasOnePointPerScheduledEvaluationOnTheTestSubset) {
  RunConfig config;
  config.shape.first_channels = 2;
  config.shape.dense_units = 16;
  config.bits = 12;
  config.batch_size = 32;
  config.iterations = 10;
  config.evaluate_every = 4;  // after iterations 4 and 8, and after the last (10)
  config.evaluation_images = 100;
  const RunResult run = train_at_bits(config, fixtures());
  ASSERT_FALSE(run.diverged);
  ASSERT_EQ(run.epochs.size(), 3u);
  ASSERT_EQ(run.accuracy.size(), 3u);
  EXPECT_DOUBLE_EQ(run.epochs[0], 4.0 * 32.0 / 512.0);
  EXPECT_DOUBLE_EQ(run.epochs[1], 8.0 * 32.0 / 512.0);
  EXPECT_DOUBLE_EQ(run.epochs[2], 10.0 * 32.0 / 512.0);
  for (const double accuracy : run.accuracy) {
    // On the first 100 test images: a whole number of hundredths.
    EXPECT_NEAR(accuracy * 100.0, std::round(accuracy * 100.0), 1e-9);
  }
  EXPECT_GE(run.final_accuracy, 0.0);
  EXPECT_LE(run.final_accuracy, 1.0);
}

TEST(BitTrainingTest, SameSeedGivesTheSameRunAndAnotherSeedAnotherOne) {
  RunConfig config;  // a small CNN: random initial weights from the seed, early curve points
  config.shape.first_channels = 2;
  config.shape.dense_units = 16;
  config.bits = 12;
  config.rounding = BitRounding::stochastic;  // keys from the iteration set in the start hook
  config.learning_rate = 0.1;
  config.batch_size = 32;
  config.iterations = 6;
  config.evaluate_every = 1;
  config.seed = 3;
  const RunResult first = train_at_bits(config, fixtures());
  const RunResult second = train_at_bits(config, fixtures());
  EXPECT_EQ(first.accuracy, second.accuracy);
  EXPECT_EQ(first.final_accuracy, second.final_accuracy);
  config.seed = 4;
  const RunResult other = train_at_bits(config, fixtures());
  EXPECT_NE(first.accuracy, other.accuracy);
}

TEST(BitTrainingTest, DivergenceIsRecordedAndTheCurveKeepsTheBrokenNetworksAccuracy) {
  RunConfig config = logistic_config(32);
  config.learning_rate = 1e38;  // the second forward pass overflows
  config.iterations = 12;
  config.evaluate_every = 3;
  const RunResult run = train_at_bits(config, fixtures());
  ASSERT_TRUE(run.diverged);
  EXPECT_FALSE(run.divergence_reason.empty());
  ASSERT_EQ(run.accuracy.size(), 4u);  // every scheduled point, even after the divergence
  EXPECT_DOUBLE_EQ(run.epochs.back(), 12.0 * 64.0 / 512.0);
  EXPECT_DOUBLE_EQ(run.accuracy.back(), run.final_accuracy);
}

TEST(BitTrainingTest, BadSettingsAreInputErrors) {
  RunConfig config = logistic_config(32);
  config.iterations = 0;
  EXPECT_THROW(train_at_bits(config, fixtures()), InputError);
  config = logistic_config(32);
  config.batch_size = 513;  // more than the 512 training images
  EXPECT_THROW(train_at_bits(config, fixtures()), InputError);
  config = logistic_config(32);
  config.evaluation_images = 0;
  EXPECT_THROW(train_at_bits(config, fixtures()), InputError);
}

}  // namespace
}  // namespace repro::arbitrary_bit_mnist
