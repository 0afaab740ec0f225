// train_at_bits on common/training's train_classifier: the N-bit store after every step, the
// evaluation schedule and its curve, determinism, divergence and bad settings.
#include <unistd.h>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include <torch/torch.h>

#include "base/errors.h"
#include "papers/arbitrary_bit_mnist/bit_run_unit.h"
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

// A run as a run unit: the first call trains and writes it, the second reuses it (the same
// curve, accuracy and telemetry, bit for bit), another setting is another unit.
TEST(BitRunUnit, AFinishedRunIsReusedAndAnotherSettingIsNot) {
  const std::filesystem::path directory =
      std::filesystem::temp_directory_path() / ("repro_bit_units_" + std::to_string(::getpid()));
  std::filesystem::remove_all(directory);
  const UnitStore store(directory, false);
  const BitRunUnits units{&store, Tier::smoke, "fixtures"};
  const RunConfig config = logistic_config(12);
  const RunResult trained = train_unit_at_bits(units, "test", config, fixtures());
  ASSERT_TRUE(std::filesystem::exists(store.path_of(bit_run_unit_key(units, "test", config, fixtures()))));
  const RunResult reused = train_unit_at_bits(units, "test", config, fixtures());
  EXPECT_EQ(reused.accuracy, trained.accuracy);
  EXPECT_EQ(reused.epochs, trained.epochs);
  EXPECT_EQ(reused.final_accuracy, trained.final_accuracy);
  EXPECT_EQ(reused.duration_seconds, trained.duration_seconds);  // read back, not retrained
  ASSERT_EQ(reused.numerics.size(), trained.numerics.size());
  for (std::size_t i = 0; i < trained.numerics.size(); ++i) {
    for (std::size_t r = 0; r < trained.numerics[i].roles.size(); ++r) {
      EXPECT_EQ(reused.numerics[i].roles[r].values, trained.numerics[i].roles[r].values);
      EXPECT_EQ(reused.numerics[i].roles[r].stagnant, trained.numerics[i].roles[r].stagnant);
    }
  }
  RunConfig other = config;
  other.learning_rate = 0.25;
  EXPECT_NE(bit_run_unit_key(units, "test", other, fixtures()).file_stem(),
            bit_run_unit_key(units, "test", config, fixtures()).file_stem());
  train_unit_at_bits(units, "test", other, fixtures());
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(directory)) ++files;
  EXPECT_EQ(files, 2u);
  std::filesystem::remove_all(directory);
}

}  // namespace
}  // namespace repro::arbitrary_bit_mnist
