// Checkpoints: bit-identical resume, atomic writes, corrupt files, weight files.
#include "common/training/checkpoint.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "base/errors.h"
#include "common/training/classifier_training.h"
#include "common/training/precision_plugin.h"
#include "tests/common/training/test_data.h"

namespace repro::training {
namespace {

using testing::Examples;
using testing::gaussian_blobs;
using testing::make_small_net;

class CheckpointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() /
                 ("repro-checkpoint-test-" + std::to_string(::getpid()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  std::filesystem::path directory_;
  Examples train_ = gaussian_blobs(200, 1);
  Examples test_ = gaussian_blobs(60, 2);
};

void expect_same_parameters(torch::nn::Module& first, torch::nn::Module& second) {
  const auto a = first.named_parameters();
  const auto b = second.named_parameters();
  ASSERT_EQ(a.size(), b.size());
  for (const auto& item : a) {
    EXPECT_TRUE(torch::equal(item.value(), b[item.key()])) << item.key();
  }
}

// Options of the run resumed in the tests: momentum, weight decay, dropout (global generator),
// shuffling, and a loss scaler whose state must survive too.
TrainingOptions run_options(std::int64_t max_iterations) {
  return TrainingOptions().epochs(4).batch_size(32)
      .optimizer(OptimizerOptions().learning_rate(0.05).momentum(0.9).weight_decay(1e-4).nesterov(true))
      .seed(17).max_iterations(max_iterations)
      .evaluation(EvaluationSchedule().every_iterations(4).every_epoch(true))
      .precision(std::make_shared<MixedPrecision>(
          PrecisionMode::fp32, std::make_shared<DynamicLossScaler>(LossScalerOptions().growth_interval(3))));
}

TEST_F(CheckpointTest, ResumedRunIsBitIdenticalToUninterruptedRun) {
  constexpr std::int64_t kTotal = 23;  // spans epochs: 7 batches per epoch
  for (const std::int64_t interrupted_at : {5, 7, 10}) {
    SCOPED_TRACE("interrupted after " + std::to_string(interrupted_at) + " iterations");
    auto straight = make_small_net(21, /*dropout=*/0.3);
    torch::manual_seed(1234);
    const TrainingHistory straight_history =
        train_classifier(straight, train_.images, train_.labels, test_.images, test_.labels,
                         run_options(kTotal));

    const std::filesystem::path checkpoint = directory_ / "run.ckpt";
    std::filesystem::remove(checkpoint);
    auto first_part = make_small_net(21, /*dropout=*/0.3);
    torch::manual_seed(1234);
    train_classifier(first_part, train_.images, train_.labels, test_.images, test_.labels,
                     run_options(interrupted_at).checkpointing(CheckpointOptions().path(checkpoint.string())));
    ASSERT_TRUE(std::filesystem::exists(checkpoint));

    // A new process would start from a different model and global generator state.
    auto resumed = make_small_net(999, /*dropout=*/0.3);
    torch::manual_seed(777);
    const TrainingHistory resumed_history =
        train_classifier(resumed, train_.images, train_.labels, test_.images, test_.labels,
                         run_options(kTotal).checkpointing(CheckpointOptions().resume_from(checkpoint.string())));

    expect_same_parameters(*straight, *resumed);
    EXPECT_EQ(straight_history.losses, resumed_history.losses);
    EXPECT_EQ(resumed_history.iterations_completed, kTotal);
    ASSERT_EQ(straight_history.evaluations.size(), resumed_history.evaluations.size());
    for (std::size_t i = 0; i < straight_history.evaluations.size(); ++i) {
      EXPECT_EQ(straight_history.evaluations[i].iteration,
                resumed_history.evaluations[i].iteration);
      EXPECT_EQ(straight_history.evaluations[i].result.correct,
                resumed_history.evaluations[i].result.correct);
    }
  }
}

TEST_F(CheckpointTest, RunKilledAfterPeriodicCheckpointResumesBitIdentically) {
  constexpr std::int64_t kTotal = 20;
  auto straight = make_small_net(21, /*dropout=*/0.3);
  torch::manual_seed(1234);
  const TrainingHistory straight_history = train_classifier(
      straight, train_.images, train_.labels, test_.images, test_.labels, run_options(kTotal));

  const std::filesystem::path checkpoint = directory_ / "periodic.ckpt";
  auto killed = make_small_net(21, /*dropout=*/0.3);
  torch::manual_seed(1234);
  struct Killed {};
  EXPECT_THROW(
      train_classifier(killed, train_.images, train_.labels, test_.images, test_.labels,
                       run_options(kTotal)
                           .checkpointing(CheckpointOptions().path(checkpoint.string()).every_iterations(6))
                           .hooks(IterationHooks().on_iteration_start([](IterationState& state) {
                             if (state.iteration == 15) throw Killed{};  // "killed" in iteration 15
                           }))),
      Killed);
  ASSERT_TRUE(std::filesystem::exists(checkpoint));  // the one written after iteration 12

  auto resumed = make_small_net(5, /*dropout=*/0.3);
  torch::manual_seed(4321);
  const TrainingHistory resumed_history = train_classifier(
      resumed, train_.images, train_.labels, test_.images, test_.labels,
      run_options(kTotal).checkpointing(
          CheckpointOptions().path(checkpoint.string()).every_iterations(6).resume_from(checkpoint.string())));
  expect_same_parameters(*straight, *resumed);
  EXPECT_EQ(straight_history.losses, resumed_history.losses);
  EXPECT_EQ(straight_history.evaluations.size(), resumed_history.evaluations.size());
}

// A run resumed from the checkpoint written at its end (killed after training, before its result
// was kept) trains nothing more and still has its final evaluation, per example, without a second
// evaluation record.
TEST_F(CheckpointTest, RunResumedAtItsEndStillHasItsFinalEvaluation) {
  constexpr std::int64_t kTotal = 14;  // 2 epochs: evaluated at 4, 7, 8, 12 and 14
  const std::filesystem::path checkpoint = directory_ / "end.ckpt";
  auto straight = make_small_net(21, /*dropout=*/0.3);
  torch::manual_seed(1234);
  const TrainingHistory straight_history =
      train_classifier(straight, train_.images, train_.labels, test_.images, test_.labels,
                       run_options(kTotal).checkpointing(CheckpointOptions().path(checkpoint.string())));
  ASSERT_TRUE(std::filesystem::exists(checkpoint));
  auto resumed = make_small_net(5, /*dropout=*/0.3);
  const TrainingHistory resumed_history =
      train_classifier(resumed, train_.images, train_.labels, test_.images, test_.labels,
                       run_options(kTotal).checkpointing(CheckpointOptions().resume_from(checkpoint.string())));
  EXPECT_EQ(resumed_history.losses, straight_history.losses);
  EXPECT_EQ(resumed_history.evaluations.size(), straight_history.evaluations.size());
  ASSERT_TRUE(resumed_history.final_evaluation.has_value());
  EXPECT_EQ(resumed_history.final_evaluation->correct_per_example,
            straight_history.final_evaluation->correct_per_example);
  EXPECT_EQ(resumed_history.final_evaluation->mean_loss, straight_history.final_evaluation->mean_loss);
}

TEST_F(CheckpointTest, LowLevelSaveLoadRestoresModelOptimizerAndGenerator) {
  auto model = make_small_net(3);
  torch::optim::Adam optimizer(model->parameters(), torch::optim::AdamOptions(0.01));
  // One step so the optimizer has state.
  optimizer.zero_grad();
  torch::nn::functional::cross_entropy(model->forward(train_.images), train_.labels).backward();
  optimizer.step();
  torch::manual_seed(5);
  CheckpointState state;
  state.iteration = 12;
  state.epoch = 2;
  state.batch_in_epoch = 3;
  state.shuffle_seed = 0xFEDCBA9876543210ULL;
  state.loss_scaler = LossScalerState{1024.0, 7};
  state.extra_tensors["note"] = torch::arange(4);
  const std::filesystem::path path = directory_ / "nested" / "state.ckpt";
  save_checkpoint(path, *model, &optimizer, state);
  const torch::Tensor expected_draw = torch::rand({3});

  auto other = make_small_net(4);
  torch::optim::Adam other_optimizer(other->parameters(), torch::optim::AdamOptions(0.01));
  torch::manual_seed(6);
  const CheckpointState loaded = load_checkpoint(path, *other, &other_optimizer);
  EXPECT_TRUE(torch::equal(torch::rand({3}), expected_draw));  // generator restored
  EXPECT_EQ(loaded.iteration, 12);
  EXPECT_EQ(loaded.epoch, 2);
  EXPECT_EQ(loaded.batch_in_epoch, 3);
  EXPECT_EQ(loaded.shuffle_seed, 0xFEDCBA9876543210ULL);
  ASSERT_TRUE(loaded.loss_scaler.has_value());
  EXPECT_EQ(loaded.loss_scaler->scale, 1024.0);
  EXPECT_EQ(loaded.loss_scaler->growth_tracker, 7);
  ASSERT_EQ(loaded.extra_tensors.count("note"), 1U);
  EXPECT_TRUE(torch::equal(loaded.extra_tensors.at("note"), torch::arange(4)));
  expect_same_parameters(*model, *other);

  // Same optimizer state: one more identical step keeps the two models equal.
  for (auto* pair : {&optimizer, &other_optimizer}) {
    auto& net = pair == &optimizer ? model : other;
    pair->zero_grad();
    torch::nn::functional::cross_entropy(net->forward(train_.images), train_.labels).backward();
    pair->step();
  }
  expect_same_parameters(*model, *other);
  // No temporary file left behind.
  for (const auto& entry : std::filesystem::directory_iterator(path.parent_path())) {
    EXPECT_EQ(entry.path().filename(), "state.ckpt");
  }
}

TEST_F(CheckpointTest, TruncatedOrCorruptCheckpointIsInputErrorNamingTheFile) {
  auto model = make_small_net(3);
  const std::filesystem::path path = directory_ / "good.ckpt";
  save_checkpoint(path, *model, nullptr, CheckpointState());
  const auto size = std::filesystem::file_size(path);

  const std::filesystem::path truncated = directory_ / "truncated.ckpt";
  std::filesystem::copy_file(path, truncated);
  std::filesystem::resize_file(truncated, size / 2);
  const std::filesystem::path garbage = directory_ / "garbage.ckpt";
  std::ofstream(garbage) << "this is not a checkpoint";
  const std::filesystem::path missing = directory_ / "missing.ckpt";

  for (const auto& bad : {truncated, garbage, missing}) {
    try {
      load_checkpoint(bad, *model, nullptr);
      ADD_FAILURE() << "expected InputError for " << bad;
    } catch (const InputError& error) {
      EXPECT_NE(std::string(error.what()).find(bad.string()), std::string::npos) << error.what();
    }
  }
}

TEST_F(CheckpointTest, CheckpointOfAnotherArchitectureIsInputError) {
  auto model = make_small_net(3);
  const std::filesystem::path path = directory_ / "small.ckpt";
  save_checkpoint(path, *model, nullptr, CheckpointState());
  torch::nn::Sequential other(torch::nn::Linear(2, 5));
  EXPECT_THROW(load_checkpoint(path, *other, nullptr), InputError);
  auto linear = torch::nn::Linear(2, 16);  // has "weight", "bias" but not hidden.*
  EXPECT_THROW(load_checkpoint(path, *linear, nullptr), InputError);
  // Same names, other shapes.
  struct WiderNet : torch::nn::Module {
    WiderNet()
        : hidden(register_module("hidden", torch::nn::Linear(2, 8))),
          drop(register_module("drop", torch::nn::Dropout(0.0))),
          output(register_module("output", torch::nn::Linear(8, 3))) {}
    torch::nn::Linear hidden;
    torch::nn::Dropout drop;
    torch::nn::Linear output;
  };
  WiderNet wider;
  try {
    load_checkpoint(path, wider, nullptr);
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find(path.string()), std::string::npos) << message;
    EXPECT_NE(message.find("hidden.weight has shape [16, 2] but the model expects [8, 2]"),
              std::string::npos)
        << message;
  }
}

TEST_F(CheckpointTest, StateDictRoundTripAndMismatchErrors) {
  auto model = make_small_net(3);
  const std::filesystem::path path = directory_ / "weights.pt";
  save_state_dict(path, *model);

  auto copy = make_small_net(4);
  const StateDictLoadReport report = load_state_dict(path, *copy);
  EXPECT_EQ(report.loaded_keys.size(), 4U);
  expect_same_parameters(*model, *copy);

  // Missing and unexpected keys.
  torch::nn::Sequential different(torch::nn::Linear(2, 16));
  try {
    load_state_dict(path, *different);
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find(path.string()), std::string::npos) << message;
    EXPECT_NE(message.find("missing keys 0.weight, 0.bias"), std::string::npos) << message;
    EXPECT_NE(message.find("unexpected keys hidden.bias"), std::string::npos) << message;
  }
  const StateDictLoadReport lenient =
      load_state_dict(path, *different, StateDictLoadOptions().strict(false));
  EXPECT_TRUE(lenient.loaded_keys.empty());
  EXPECT_EQ(lenient.missing_keys.size(), 2U);
  EXPECT_EQ(lenient.unexpected_keys.size(), 4U);

  // Shape mismatch.
  struct WiderNet : torch::nn::Module {
    WiderNet()
        : hidden(register_module("hidden", torch::nn::Linear(2, 8))),
          output(register_module("output", torch::nn::Linear(8, 3))) {}
    torch::nn::Linear hidden, output;
  };
  WiderNet wider;
  try {
    load_state_dict(path, wider);
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("hidden.weight has shape [16, 2] but the model expects [8, 2]"),
              std::string::npos)
        << message;
  }

  // Not a weights file.
  const std::filesystem::path garbage = directory_ / "garbage.pt";
  std::ofstream(garbage) << "garbage";
  EXPECT_THROW(load_state_dict(garbage, *copy), InputError);
  EXPECT_THROW(load_state_dict(directory_ / "absent.pt", *copy), InputError);
}

}  // namespace
}  // namespace repro::training
