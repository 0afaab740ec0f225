// result_codec: the harness's results survive a run unit's JSON file (written as text, parsed
// back) bit for bit, non-finite losses included; malformed input is an InputError.
#include "common/training/result_codec.h"

#include <cmath>
#include <cstring>
#include <limits>

#include <gtest/gtest.h>

#include "base/errors.h"
#include "common/quantization/numerics_telemetry.h"

namespace repro::training {
namespace {

using nlohmann::json;

json through_text(const json& value) { return json::parse(value.dump()); }

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

void expect_same_doubles(const std::vector<double>& a, const std::vector<double>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_TRUE(same_bits(a[i], b[i]) || (std::isnan(a[i]) && std::isnan(b[i]))) << i << ": " << a[i] << " vs " << b[i];
  }
}

EvaluationResult evaluation(double accuracy) {
  EvaluationResult result;
  result.accuracy = accuracy;
  result.correct = 2;
  result.total = 3;
  result.mean_loss = 0.1 + 0.2;  // not exactly representable in decimal: must round-trip anyway
  result.correct_per_example = {1, 0, 1};
  return result;
}

void expect_same_evaluation(const EvaluationResult& a, const EvaluationResult& b) {
  EXPECT_TRUE(same_bits(a.accuracy, b.accuracy));
  EXPECT_EQ(a.correct, b.correct);
  EXPECT_EQ(a.total, b.total);
  EXPECT_TRUE(same_bits(a.mean_loss, b.mean_loss));
  EXPECT_EQ(a.correct_per_example, b.correct_per_example);
}

TEST(ResultCodecTest, NonFiniteDoublesRoundTrip) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<double> values = {1.0 / 3.0, -0.0, 5e-324, 1.7976931348623157e308, nan, inf, -inf};
  expect_same_doubles(values, doubles_from_json(through_text(doubles_to_json(values))));
  EXPECT_THROW(double_from_json(json("infinite")), InputError);
  EXPECT_THROW(doubles_from_json(json(3)), InputError);
}

TEST(ResultCodecTest, TrainingHistoryRoundTrips) {
  TrainingHistory history;
  history.run_name = "resnet18 amp-fp16";
  history.losses = {2.3, 1.0 / 7.0, std::numeric_limits<double>::quiet_NaN()};
  history.evaluations = {{10, 1, evaluation(2.0 / 3.0)}, {20, 2, evaluation(0.125)}};
  history.evaluations[1].result.correct_per_example.clear();
  history.final_evaluation = evaluation(1.0 / 3.0);
  history.iterations_completed = 20;
  history.epochs_completed = 2;
  history.skipped_steps = 4;
  history.wall_duration_ms = 1234.5678;
  history.training_duration_ms = 1000.25;
  history.diverged = true;
  history.divergence_iteration = 19;
  history.divergence_reason = "loss is nan";
  quantization::NumericsPeriod period;
  period.iteration = 10;
  period.epoch = 1.0 / 3.0;
  history.numerics = {period};

  const TrainingHistory back = training_history_from_json(through_text(training_history_to_json(history)));
  EXPECT_EQ(back.run_name, history.run_name);
  expect_same_doubles(back.losses, history.losses);
  ASSERT_EQ(back.evaluations.size(), 2U);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(back.evaluations[i].iteration, history.evaluations[i].iteration);
    EXPECT_EQ(back.evaluations[i].epoch, history.evaluations[i].epoch);
    expect_same_evaluation(back.evaluations[i].result, history.evaluations[i].result);
  }
  ASSERT_TRUE(back.final_evaluation.has_value());
  expect_same_evaluation(*back.final_evaluation, *history.final_evaluation);
  EXPECT_EQ(back.iterations_completed, 20);
  EXPECT_EQ(back.epochs_completed, 2);
  EXPECT_EQ(back.skipped_steps, 4);
  EXPECT_TRUE(same_bits(back.wall_duration_ms, history.wall_duration_ms));
  EXPECT_TRUE(same_bits(back.training_duration_ms, history.training_duration_ms));
  EXPECT_TRUE(back.diverged);
  EXPECT_EQ(back.divergence_iteration, std::optional<std::int64_t>(19));
  EXPECT_EQ(back.divergence_reason, "loss is nan");
  EXPECT_EQ(quantization::period_counts_to_json(back.numerics), quantization::period_counts_to_json(history.numerics));

  TrainingHistory empty;
  const TrainingHistory empty_back = training_history_from_json(through_text(training_history_to_json(empty)));
  EXPECT_FALSE(empty_back.final_evaluation.has_value());
  EXPECT_FALSE(empty_back.divergence_iteration.has_value());
}

TEST(ResultCodecTest, StepTimingRoundTripsWithItsSummary) {
  StepTiming timing;
  timing.samples_ms = {3.25, 1.0 / 3.0, 2.5, 7.0, 2.75, 3.0};
  timing.clock = "cuda-event";
  timing.summary_ms = stats::summarize_timings(timing.samples_ms);
  const StepTiming back = step_timing_from_json(through_text(step_timing_to_json(timing)));
  expect_same_doubles(back.samples_ms, timing.samples_ms);
  EXPECT_EQ(back.clock, "cuda-event");
  EXPECT_TRUE(same_bits(back.summary_ms.median, timing.summary_ms.median));
  EXPECT_TRUE(same_bits(back.summary_ms.median_interval.lower, timing.summary_ms.median_interval.lower));
  EXPECT_EQ(back.summary_ms.count, 6);
}

TEST(ResultCodecTest, MalformedInputNamesWhatWasRead) {
  json value = evaluation_result_to_json(evaluation(0.5));
  value.erase("total");
  try {
    evaluation_result_from_json(value);
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("malformed evaluation"), std::string::npos) << error.what();
  }
  value = evaluation_result_to_json(evaluation(0.5));
  value["correct_per_example"] = "10x";
  EXPECT_THROW(evaluation_result_from_json(value), InputError);
  EXPECT_THROW(training_history_from_json(json::object()), InputError);
  EXPECT_THROW(step_timing_from_json(json{{"samples_ms", {1.0}}}), InputError);
}

}  // namespace
}  // namespace repro::training
