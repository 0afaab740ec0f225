// The study's networks: ResNet-18 (CIFAR form) parameter count and output shape; SSD300's
// priors, output shapes and the VGG16 weight loader.
#include <cmath>
#include <filesystem>

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "base/errors.h"
#include "common/training/checkpoint.h"
#include "papers/fp16_amp_ssd_resnet/prior_boxes.h"
#include "papers/fp16_amp_ssd_resnet/resnet18_cifar.h"
#include "papers/fp16_amp_ssd_resnet/ssd300.h"

namespace repro::fp16_amp_ssd_resnet {
namespace {

std::int64_t parameter_count(torch::nn::Module& module) {
  std::int64_t total = 0;
  for (const auto& parameter : module.parameters()) total += parameter.numel();
  return total;
}

TEST(ResNet18Cifar, HasTheHandCountedParametersAndTenLogits) {
  // By hand (conv i→o k×k: i·o·k²; batch norm c: 2c; no conv biases):
  //   stem 3·32·9 + 64 = 928
  //   stage 1: block 1 32·64·9 + 64·64·9 + 32·64 (shortcut) + 3 BN·128 = 57,728; block 2 2·36,864 + 256 = 73,984
  //   stage 2: 64·128·9 + 128·128·9 + 64·128 + 3·256 = 230,144; 2·147,456 + 512 = 295,424
  //   stage 3: 128·256·9 + 256·256·9 + 128·256 + 3·512 = 919,040; 2·589,824 + 1,024 = 1,180,672
  //   stage 4: 256·512·9 + 512·512·9 + 256·512 + 3·1,024 = 3,673,088; 2·2,359,296 + 2,048 = 4,720,640
  //   linear 512·10 + 10 = 5,130                                     total 11,156,778
  ResNet18Cifar model;
  EXPECT_EQ(parameter_count(*model), 11156778);
  model->eval();
  EXPECT_EQ(model->forward(torch::zeros({2, 3, 32, 32})).sizes(), (std::vector<std::int64_t>{2, 10}));
}

TEST(PriorBoxes, CountAndCoordinatesFollowTheSsdFormula) {
  const torch::Tensor priors = make_prior_boxes();
  // 38²·4 + 19²·6 + 10²·6 + 5²·6 + 3²·4 + 1²·4 = 5,776 + 2,166 + 600 + 150 + 36 + 4 = 8,732.
  ASSERT_EQ(priors.sizes(), (std::vector<std::int64_t>{8732, 4}));
  const auto p = priors.accessor<float, 2>();
  const auto expect_prior = [&](std::int64_t index, double cx, double cy, double w, double h) {
    EXPECT_NEAR(p[index][0], cx, 1e-6) << index;
    EXPECT_NEAR(p[index][1], cy, 1e-6) << index;
    EXPECT_NEAR(p[index][2], w, 1e-6) << index;
    EXPECT_NEAR(p[index][3], h, 1e-6) << index;
  };
  // conv4_3, location (0, 0): centre 0.5·8/300; s = 30/300 = 0.1; s' = sqrt(0.1·0.2); ratio 2.
  expect_prior(0, 0.5 * 8 / 300, 0.5 * 8 / 300, 0.1, 0.1);
  expect_prior(1, 0.5 * 8 / 300, 0.5 * 8 / 300, std::sqrt(0.02), std::sqrt(0.02));
  expect_prior(2, 0.5 * 8 / 300, 0.5 * 8 / 300, 0.1 * std::sqrt(2.0), 0.1 / std::sqrt(2.0));
  expect_prior(3, 0.5 * 8 / 300, 0.5 * 8 / 300, 0.1 / std::sqrt(2.0), 0.1 * std::sqrt(2.0));
  // conv4_3, location (row 0, column 1): centre x 1.5·8/300.
  expect_prior(4, 1.5 * 8 / 300, 0.5 * 8 / 300, 0.1, 0.1);
  // conv7's first location (index 5,776): centre 0.5·16/300, s = 60/300 = 0.2 (the paper's
  // s_min); ratio 3 box (index 5,776 + 4): 0.2·sqrt 3 × 0.2/sqrt 3.
  expect_prior(5776, 0.5 * 16 / 300, 0.5 * 16 / 300, 0.2, 0.2);
  expect_prior(5776 + 4, 0.5 * 16 / 300, 0.5 * 16 / 300, 0.2 * std::sqrt(3.0), 0.2 / std::sqrt(3.0));
  // conv11_2 (1×1): centre 0.5; s = 264/300 = 0.88; s' = sqrt(0.88·1.05) = 0.961; the last box
  // 0.88/sqrt 2 × 0.88·sqrt 2 = 0.622 × 1.245, clipped to 1.
  expect_prior(8728, 0.5, 0.5, 0.88, 0.88);
  expect_prior(8729, 0.5, 0.5, std::sqrt(0.88 * 1.05), std::sqrt(0.88 * 1.05));
  expect_prior(8731, 0.5, 0.5, 0.88 / std::sqrt(2.0), 1.0);
}

TEST(Ssd300, ReducedWidthNetworkGivesOneOutputPerPrior) {
  Ssd300 model(Ssd300Options().width_divisor(8));
  const SsdOutput output = model->forward(torch::randn({1, 3, 300, 300}));
  EXPECT_EQ(output.locations.sizes(), (std::vector<std::int64_t>{1, 8732, 4}));
  EXPECT_EQ(output.confidences.sizes(), (std::vector<std::int64_t>{1, 8732, 21}));
  EXPECT_EQ(model->forward_packed(torch::randn({1, 3, 300, 300})).sizes(), (std::vector<std::int64_t>{1, 8732, 25}));
}

TEST(Ssd300, L2NormScaleStartsAtTwenty) {
  L2Norm norm(2, 20.0);
  // Channels (3, 4) at one location: norm 5, so the output is 20·(0.6, 0.8) = (12, 16).
  const torch::Tensor out = norm->forward(torch::tensor({3.0f, 4.0f}).view({1, 2, 1, 1}));
  EXPECT_NEAR(out[0][0][0][0].item<float>(), 12.0f, 1e-5);
  EXPECT_NEAR(out[0][1][0][0].item<float>(), 16.0f, 1e-5);
}

TEST(Vgg16Features, UsesTorchvisionLayerNamesAndShapes) {
  Vgg16Features base(1);
  const auto parameters = base->named_parameters();
  EXPECT_EQ(parameters.size(), 26u);  // 13 convolutions, weight and bias
  for (int index : {0, 2, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28}) {
    EXPECT_TRUE(parameters.contains("features." + std::to_string(index) + ".weight")) << index;
  }
  EXPECT_EQ(parameters["features.0.weight"].sizes(), (std::vector<std::int64_t>{64, 3, 3, 3}));
  EXPECT_EQ(parameters["features.28.weight"].sizes(), (std::vector<std::int64_t>{512, 512, 3, 3}));
}

TEST(Vgg16Features, WeightFileWrittenBySuiteLoadsIntoAFreshModel) {
  const auto path = std::filesystem::temp_directory_path() / "fp16_amp_ssd_resnet_vgg_test.pt";
  torch::manual_seed(1);
  Ssd300 source(Ssd300Options().width_divisor(8));
  training::save_state_dict(path, *source->base);
  torch::manual_seed(2);
  Ssd300 target(Ssd300Options().width_divisor(8));
  const torch::Tensor input = torch::randn({1, 3, 64, 64});
  ASSERT_FALSE(torch::equal(source->base->features->forward(input), target->base->features->forward(input)));
  load_vgg16_imagenet_weights(path, *target);
  EXPECT_TRUE(torch::equal(source->base->features->forward(input), target->base->features->forward(input)));
  std::filesystem::remove(path);
}

TEST(Vgg16Features, FileWithoutTheBaseKeysIsAnInputErrorNamingTheFile) {
  const auto path = std::filesystem::temp_directory_path() / "fp16_amp_ssd_resnet_not_vgg.pt";
  ResNet18Cifar other(ResNet18CifarOptions().base_width(8));
  training::save_state_dict(path, *other);
  Ssd300 target(Ssd300Options().width_divisor(8));
  try {
    load_vgg16_imagenet_weights(path, *target);
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find(path.string()), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("features.0.weight"), std::string::npos) << error.what();
  }
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace repro::fp16_amp_ssd_resnet
