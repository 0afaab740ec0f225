// The training loop: learning, determinism, divergence handling, evaluation, hooks.
#include "common/training/classifier_training.h"

#include <cmath>
#include <limits>
#include <vector>

#include <gtest/gtest.h>

#include "base/errors.h"
#include "common/quantization/precision_policy.h"
#include "common/quantization/quantized_linear.h"
#include "common/quantization/training_precision.h"
#include "tests/common/training/test_data.h"

namespace repro::training {
namespace {

using testing::Examples;
using testing::gaussian_blobs;
using testing::make_small_net;

class ClassifierTrainingTest : public ::testing::Test {
 protected:
  Examples train_ = gaussian_blobs(300, 1);
  Examples test_ = gaussian_blobs(150, 2);
};

TEST_F(ClassifierTrainingTest, LearnsSeparableBlobs) {
  auto model = make_small_net(7);
  const EvaluationResult before = evaluate_classifier(model.ptr(), test_.images, test_.labels);
  const TrainingHistory history = train_classifier(
      model, train_.images, train_.labels, test_.images, test_.labels,
      TrainingOptions().epochs(5).batch_size(30).optimizer(OptimizerOptions().learning_rate(0.1).momentum(0.9)).seed(3));
  EXPECT_FALSE(history.diverged);
  EXPECT_EQ(history.iterations_completed, 50);
  EXPECT_EQ(history.epochs_completed, 5);
  ASSERT_EQ(history.losses.size(), 50U);
  ASSERT_EQ(history.evaluations.size(), 5U);  // one per epoch
  for (std::size_t i = 0; i < history.evaluations.size(); ++i) {
    EXPECT_EQ(history.evaluations[i].iteration, static_cast<std::int64_t>(10 * (i + 1)));
    EXPECT_EQ(history.evaluations[i].epoch, static_cast<std::int64_t>(i + 1));
  }
  ASSERT_TRUE(history.final_evaluation.has_value());
  EXPECT_GT(history.final_evaluation->accuracy, 0.95);
  EXPECT_GT(history.final_evaluation->accuracy, before.accuracy);
  EXPECT_LT(history.losses.back(), 0.5 * history.losses.front());
  EXPECT_GT(history.wall_duration_ms, 0.0);
  EXPECT_LE(history.training_duration_ms, history.wall_duration_ms);
  EXPECT_TRUE(model->is_training());
}

TEST_F(ClassifierTrainingTest, SameSeedGivesIdenticalLossesAndWeights) {
  const auto run = [&](std::uint64_t shuffle_seed) {
    auto model = make_small_net(11, /*dropout=*/0.2);
    torch::manual_seed(99);  // dropout draws from the global generator
    TrainingHistory history = train_classifier(
        model, train_.images, train_.labels, test_.images, test_.labels,
        TrainingOptions().epochs(2).batch_size(32).optimizer(OptimizerOptions().learning_rate(0.05).momentum(0.9))
            .seed(shuffle_seed));
    return std::make_pair(history, model);
  };
  const auto [first, first_model] = run(5);
  const auto [second, second_model] = run(5);
  const auto [other, other_model] = run(6);
  ASSERT_EQ(first.losses.size(), second.losses.size());
  for (std::size_t i = 0; i < first.losses.size(); ++i) {
    EXPECT_EQ(first.losses[i], second.losses[i]) << "iteration " << i;  // bit-identical
  }
  EXPECT_TRUE(torch::equal(first_model->output->weight, second_model->output->weight));
  EXPECT_NE(first.losses, other.losses);  // another shuffle seed, another order
}

TEST_F(ClassifierTrainingTest, NonFiniteLossIsRecordedAndStopsTraining) {
  auto model = make_small_net(3);
  std::int64_t iterations_seen = 0;
  const TrainingHistory history = train_classifier(
      model, train_.images, train_.labels, test_.images, test_.labels,
      TrainingOptions().epochs(3).batch_size(30).run_name("nan-run")
          .loss_function([](const torch::Tensor& logits, const torch::Tensor& labels) {
            return torch::nn::functional::cross_entropy(logits, labels);
          })
          .hooks(IterationHooks().on_iteration_start([&](IterationState& state) {
            ++iterations_seen;
            if (state.iteration == 4) state.images = state.images * std::nan("");
          })));
  EXPECT_TRUE(history.diverged);
  ASSERT_TRUE(history.divergence_iteration.has_value());
  EXPECT_EQ(*history.divergence_iteration, 4);
  EXPECT_EQ(history.divergence_reason, "loss is nan");
  EXPECT_EQ(history.iterations_completed, 4);
  EXPECT_EQ(iterations_seen, 5);
  ASSERT_EQ(history.losses.size(), 5U);
  EXPECT_TRUE(std::isnan(history.losses.back()));
  // The weights were not touched by the bad batch.
  for (const auto& parameter : model->parameters()) {
    EXPECT_TRUE(torch::isfinite(parameter).all().item<bool>());
  }
}

TEST_F(ClassifierTrainingTest, NonFiniteParameterIsDivergence) {
  auto model = make_small_net(3);
  const TrainingHistory history = train_classifier(
      model, train_.images, train_.labels, test_.images, test_.labels,
      TrainingOptions().epochs(1).batch_size(30).hooks(IterationHooks().on_iteration_end([](IterationState& state) {
        if (state.iteration == 2) {
          torch::NoGradGuard no_grad;
          state.module->named_parameters()["output.bias"].fill_(
              std::numeric_limits<float>::infinity());
        }
      })));
  EXPECT_TRUE(history.diverged);
  EXPECT_EQ(history.divergence_iteration.value_or(-1), 2);
  EXPECT_NE(history.divergence_reason.find("output.bias"), std::string::npos)
      << history.divergence_reason;
}

TEST_F(ClassifierTrainingTest, ThrowOnDivergenceNamesRunAndIteration) {
  auto model = make_small_net(3);
  try {
    train_classifier(model, train_.images, train_.labels, test_.images, test_.labels,
                     TrainingOptions().epochs(1).batch_size(30).run_name("fp8 run 2")
                         .divergence(DivergenceOptions().throw_error(true))
                         .hooks(IterationHooks().on_iteration_start([](IterationState& state) {
                           if (state.iteration == 6) state.images.fill_(INFINITY);
                         })));
    FAIL() << "expected DivergenceError";
  } catch (const DivergenceError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("fp8 run 2"), std::string::npos) << message;
    EXPECT_NE(message.find("iteration 6"), std::string::npos) << message;
  }
}

TEST_F(ClassifierTrainingTest, HugeLearningRateDivergesWithoutCrashing) {
  auto model = make_small_net(3);
  const TrainingHistory history = train_classifier(
      model, train_.images, train_.labels, test_.images, test_.labels,
      TrainingOptions().epochs(20).batch_size(30).optimizer(OptimizerOptions().learning_rate(1e30))
          .evaluation(EvaluationSchedule().every_epoch(false)));
  EXPECT_TRUE(history.diverged);
  EXPECT_LT(history.iterations_completed, 200);
  EXPECT_EQ(history.evaluations.size(), 1U);  // evaluate_at_end still reports an accuracy
}

TEST_F(ClassifierTrainingTest, MaxIterationsAndPeriodicEvaluation) {
  auto model = make_small_net(4);
  const TrainingHistory history = train_classifier(
      model, train_.images, train_.labels, test_.images, test_.labels,
      TrainingOptions().epochs(100).batch_size(64).max_iterations(13)
          .evaluation(EvaluationSchedule().every_iterations(5).every_epoch(false)
                          .keep_correctness_of_every_evaluation(true)));
  EXPECT_EQ(history.iterations_completed, 13);
  EXPECT_EQ(history.epochs_completed, 2);  // 5 batches per epoch (last one of 44 examples)
  ASSERT_EQ(history.evaluations.size(), 3U);  // at 5, 10 and the end (13)
  EXPECT_EQ(history.evaluations[0].iteration, 5);
  EXPECT_EQ(history.evaluations[1].iteration, 10);
  EXPECT_EQ(history.evaluations[2].iteration, 13);
  EXPECT_EQ(history.evaluations[0].result.correct_per_example.size(), 150U);
}

TEST_F(ClassifierTrainingTest, DropLastAndBatchSizes) {
  auto model = make_small_net(4);
  std::vector<std::int64_t> batch_sizes;
  train_classifier(model, train_.images, train_.labels, test_.images, test_.labels,
                   TrainingOptions().epochs(1).batch_size(64).drop_last(true)
                       .hooks(IterationHooks().on_iteration_start([&](IterationState& state) {
                         batch_sizes.push_back(state.images.size(0));
                       })));
  EXPECT_EQ(batch_sizes, (std::vector<std::int64_t>{64, 64, 64, 64}));
}

TEST_F(ClassifierTrainingTest, EachEpochVisitsEveryExampleOnceInAFreshOrder) {
  auto model = make_small_net(4);
  const torch::Tensor identities = torch::arange(300, torch::kFloat).unsqueeze(1).repeat({1, 2});
  std::vector<std::vector<std::int64_t>> orders(2);
  train_classifier(model, identities, train_.labels, test_.images, test_.labels,
                   TrainingOptions().epochs(2).batch_size(50).seed(8).optimizer(OptimizerOptions().learning_rate(0.0))
                       .hooks(IterationHooks().on_iteration_start([&](IterationState& state) {
                         const torch::Tensor ids = state.images.select(1, 0).to(torch::kLong);
                         for (std::int64_t i = 0; i < ids.size(0); ++i) {
                           orders[state.epoch].push_back(ids[i].item<std::int64_t>());
                         }
                       })));
  for (const auto& order : orders) {
    std::vector<std::int64_t> sorted = order;
    std::sort(sorted.begin(), sorted.end());
    std::vector<std::int64_t> expected(300);
    std::iota(expected.begin(), expected.end(), 0);
    EXPECT_EQ(sorted, expected);
  }
  EXPECT_NE(orders[0], orders[1]);
}

TEST_F(ClassifierTrainingTest, HooksAndScheduleSeeEveryIteration) {
  auto model = make_small_net(4);
  std::vector<std::string> events;
  std::vector<double> learning_rates;
  train_classifier(
      model, train_.images, train_.labels, test_.images, test_.labels,
      TrainingOptions().epochs(1).batch_size(100)
          .optimizer(OptimizerOptions().learning_rate_schedule([](std::int64_t iteration, std::int64_t) {
            return 0.1 / static_cast<double>(iteration + 1);
          }))
          .hooks(IterationHooks()
          .on_iteration_start([&](IterationState& state) {
            events.push_back("start " + std::to_string(state.iteration));
          })
          .after_backward([&](IterationState& state) {
            EXPECT_TRUE(state.module->named_parameters()["hidden.weight"].grad().defined());
            events.push_back("backward " + std::to_string(state.iteration));
          })
          .on_iteration_end([&](IterationState& state) {
            learning_rates.push_back(state.optimizer->param_groups()[0].options().get_lr());
            EXPECT_TRUE(std::isfinite(state.loss_value));
            events.push_back("end " + std::to_string(state.iteration));
          })));
  EXPECT_EQ(events, (std::vector<std::string>{"start 0", "backward 0", "end 0", "start 1",
                                              "backward 1", "end 1", "start 2", "backward 2",
                                              "end 2"}));
  EXPECT_EQ(learning_rates, (std::vector<double>{0.1, 0.05, 0.1 / 3.0}));
}

TEST_F(ClassifierTrainingTest, RequestStopEndsTraining) {
  auto model = make_small_net(4);
  const TrainingHistory history = train_classifier(
      model, train_.images, train_.labels, test_.images, test_.labels,
      TrainingOptions().epochs(5).batch_size(30).hooks(IterationHooks().on_iteration_end([](IterationState& state) {
        state.request_stop = state.iteration == 2;
      })));
  EXPECT_EQ(history.iterations_completed, 3);
  EXPECT_FALSE(history.diverged);
}

TEST_F(ClassifierTrainingTest, AdamAndOptimizerFactory) {
  auto adam_model = make_small_net(5);
  const TrainingHistory adam = train_classifier(
      adam_model, train_.images, train_.labels, test_.images, test_.labels,
      TrainingOptions().epochs(3).batch_size(30).optimizer(OptimizerOptions().kind(OptimizerKind::adam)
          .learning_rate(0.01)));
  EXPECT_GT(adam.final_evaluation->accuracy, 0.9);

  bool factory_called = false;
  auto factory_model = make_small_net(5);
  const TrainingHistory factory = train_classifier(
      factory_model, train_.images, train_.labels, test_.images, test_.labels,
      TrainingOptions().epochs(3).batch_size(30).optimizer(OptimizerOptions().factory(
          [&](std::vector<torch::Tensor> parameters) -> std::unique_ptr<torch::optim::Optimizer> {
            factory_called = true;
            return std::make_unique<torch::optim::Adam>(std::move(parameters),
                                                        torch::optim::AdamOptions(0.01));
          })));
  EXPECT_TRUE(factory_called);
  EXPECT_EQ(adam.losses, factory.losses);  // the same optimizer, built either way
}

TEST_F(ClassifierTrainingTest, TrainsModelsBuiltFromQuantizedLayers) {
  struct QuantizedNet : torch::nn::Module {
    explicit QuantizedNet(std::shared_ptr<quantization::TrainingPrecision> precision)
        : hidden(register_module("hidden", quantization::QuantizedLinear(
                                               torch::nn::LinearOptions(2, 16), precision))),
          output(register_module("output", quantization::QuantizedLinear(
                                               torch::nn::LinearOptions(16, 3), precision))) {}
    torch::Tensor forward(const torch::Tensor& x) { return output(torch::relu(hidden(x))); }
    quantization::QuantizedLinear hidden, output;
  };
  torch::manual_seed(2);
  auto precision = std::make_shared<quantization::TrainingPrecision>(
      quantization::parse_precision_policy("all=fixed:16:8"), 1);
  auto model = std::make_shared<QuantizedNet>(precision);
  const TrainingHistory history = train_classifier(
      model, train_.images, train_.labels, test_.images, test_.labels,
      TrainingOptions().epochs(4).batch_size(30).optimizer(OptimizerOptions().learning_rate(0.1).momentum(0.9))
          .hooks(IterationHooks()
                     .on_iteration_start([&](IterationState& state) {
                       precision->set_iteration(state.iteration);
                     })
                     .after_backward([&](IterationState&) {
                       model->hidden->quantize_gradients();
                       model->output->quantize_gradients();
                     })));
  EXPECT_FALSE(history.diverged);
  EXPECT_GT(history.final_evaluation->accuracy, 0.9);
}

TEST(EvaluateClassifierTest, CountsAndPerExampleCorrectness) {
  // A fixed linear "model": class = argmax of [x, -x, 0].
  auto model = torch::nn::Linear(torch::nn::LinearOptions(1, 3).bias(false));
  {
    torch::NoGradGuard no_grad;
    model->weight.copy_(torch::tensor({{1.0F}, {-1.0F}, {0.0F}}));
  }
  const torch::Tensor images = torch::tensor({{2.0F}, {-3.0F}, {1.0F}, {-1.0F}, {5.0F}});
  const torch::Tensor labels = torch::tensor({0, 1, 1, 1, 2}, torch::kLong);
  const EvaluationResult result = evaluate_classifier(model.ptr(), images, labels, 2);
  EXPECT_EQ(result.total, 5);
  EXPECT_EQ(result.correct, 3);
  EXPECT_DOUBLE_EQ(result.accuracy, 0.6);
  EXPECT_EQ(result.correct_per_example, (std::vector<std::uint8_t>{1, 1, 0, 1, 0}));
  const torch::Tensor logits = model->forward(images);
  const double expected_loss = torch::nn::functional::cross_entropy(logits, labels).item<double>();
  EXPECT_NEAR(result.mean_loss, expected_loss, 1e-6);

  EvaluationResult other = result;
  other.correct_per_example = {1, 0, 1, 1, 0};
  const DiscordantCounts counts = count_discordant(result, other);
  EXPECT_EQ(counts.both_correct, 2);
  EXPECT_EQ(counts.only_first_correct, 1);
  EXPECT_EQ(counts.only_second_correct, 1);
  EXPECT_EQ(counts.both_wrong, 1);
  other.correct_per_example.pop_back();
  EXPECT_THROW(count_discordant(result, other), InputError);
}

TEST(EvaluateClassifierTest, RestoresTrainingModeAndRejectsBadInput) {
  auto model = make_small_net(1);
  model->train();
  const Examples data = gaussian_blobs(10, 3);
  evaluate_classifier(model.ptr(), data.images, data.labels);
  EXPECT_TRUE(model->is_training());
  EXPECT_THROW(evaluate_classifier(model.ptr(), data.images, data.labels.slice(0, 0, 5)),
               InputError);
  EXPECT_THROW(evaluate_classifier(model.ptr(), data.images, data.labels.to(torch::kFloat)),
               InputError);
}

TEST(TrainClassifierOptionsTest, RejectsBadOptions) {
  auto model = make_small_net(1);
  const Examples data = gaussian_blobs(10, 3);
  EXPECT_THROW(train_classifier(model, data.images, data.labels, data.images, data.labels,
                                TrainingOptions().batch_size(0)),
               InputError);
  EXPECT_THROW(train_classifier(model, data.images, data.labels, data.images, data.labels,
                                TrainingOptions().batch_size(20).drop_last(true)),
               InputError);
  EXPECT_THROW(train_classifier(model, data.images, data.labels, data.images, data.labels,
                                TrainingOptions().checkpointing(CheckpointOptions().every_iterations(5))),
               InputError);
}

TEST(IterationsToReachTest, FirstEvaluationAtOrAboveTarget) {
  TrainingHistory history;
  for (const auto& [iteration, accuracy] :
       std::vector<std::pair<std::int64_t, double>>{{10, 0.5}, {20, 0.8}, {30, 0.7}, {40, 0.9}}) {
    EvaluationRecord record;
    record.iteration = iteration;
    record.result.accuracy = accuracy;
    history.evaluations.push_back(record);
  }
  EXPECT_EQ(iterations_to_reach(history, 0.8), 20);
  EXPECT_EQ(iterations_to_reach(history, 0.85), 40);
  EXPECT_EQ(iterations_to_reach(history, 0.95), std::nullopt);
}

}  // namespace
}  // namespace repro::training
