// common/models: the three networks of the Dogs vs. Cats study, the classifier head, freezing and
// weight files.
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "base/errors.h"
#include "common/models/binary_classifier.h"
#include "common/models/inception_v3.h"
#include "common/models/model_factory.h"
#include "common/models/parameter_count.h"
#include "common/models/resnet152_v2.h"
#include "common/models/vgg16.h"
#include "common/training/checkpoint.h"

namespace repro::models {
namespace {

std::vector<std::string> state_keys(const torch::nn::Module& module) {
  std::vector<std::string> keys;
  for (const auto& item : module.named_parameters()) keys.push_back(item.key());
  for (const auto& item : module.named_buffers()) keys.push_back(item.key());
  return keys;
}

bool has_key(const std::vector<std::string>& keys, const std::string& key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

torch::Tensor feature_shape_at(FeatureExtractor& model, std::int64_t side) {
  torch::NoGradGuard no_grad;
  model.eval();
  const torch::Tensor output = model.forward(torch::rand({1, 3, side, side}));
  return torch::tensor(output.sizes().vec());
}

std::vector<std::int64_t> sizes(const torch::Tensor& shape) {
  return std::vector<std::int64_t>(shape.data_ptr<std::int64_t>(),
                                   shape.data_ptr<std::int64_t>() + shape.numel());
}

TEST(Vgg16, FullSizeShapeCountsAndTorchvisionKeys) {
  Vgg16 model;
  EXPECT_EQ(sizes(feature_shape_at(model, 224)), (std::vector<std::int64_t>{1, 512, 7, 7}));
  EXPECT_EQ(parameter_count(model), 14714688);  // torchvision vgg16().features, Keras VGG16 no top
  EXPECT_EQ(keras_parameter_count(model, true), 14714688);
  // torchvision's features: convolutions at these indices of the Sequential.
  std::vector<std::string> expected;
  for (int index : {0, 2, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28}) {
    expected.push_back("features." + std::to_string(index) + ".weight");
    expected.push_back("features." + std::to_string(index) + ".bias");
  }
  EXPECT_EQ(state_keys(model), expected);
  EXPECT_EQ(model.output_channels(), 512);
}

TEST(InceptionV3, FullSizeRunsAt224WithPublishedCounts) {
  InceptionV3 model;
  EXPECT_EQ(sizes(feature_shape_at(model, 224)), (std::vector<std::int64_t>{1, 2048, 5, 5}));
  EXPECT_EQ(model.output_channels(), 2048);
  // torchvision inception_v3: 27,161,264 minus AuxLogits (3,326,696) minus fc (2,049,000).
  EXPECT_EQ(parameter_count(model), 21785568);
  // Keras InceptionV3(include_top=False).count_params(): BN without scale, moving stats counted.
  EXPECT_EQ(keras_parameter_count(model, /*batch_norm_has_scale=*/false), 21802784);
  const auto keys = state_keys(model);
  for (const char* key : {"Conv2d_1a_3x3.conv.weight", "Conv2d_1a_3x3.bn.weight", "Conv2d_4a_3x3.bn.running_mean",
                          "Mixed_5b.branch5x5_2.conv.weight", "Mixed_6e.branch7x7dbl_5.bn.bias",
                          "Mixed_7a.branch7x7x3_4.conv.weight", "Mixed_7c.branch3x3dbl_3b.bn.running_var",
                          "Mixed_7c.branch_pool.bn.num_batches_tracked"}) {
    EXPECT_TRUE(has_key(keys, key)) << key;
  }
  for (const auto& key : keys) EXPECT_EQ(key.find("AuxLogits"), std::string::npos) << key;
}

TEST(InceptionV3, SmallestInputAndNarrowedNetwork) {
  InceptionV3 model(InceptionV3Options().width_divisor(16));
  EXPECT_EQ(model.output_channels(), 2048 / 16);
  EXPECT_EQ(sizes(feature_shape_at(model, 75)), (std::vector<std::int64_t>{1, 128, 1, 1}));
  EXPECT_EQ(sizes(feature_shape_at(model, 299)), (std::vector<std::int64_t>{1, 128, 8, 8}));
  EXPECT_THROW(InceptionV3(InceptionV3Options().width_divisor(0)), InputError);
}

TEST(ResNet152V2, FullSizeShapeCountsAndKerasNames) {
  ResNet152V2 model;
  EXPECT_EQ(sizes(feature_shape_at(model, 224)), (std::vector<std::int64_t>{1, 2048, 7, 7}));
  EXPECT_EQ(model.output_channels(), 2048);
  // Keras ResNet152V2(include_top=False).count_params() = 58,331,648 (BN with scale, moving
  // statistics counted).
  EXPECT_EQ(keras_parameter_count(model, /*batch_norm_has_scale=*/true), 58331648);
  EXPECT_EQ(parameter_count(model), 58187904);  // without the BN moving statistics
  const auto keys = state_keys(model);
  for (const char* key : {"conv1_conv.weight", "conv1_conv.bias", "conv2.block1.preact_bn.weight",
                          "conv2.block1.0_conv.weight", "conv2.block1.0_conv.bias", "conv2.block3.3_conv.bias",
                          "conv3.block8.2_bn.running_var", "conv4.block36.1_conv.weight", "conv5.block3.3_conv.weight",
                          "post_bn.running_mean"}) {
    EXPECT_TRUE(has_key(keys, key)) << key;
  }
  // Only the first block of a stage has a convolution shortcut; the others' 1x1/3x3 are bias-free.
  EXPECT_FALSE(has_key(keys, "conv2.block2.0_conv.weight"));
  EXPECT_FALSE(has_key(keys, "conv4.block37.1_conv.weight"));
  EXPECT_FALSE(has_key(keys, "conv2.block1.1_conv.bias"));
}

TEST(ResNet152V2, StridesInTheLastBlockOfStagesTwoToFour) {
  ResNet152V2 model(ResNet152V2Options().stage_blocks({2, 2, 2, 2}).width_divisor(16));
  EXPECT_EQ(sizes(feature_shape_at(model, 64)), (std::vector<std::int64_t>{1, 128, 2, 2}));
  EXPECT_THROW(ResNet152V2(ResNet152V2Options().stage_blocks({1, 2, 2, 2})), InputError);
  EXPECT_THROW(ResNet152V2(ResNet152V2Options().stage_blocks({2, 2, 2})), InputError);
}

TEST(ModelFactory, KnownNamesAndBadName) {
  for (const char* name : {"vgg16", "inceptionv3", "resnet152v2"}) {
    EXPECT_EQ(make_feature_extractor(name, 16, true)->architecture(), name);
  }
  EXPECT_THROW(make_feature_extractor("alexnet"), InputError);
  EXPECT_THROW(Vgg16(Vgg16Options().stage_convolutions({2, 2})), InputError);
}

TEST(BinaryImageClassifier, HeadShapesLogitsAndLoss) {
  torch::manual_seed(1);
  auto model = std::make_shared<BinaryImageClassifier>(make_feature_extractor("vgg16", 16, true));
  EXPECT_EQ(model->hidden()->weight.sizes().vec(), (std::vector<std::int64_t>{1024, 32}));
  EXPECT_EQ(model->output()->weight.sizes().vec(), (std::vector<std::int64_t>{1, 1024}));
  const torch::Tensor images = torch::rand({4, 3, 32, 32});
  model->eval();
  const torch::Tensor logit = model->forward(images);
  ASSERT_EQ(logit.sizes().vec(), (std::vector<std::int64_t>{4}));
  const torch::Tensor two = two_class_view(model).forward(images);
  ASSERT_EQ(two.sizes().vec(), (std::vector<std::int64_t>{4, 2}));
  EXPECT_TRUE(torch::equal(two.argmax(1), (logit > 0).to(torch::kLong)));
  const torch::Tensor labels = torch::tensor({0, 1, 1, 0}, torch::kLong);
  const double expected =
      torch::nn::functional::binary_cross_entropy(torch::sigmoid(logit), labels.to(torch::kFloat)).item<double>();
  EXPECT_NEAR(binary_logit_loss(two, labels).item<double>(), expected, 1e-6);
  // Cross entropy over [0, logit] is the same loss.
  EXPECT_NEAR(torch::nn::functional::cross_entropy(two, labels).item<double>(), expected, 1e-6);
  EXPECT_THROW(binary_logit_loss(logit, labels), InputError);
}

TEST(BinaryImageClassifier, FrozenBaseStaysUnchangedWhileTheHeadTrains) {
  torch::manual_seed(2);
  auto model = std::make_shared<BinaryImageClassifier>(make_feature_extractor("resnet152v2", 16, true),
                                                       ClassifierHeadOptions().hidden_units(16));
  model->freeze_base();
  for (const auto& parameter : model->base()->parameters()) EXPECT_FALSE(parameter.requires_grad());
  EXPECT_TRUE(model->hidden()->weight.requires_grad());
  model->train();
  EXPECT_FALSE(model->base()->is_training());  // batch norm keeps its moving statistics
  EXPECT_TRUE(model->hidden()->is_training());

  std::vector<torch::Tensor> base_before, head_before;
  for (const auto& tensor : model->base()->parameters()) base_before.push_back(tensor.clone());
  for (const auto& tensor : model->base()->buffers()) base_before.push_back(tensor.clone());
  for (const auto& tensor : model->output()->parameters()) head_before.push_back(tensor.clone());
  const torch::Tensor images = torch::rand({8, 3, 32, 32});
  const torch::Tensor labels = torch::tensor({0, 1, 0, 1, 0, 1, 0, 1}, torch::kLong);
  const auto history = training::train_classifier(
      two_class_view(model), images, labels, images, labels,
      training::TrainingOptions().epochs(2).batch_size(4).optimizer(training::OptimizerOptions().kind(training::OptimizerKind::adam).learning_rate(1e-3))
          .loss_function(binary_logit_loss));
  EXPECT_EQ(history.iterations_completed, 4);
  std::size_t index = 0;
  for (const auto& tensor : model->base()->parameters()) EXPECT_TRUE(torch::equal(tensor, base_before[index++]));
  for (const auto& tensor : model->base()->buffers()) EXPECT_TRUE(torch::equal(tensor, base_before[index++]));
  index = 0;
  for (const auto& tensor : model->output()->parameters()) EXPECT_FALSE(torch::equal(tensor, head_before[index++]));

  model->unfreeze_base();
  EXPECT_TRUE(model->base()->parameters().front().requires_grad());
  EXPECT_TRUE(model->base()->is_training());
}

class WeightFile : public ::testing::TestWithParam<std::string> {};

TEST_P(WeightFile, SavedWeightsLoadIntoAFreshModelAndGiveTheSameOutputs) {
  const std::string architecture = GetParam();
  const auto directory = std::filesystem::temp_directory_path() /
                         ("repro_models_test_" + architecture + "_" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  torch::manual_seed(3);
  auto original = std::make_shared<BinaryImageClassifier>(make_feature_extractor(architecture, 16, true),
                                                          ClassifierHeadOptions().hidden_units(8));
  // Move the batch-norm statistics away from their initial values so that buffers matter.
  original->train();
  {
    torch::NoGradGuard no_grad;
    original->forward(torch::rand({4, 3, 80, 80}) * 3.0);
  }
  original->eval();
  training::save_state_dict(directory / "classifier.pt", *original);
  training::save_state_dict(directory / "base.pt", *original->base());

  torch::manual_seed(4);
  auto fresh = std::make_shared<BinaryImageClassifier>(make_feature_extractor(architecture, 16, true),
                                                       ClassifierHeadOptions().hidden_units(8));
  fresh->eval();
  const torch::Tensor images = torch::rand({2, 3, 80, 80});
  torch::NoGradGuard no_grad;
  EXPECT_FALSE(torch::equal(fresh->forward(images), original->forward(images)));
  const auto report = training::load_state_dict(directory / "classifier.pt", *fresh);
  EXPECT_TRUE(report.missing_keys.empty());
  EXPECT_TRUE(torch::equal(fresh->forward(images), original->forward(images)));

  // A base-only file (what a user converts from torchvision or Keras) loads into the base.
  torch::manual_seed(5);
  auto other = std::make_shared<BinaryImageClassifier>(make_feature_extractor(architecture, 16, true),
                                                       ClassifierHeadOptions().hidden_units(8));
  other->eval();
  training::load_state_dict(directory / "base.pt", *other->base());
  EXPECT_TRUE(torch::equal(other->base()->forward(images), original->base()->forward(images)));
  // The whole-classifier file does not fit the base alone (strict): an InputError naming the file.
  EXPECT_THROW(training::load_state_dict(directory / "classifier.pt", *other->base()), InputError);
  std::filesystem::remove_all(directory);
}

INSTANTIATE_TEST_SUITE_P(Architectures, WeightFile,
                         ::testing::Values("vgg16", "inceptionv3", "resnet152v2"));

}  // namespace
}  // namespace repro::models
