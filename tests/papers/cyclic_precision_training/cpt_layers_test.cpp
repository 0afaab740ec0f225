// CPT's quantized convolution, the CIFAR models, the operation counter and the training loop.
#include <cmath>
#include <limits>
#include <memory>
#include <set>

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "papers/cyclic_precision_training/bit_schedule.h"
#include "papers/cyclic_precision_training/classifier.h"
#include "papers/cyclic_precision_training/cpt_conv2d.h"
#include "papers/cyclic_precision_training/operation_count.h"
#include "papers/cyclic_precision_training/trainer.h"

namespace repro::cyclic_precision_training {
namespace {

CptConv2dOptions options(std::int64_t in, std::int64_t out, std::int64_t kernel) {
  CptConv2dOptions result;
  result.in_channels = in;
  result.out_channels = out;
  result.kernel_size = kernel;
  result.padding = kernel / 2;
  return result;
}

// With an impulse input (values 0 and 1, both on the batch-range grid), the centre output of
// channel o is the quantized weight w_q[o][c][r][s] at the impulse's position.
TEST(CptConv2d, WeightsTakeAtMostTwoToTheBitsValuesPerOutputChannel) {
  torch::manual_seed(1);
  auto precision = std::make_shared<CptPrecision>();
  precision->forward_bits = 3;
  precision->gradient_bits = 0;
  CptConv2d conv(options(16, 4, 3), precision);
  conv->train();
  torch::NoGradGuard no_grad;
  const torch::Tensor w = conv->weight.detach().clone();
  for (std::int64_t o = 0; o < 4; ++o) {
    std::set<float> values;
    for (std::int64_t i = 0; i < 16 * 9; ++i) {
      torch::Tensor x = torch::zeros({1, 16, 3, 3});
      x.view(-1)[i] = 1.0f;
      values.insert(conv->forward(x)[0][o][1][1].item<float>());
    }
    EXPECT_LE(values.size(), 8u) << "channel " << o;
    EXPECT_GE(values.size(), 4u) << "channel " << o;
    // Per-channel min–max: the channel's extremes are grid points.
    EXPECT_FLOAT_EQ(*values.begin(), w[o].min().item<float>());
    EXPECT_FLOAT_EQ(*values.rbegin(), w[o].max().item<float>());
  }
  EXPECT_TRUE(w.equal(conv->weight.detach()));  // the stored weights stay in full precision
}

TEST(CptConv2d, FullPrecisionMatchesPlainConvolutionAndCountsMacs) {
  torch::manual_seed(2);
  auto precision = std::make_shared<CptPrecision>();
  precision->forward_bits = 0;
  precision->gradient_bits = 0;
  CptConv2dOptions o = options(3, 5, 3);
  o.stride = 2;
  CptConv2d conv(o, precision);
  const torch::Tensor x = torch::randn({2, 3, 8, 8});
  const torch::Tensor expected = torch::conv2d(x, conv->weight, {}, 2, 1);
  EXPECT_TRUE(torch::allclose(conv->forward(x), expected));
  EXPECT_EQ(conv->multiply_accumulates_per_image(), 4 * 4 * 5 * 3 * 9);
}

TEST(CptConv2d, ErrorsAreQuantizedStochasticallyAndWeightGradientFollows) {
  torch::manual_seed(3);
  auto quantized = std::make_shared<CptPrecision>();
  quantized->forward_bits = 0;  // isolate the error quantizer
  quantized->gradient_bits = 4;
  quantized->seed = 7;
  CptConv2d conv(options(2, 3, 3), quantized);
  const torch::Tensor x = torch::randn({4, 2, 6, 6});
  const torch::Tensor upstream = torch::randn({4, 3, 6, 6});
  conv->forward(x).backward(upstream);
  const torch::Tensor quantized_grad = conv->weight.grad().clone();
  conv->weight.mutable_grad().zero_();
  quantized->gradient_bits = 0;
  conv->forward(x).backward(upstream);
  const torch::Tensor exact_grad = conv->weight.grad().clone();
  EXPECT_FALSE(torch::allclose(quantized_grad, exact_grad, 1e-4, 1e-4));
  // Stochastic rounding is unbiased: the quantized gradient tracks the exact one.
  const double relative = (quantized_grad - exact_grad).norm().item<double>() / exact_grad.norm().item<double>();
  EXPECT_LT(relative, 0.6);
}

TEST(CptConv2d, EvaluationUsesRunningRangeWithMomentum) {
  auto precision = std::make_shared<CptPrecision>();
  precision->forward_bits = 8;
  precision->gradient_bits = 0;
  CptConv2d conv(options(1, 1, 1), precision);
  conv->train();
  conv->forward(torch::full({1, 1, 2, 2}, 2.0).index_put_({0, 0, 0, 0}, -2.0));  // range [−2, 2]
  EXPECT_FLOAT_EQ(conv->running_min.item<float>(), -2.0f);
  EXPECT_FLOAT_EQ(conv->running_max.item<float>(), 2.0f);
  conv->forward(torch::full({1, 1, 2, 2}, 12.0).index_put_({0, 0, 0, 0}, -12.0));  // [−12, 12]
  EXPECT_FLOAT_EQ(conv->running_max.item<float>(), 0.9f * 2.0f + 0.1f * 12.0f);
  EXPECT_FLOAT_EQ(conv->running_min.item<float>(), -(0.9f * 2.0f + 0.1f * 12.0f));
}

TEST(OperationCount, ResNet20HasTheTextbookMultiplyAccumulates) {
  auto precision = std::make_shared<CptPrecision>();
  Classifier resnet20 = cifar_resnet_factory(CifarResNetOptions().layers(20).classes(10))(precision);
  const ModelOperations operations = count_operations(resnet20, *precision, {3, 32, 32});
  // Stem 3·16·9·32², 18 block convolutions (40,108,032 with the two stride-2 ones), and two 1×1
  // projection shortcuts (16·32·16² and 32·64·8²): 40,550,400 + 262,144.
  EXPECT_EQ(operations.quantized_macs_per_image, 40550400 + 262144);
  EXPECT_EQ(operations.quantized_layers, 1 + 18 + 2);
  EXPECT_EQ(operations.full_precision_macs_per_image, 64 * 10);
  EXPECT_EQ(precision->forward_bits, 8);  // restored after counting
}

TEST(OperationCount, BottleneckAndMobileNetBuildAndCount) {
  auto precision = std::make_shared<CptPrecision>();
  Classifier resnet164 = cifar_resnet_factory(
      CifarResNetOptions().layers(164).use_bottleneck(true).classes(100))(precision);
  const ModelOperations deep = count_operations(resnet164, *precision, {3, 32, 32});
  EXPECT_EQ(deep.quantized_layers, 1 + 3 * 18 * 3 + 3);
  EXPECT_EQ(deep.full_precision_macs_per_image, 256 * 100);
  Classifier mobilenet = mobilenet_v2_cifar_factory(10)(precision);
  const ModelOperations mobile = count_operations(mobilenet, *precision, {3, 32, 32});
  EXPECT_EQ(mobile.full_precision_macs_per_image, 1280 * 10);
  EXPECT_GT(mobile.quantized_macs_per_image, 50'000'000);
  EXPECT_LT(mobile.quantized_macs_per_image, 150'000'000);
}

// A synthetic task: class 1 images are brighter (uniform 100..227) than class 0 (0..127).
ImageDataset synthetic_brightness(std::int64_t count) {
  torch::manual_seed(4);
  const torch::Tensor labels = torch::randint(0, 2, {count}, torch::kInt64);
  const torch::Tensor images =
      (torch::randint(0, 128, {count, 1, 8, 8}, torch::kInt64) + 100 * labels.view({-1, 1, 1, 1}))
          .to(torch::kUInt8);
  ImageDataset dataset;
  dataset.name = "synthetic";
  dataset.train = {images, labels};
  dataset.test = dataset.train;
  dataset.num_classes = 2;
  dataset.train_augmentation = data::DeviceAugmentOptions().normalise({0.4f}, {0.2f});
  dataset.test_augmentation = dataset.train_augmentation;
  return dataset;
}

TEST(Trainer, CyclicPrecisionTrainingLearnsASimpleTask) {
  const ImageDataset dataset = synthetic_brightness(512);
  TrainingConfig config;
  config.iterations = 120;
  config.batch_size = 64;
  config.seed = 5;
  config.learning_rate = [](std::int64_t) { return 0.05; };
  const BitSchedule schedule = BitSchedule::cyclic(3, 8, 120, 4);
  config.forward_bits = [schedule](std::int64_t t) { return schedule.bits_at(t); };
  config.evaluation_forward_bits = 8;
  std::vector<double> losses;
  config.observe = [&losses](std::int64_t, double loss, double) { losses.push_back(loss); };
  const TrainingResult result = train_classifier(
      cifar_resnet_factory(CifarResNetOptions().layers(8).channels(1).classes(2).stage_widths({8, 8, 8})),
      dataset, config);
  ASSERT_FALSE(result.diverged);
  ASSERT_EQ(losses.size(), 120u);
  EXPECT_LT(result.final_training_loss, 0.9 * losses.front());
  EXPECT_GT(result.test_accuracy_percent, 70.0);
  EXPECT_GT(result.training_bitops, 0.0);
}

ClassifierFactory tiny_resnet() {
  return cifar_resnet_factory(CifarResNetOptions().layers(8).channels(1).classes(2).stage_widths({8, 8, 8}));
}

// The hooks on the harness's loop: each iteration's bits reach the model's shared precision
// before its forward pass, the BitOPs tally is CPT's closed form over the schedule, the final
// evaluation runs at evaluation_forward_bits, and drop_last gives full batches only.
TEST(Trainer, PerIterationBitsReachTheModelAndBitOpsFollowTheSchedule) {
  const ImageDataset dataset = synthetic_brightness(200);  // 3 full batches of 64 per epoch
  const BitSchedule schedule = BitSchedule::cyclic(3, 8, 20, 2);
  std::shared_ptr<CptPrecision> model_precision;
  const ClassifierFactory factory = [&model_precision](std::shared_ptr<CptPrecision> precision) {
    model_precision = precision;
    return tiny_resnet()(precision);
  };
  TrainingConfig config;
  config.iterations = 20;
  config.batch_size = 64;
  config.seed = 2;
  config.forward_bits = [schedule](std::int64_t t) { return schedule.bits_at(t); };
  config.gradient_bits = [](std::int64_t t) { return t < 10 ? 8 : 0; };
  config.evaluation_forward_bits = 5;
  std::vector<std::int64_t> observed_iterations;
  config.observe = [&](std::int64_t t, double loss, double batch_accuracy) {
    observed_iterations.push_back(t);
    EXPECT_EQ(model_precision->iteration, t);
    EXPECT_EQ(model_precision->forward_bits, schedule.bits_at(t));
    EXPECT_EQ(model_precision->gradient_bits, t < 10 ? 8 : 0);
    EXPECT_TRUE(std::isfinite(loss));
    EXPECT_GE(batch_accuracy, 0.0);
    EXPECT_LE(batch_accuracy, 100.0);
    // A batch accuracy is a multiple of 1/64 of 100 %: the batch is full.
    const double correct = batch_accuracy * 64.0 / 100.0;
    EXPECT_NEAR(correct, std::round(correct), 1e-9);
  };
  const TrainingResult result = train_classifier(factory, dataset, config);
  ASSERT_FALSE(result.diverged);
  EXPECT_EQ(result.iterations_run, 20);
  ASSERT_EQ(observed_iterations.size(), 20u);
  for (std::int64_t t = 0; t < 20; ++t) EXPECT_EQ(observed_iterations[static_cast<std::size_t>(t)], t);
  EXPECT_EQ(model_precision->forward_bits, 5);  // set for the final evaluation
  EXPECT_EQ(result.test_count, 200);

  const double quantized = static_cast<double>(result.operations.quantized_macs_per_image);
  const double linear = static_cast<double>(result.operations.full_precision_macs_per_image);
  ASSERT_GT(quantized, 0.0);
  double expected = 0.0;
  for (std::int64_t t = 0; t < 20; ++t) {
    const double b = schedule.bits_at(t);
    const double g = t < 10 ? 8.0 : 32.0;
    expected += 64.0 * (quantized * (b * b + 2.0 * b * g) + linear * 3.0 * 32.0 * 32.0);
  }
  EXPECT_DOUBLE_EQ(result.training_bitops, expected);
}

// Numerical-health telemetry: the convolutions' inputs, weights and errors are counted on the
// sampled iterations (0 and 32 of 40; every 32nd), one period per epoch with a sampled iteration,
// and counting does not change the run.
TEST(Trainer, NumericsCountActivationsWeightsAndErrorsWithoutChangingTheRun) {
  const ImageDataset dataset = synthetic_brightness(256);  // 8 batches of 32 per epoch
  TrainingConfig config;
  config.iterations = 40;
  config.batch_size = 32;
  config.seed = 3;
  const BitSchedule schedule = BitSchedule::cyclic(3, 8, 40, 2);
  config.forward_bits = [schedule](std::int64_t t) { return schedule.bits_at(t); };
  std::vector<double> losses;
  config.observe = [&losses](std::int64_t, double loss, double) { losses.push_back(loss); };
  const TrainingResult counted = train_classifier(tiny_resnet(), dataset, config);
  const std::vector<double> counted_losses = losses;
  ASSERT_EQ(counted.numerics.size(), 2u);  // epochs 1 (iteration 0) and 5 (iteration 32)
  EXPECT_EQ(counted.numerics[0].iteration, 8);
  EXPECT_EQ(counted.numerics[1].iteration, 40);
  for (const auto& period : counted.numerics) {
    for (quantization::Role role :
         {quantization::Role::activations, quantization::Role::weights, quantization::Role::errors}) {
      const auto& counts = period.roles[static_cast<std::size_t>(role)];
      EXPECT_GT(counts.values, 0) << quantization::role_name(role);
      EXPECT_EQ(counts.format.rfind("affine:", 0), 0u) << counts.format;
      EXPECT_LE(counts.saturated, counts.values);
      EXPECT_EQ(counts.nonfinite, 0);
    }
  }
  // Iteration 0 quantizes its forward pass at schedule.bits_at(0) bits, the errors at 8.
  EXPECT_EQ(counted.numerics[0].roles[static_cast<std::size_t>(quantization::Role::errors)].format.substr(0, 8),
            "affine:8");

  losses.clear();
  config.record_numerics = false;
  const TrainingResult plain = train_classifier(tiny_resnet(), dataset, config);
  EXPECT_TRUE(plain.numerics.empty());
  EXPECT_EQ(losses, counted_losses);  // bit-identical
  EXPECT_EQ(plain.test_correct, counted.test_correct);
}

TEST(Trainer, SameSeedRepeatsTheRunAndAnotherSeedDoesNot) {
  const ImageDataset dataset = synthetic_brightness(256);
  TrainingConfig config;
  config.iterations = 12;
  config.batch_size = 32;
  config.seed = 9;
  const auto run = [&](std::uint64_t seed) {
    TrainingConfig seeded = config;
    seeded.seed = seed;
    std::vector<double> losses;
    seeded.observe = [&losses](std::int64_t, double loss, double) { losses.push_back(loss); };
    const TrainingResult result = train_classifier(tiny_resnet(), dataset, seeded);
    return std::make_pair(losses, result.test_correct);
  };
  const auto first = run(9);
  const auto again = run(9);
  const auto other = run(10);
  ASSERT_EQ(first.first.size(), 12u);
  EXPECT_EQ(first.first, again.first);  // bit-identical losses on CPU
  EXPECT_EQ(first.second, again.second);
  EXPECT_NE(first.first, other.first);
}

TEST(Trainer, DivergenceIsRecordedAndNotEvaluated) {
  const ImageDataset dataset = synthetic_brightness(128);
  TrainingConfig config;
  config.iterations = 10;
  config.batch_size = 32;
  config.learning_rate = [](std::int64_t) { return std::numeric_limits<double>::infinity(); };
  const TrainingResult result = train_classifier(tiny_resnet(), dataset, config);
  EXPECT_TRUE(result.diverged);
  EXPECT_GE(result.iterations_run, 1);
  EXPECT_LT(result.iterations_run, 10);
  EXPECT_EQ(result.test_count, 0);
}

// The batch transform: normalisation of uint8 images, and crop / flip deterministic in
// (seed, iteration) and different across iterations.
TEST(Trainer, BatchTransformNormalisesAndAugmentsDeterministically) {
  const auto plain = training_batch_transform(data::DeviceAugmentOptions().normalise({0.5f}, {0.5f}), 1);
  const torch::Tensor white = torch::full({2, 1, 4, 4}, 255, torch::kUInt8);
  const torch::Tensor normalised = plain(white, 0);
  EXPECT_EQ(normalised.scalar_type(), torch::kFloat32);
  EXPECT_TRUE(torch::allclose(normalised, torch::ones({2, 1, 4, 4})));
  EXPECT_TRUE(torch::allclose(evaluation_input_transform(data::DeviceAugmentOptions().normalise({0.5f}, {0.5f}))(white),
                              normalised));

  const auto augmenting =
      training_batch_transform(data::DeviceAugmentOptions().padding(2).horizontal_flip(true), 7);
  const torch::Tensor images = torch::arange(8 * 36, torch::kInt64).remainder(251).to(torch::kUInt8).view({8, 1, 6, 6});
  const torch::Tensor at_three = augmenting(images, 3);
  EXPECT_TRUE(torch::equal(at_three, augmenting(images, 3)));
  EXPECT_FALSE(torch::equal(at_three, augmenting(images, 4)));
  EXPECT_EQ(at_three.sizes(), images.sizes());
}

}  // namespace
}  // namespace repro::cyclic_precision_training
