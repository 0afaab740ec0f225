// CPT's run units: a trained run and a range test round-trip through their JSON exactly, the key
// tells apart what changes a result (schedule, data content) and not what does not, and a
// malformed unit is an InputError.
#include <cmath>
#include <limits>

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "base/errors.h"
#include "papers/cyclic_precision_training/bit_schedule.h"
#include "papers/cyclic_precision_training/experiment_units.h"

namespace repro::cyclic_precision_training {
namespace {

CifarResNetOptions small_model() {
  return CifarResNetOptions().layers(8).channels(1).classes(10).stage_widths({4, 8, 16});
}

TrainingRecipe cyclic_recipe(std::int64_t cycles) {
  TrainingRecipe recipe;
  recipe.config.name = "CPT";
  recipe.config.iterations = 6;
  recipe.config.batch_size = 16;
  recipe.config.seed = 3;
  const BitSchedule schedule = BitSchedule::cyclic(3, 8, recipe.config.iterations, cycles);
  recipe.config.forward_bits = [schedule](std::int64_t t) { return schedule.bits_at(t); };
  recipe.schedules = {{"forward_bits", schedule.describe()}};
  return recipe;
}

TEST(CptRunUnits, TrainedRunRoundTripsExactly) {
  ImageDataset data = synthetic_image_dataset(64, 20, 14, 5);
  data.content_sha256 = image_dataset_sha256(data);
  const TrainingResult trained = train_classifier(cifar_resnet_factory(small_model()), data, cyclic_recipe(2).config);
  ASSERT_FALSE(trained.numerics.empty());
  const TrainingResult read = training_result_from_json(nlohmann::json::parse(training_result_to_json(trained).dump()));
  EXPECT_EQ(read.name, trained.name);
  EXPECT_EQ(read.seed, trained.seed);
  EXPECT_EQ(read.test_correct, trained.test_correct);
  EXPECT_EQ(read.test_count, trained.test_count);
  EXPECT_EQ(read.test_accuracy_percent, trained.test_accuracy_percent);
  EXPECT_EQ(read.final_training_loss, trained.final_training_loss);
  EXPECT_EQ(read.training_bitops, trained.training_bitops);
  EXPECT_EQ(read.iterations_run, trained.iterations_run);
  EXPECT_EQ(read.operations.quantized_macs_per_image, trained.operations.quantized_macs_per_image);
  EXPECT_EQ(read.operations.full_precision_macs_per_image, trained.operations.full_precision_macs_per_image);
  EXPECT_EQ(quantization::period_counts_to_json(read.numerics), quantization::period_counts_to_json(trained.numerics));
  EXPECT_EQ(training_result_to_json(read), training_result_to_json(trained));
}

TEST(CptRunUnits, DivergedRunsNanLossRoundTrips) {
  TrainingResult diverged;
  diverged.diverged = true;
  diverged.final_training_loss = std::numeric_limits<double>::quiet_NaN();
  const TrainingResult read = training_result_from_json(nlohmann::json::parse(training_result_to_json(diverged).dump()));
  EXPECT_TRUE(read.diverged);
  EXPECT_TRUE(std::isnan(read.final_training_loss));
}

TEST(CptRunUnits, RangeTestRoundTrips) {
  PrecisionRangeTestResult result;
  result.bits = {2, 3, 4};
  result.mean_training_accuracy = {10.0, 12.5 + 1e-13, 40.0};
  result.lower_bound_bits = 4;
  const PrecisionRangeTestResult read =
      range_test_result_from_json(nlohmann::json::parse(range_test_result_to_json(result).dump()));
  EXPECT_EQ(read.bits, result.bits);
  EXPECT_EQ(read.mean_training_accuracy, result.mean_training_accuracy);
  EXPECT_EQ(read.lower_bound_bits, 4);
}

TEST(CptRunUnits, KeyChangesWithScheduleAndDataButNotWithTheHashCache) {
  ImageDataset data = synthetic_image_dataset(64, 20, 14, 5);
  const std::string uncached = training_unit_key(Tier::smoke, "cpt_versus_static", small_model(), data,
                                                 cyclic_recipe(2)).file_stem();
  data.content_sha256 = image_dataset_sha256(data);
  EXPECT_EQ(training_unit_key(Tier::smoke, "cpt_versus_static", small_model(), data, cyclic_recipe(2)).file_stem(),
            uncached);
  EXPECT_NE(training_unit_key(Tier::smoke, "cpt_versus_static", small_model(), data, cyclic_recipe(3)).file_stem(),
            uncached);
  EXPECT_NE(training_unit_key(Tier::reduced, "cpt_versus_static", small_model(), data, cyclic_recipe(2)).file_stem(),
            uncached);
  ImageDataset other = synthetic_image_dataset(64, 20, 14, 6);
  EXPECT_NE(training_unit_key(Tier::smoke, "cpt_versus_static", small_model(), other, cyclic_recipe(2)).file_stem(),
            uncached);
}

TEST(CptRunUnits, MalformedUnitIsAnInputErrorNamingTheField) {
  nlohmann::json value = training_result_to_json(TrainingResult());
  value.erase("training_bitops");
  try {
    training_result_from_json(value);
    FAIL() << "no InputError";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("training_bitops"), std::string::npos) << error.what();
  }
  EXPECT_THROW(range_test_result_from_json(nlohmann::json::object()), InputError);
}

TEST(CptRunUnits, ModelOperationsLeaveTheGlobalGeneratorAsItWas) {
  torch::manual_seed(11);
  const double expected = torch::rand({1}).item<double>();
  torch::manual_seed(11);
  const ModelOperations operations = model_operations(small_model(), {1, 14, 14});
  EXPECT_GT(operations.quantized_macs_per_image, 0);
  EXPECT_EQ(torch::rand({1}).item<double>(), expected);
}

}  // namespace
}  // namespace repro::cyclic_precision_training
