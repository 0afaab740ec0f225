// The FP16 study's run units (its full-tier trainings): a ResNet-18 run is trained once into a
// unit store and then reused, giving the same history; a plan pass trains nothing and records the
// unit; the SSD300 result round-trips; the keys tell apart the data they were trained on.
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <limits>

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "base/errors.h"
#include "common/training/result_codec.h"
#include "papers/fp16_amp_ssd_resnet/experiment_units.h"

namespace repro::fp16_amp_ssd_resnet {
namespace {

class Fp16RunUnits : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() /
                 ("repro_fp16_units_" + std::to_string(::getpid()) + "_" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(directory_);
    torch::Generator generator = at::detail::createCPUGenerator(7);
    data_.train_images = torch::rand({16, 3, 32, 32}, generator);
    data_.train_labels = torch::randint(0, 10, {16}, generator, torch::kLong);
    data_.test_images = torch::rand({8, 3, 32, 32}, generator);
    data_.test_labels = torch::randint(0, 10, {8}, generator, torch::kLong);
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  static ResNet18CifarOptions model() { return ResNet18CifarOptions().base_width(4).stem_channels(4); }
  static ResNetTrainingOptions options() {
    return ResNetTrainingOptions().epochs(1).batch_size(8).seed(5).evaluate_every_epoch(false);
  }
  std::filesystem::path directory_;
  CifarTensors data_;
};

TEST_F(Fp16RunUnits, AResNetRunIsTrainedOnceThenReusedWithTheSameHistory) {
  const UnitStore store(directory_, /*fresh=*/false);
  const std::string sha = cifar_tensors_sha256(data_);
  const training::TrainingHistory trained =
      obtain_resnet18_run(store, Tier::full, "single", model(), data_, sha, options());
  ASSERT_TRUE(trained.final_evaluation.has_value());
  EXPECT_EQ(trained.losses.size(), 2u);
  EXPECT_EQ(store.computed(), 1);
  const UnitKey key = resnet18_unit_key(Tier::full, "single", model(), data_, sha, options());
  const auto written = std::filesystem::last_write_time(store.path_of(key));
  const training::TrainingHistory reused =
      obtain_resnet18_run(store, Tier::full, "single", model(), data_, sha, options());
  EXPECT_EQ(store.reused(), 1);
  EXPECT_EQ(std::filesystem::last_write_time(store.path_of(key)), written);
  EXPECT_EQ(training::training_history_to_json(reused), training::training_history_to_json(trained));
  EXPECT_EQ(reused.final_evaluation->correct_per_example, trained.final_evaluation->correct_per_example);
}

TEST_F(Fp16RunUnits, AFinishedUnitLeavesNoCheckpointSoAFreshRunTrainsAgain) {
  std::filesystem::create_directories(directory_);
  const std::string checkpoint = (directory_ / "resnet.checkpoint").string();
  const ResNetTrainingOptions checkpointed =
      options().checkpoint_path(checkpoint).checkpoint_every_iterations(1).resume_from(checkpoint);
  const std::string sha = cifar_tensors_sha256(data_);
  const UnitStore store(directory_ / "units", /*fresh=*/false);
  const training::TrainingHistory first = obtain_resnet18_run(store, Tier::full, "single", model(), data_, sha, checkpointed);
  EXPECT_FALSE(std::filesystem::exists(checkpoint));
  const UnitStore fresh(directory_ / "units", /*fresh=*/true);
  const training::TrainingHistory again = obtain_resnet18_run(fresh, Tier::full, "single", model(), data_, sha, checkpointed);
  EXPECT_EQ(fresh.computed(), 1);
  ASSERT_TRUE(again.final_evaluation.has_value());
  EXPECT_EQ(again.losses, first.losses);  // trained from the start again, bit for bit
}

TEST_F(Fp16RunUnits, APlanPassTrainsNothingAndListsTheUnit) {
  const UnitStore plan(directory_, /*fresh=*/false, UnitPass::plan);
  const training::TrainingHistory stand_in =
      obtain_resnet18_run(plan, Tier::full, "amp", model(), data_, cifar_tensors_sha256(data_), options());
  EXPECT_TRUE(stand_in.losses.empty());
  ASSERT_TRUE(stand_in.final_evaluation.has_value());
  EXPECT_EQ(stand_in.final_evaluation->total, 8);
  ASSERT_EQ(plan.planned().size(), 1u);
  EXPECT_EQ(plan.planned()[0].key.experiment, "resnet18");
  EXPECT_GT(plan.planned()[0].estimated_seconds, 0.0);
  EXPECT_FALSE(std::filesystem::exists(directory_));
}

TEST_F(Fp16RunUnits, KeysDifferWithDataModeAndSeed) {
  const std::string sha = cifar_tensors_sha256(data_);
  const std::string stem = resnet18_unit_key(Tier::full, "single", model(), data_, sha, options()).file_stem();
  CifarTensors other = data_;
  other.train_labels = (data_.train_labels + 1).remainder(10);
  EXPECT_NE(cifar_tensors_sha256(other), sha);
  EXPECT_NE(resnet18_unit_key(Tier::full, "half", model(), data_, sha,
                              options().mode(training::PrecisionMode::fp16)).file_stem(), stem);
  EXPECT_NE(resnet18_unit_key(Tier::full, "single", model(), data_, sha, options().seed(6)).file_stem(), stem);
  // Checkpointing and the run's name do not change its result, nor its key.
  EXPECT_EQ(resnet18_unit_key(Tier::full, "single", model(), data_, sha,
                              options().checkpoint_path("/tmp/x").run_name("other")).file_stem(), stem);
}

TEST(Fp16SsdUnits, ResultRoundTripsAndSamplesHashByAnnotation) {
  SsdRunResult result;
  result.evaluation.mean_average_precision = 0.7712345678901234;
  result.evaluation.average_precision = {0.5, std::numeric_limits<double>::quiet_NaN()};
  result.evaluation.test_loss = 3.25;
  result.evaluation.images = 4952;
  result.diverged = true;
  result.divergence_reason = "loss is NaN at iteration 7";
  const SsdRunResult read = ssd_run_result_from_json(nlohmann::json::parse(ssd_run_result_to_json(result).dump()));
  EXPECT_EQ(read.evaluation.mean_average_precision, result.evaluation.mean_average_precision);
  EXPECT_EQ(read.evaluation.average_precision[0], 0.5);
  EXPECT_TRUE(std::isnan(read.evaluation.average_precision[1]));
  EXPECT_EQ(read.evaluation.images, 4952);
  EXPECT_TRUE(read.diverged);
  EXPECT_EQ(read.divergence_reason, result.divergence_reason);
  EXPECT_THROW(ssd_run_result_from_json(nlohmann::json::object()), InputError);

  data::VocSample sample;
  sample.id = "000005";
  sample.image_path = "/data/VOC2007/JPEGImages/000005.jpg";
  sample.annotation.objects.push_back({"chair", 8, 262, 210, 323, 338, false, false});
  const std::string sha = voc_samples_sha256({sample});
  data::VocSample moved = sample;
  moved.image_path = "/elsewhere/JPEGImages/000005.jpg";
  EXPECT_EQ(voc_samples_sha256({moved}), sha);  // the data's place is not its identity
  moved.annotation.objects[0].difficult = true;
  EXPECT_NE(voc_samples_sha256({moved}), sha);
}

}  // namespace
}  // namespace repro::fp16_amp_ssd_resnet
