#include "papers/arbitrary_bit_mnist/logistic_sweep.h"

#include <iterator>
#include <ostream>
#include <string>

#include <fmt/format.h>

#include "common/study_context.h"
#include "papers/arbitrary_bit_mnist/bit_training.h"
#include "papers/arbitrary_bit_mnist/claim_ids.h"
#include "papers/arbitrary_bit_mnist/sweep_plots.h"
#include "stats/t_test.h"

namespace repro::arbitrary_bit_mnist {

LogisticSweep run_logistic_sweep(const LogisticPlan& plan, const MnistTensors& data,
                                 std::uint64_t seed, std::ostream& log, const BitRunUnits& units) {
  MnistTensors subset = data;
  subset.train_images = data.train_images.slice(0, 0, plan.train_images);
  subset.train_labels = data.train_labels.slice(0, 0, plan.train_images);
  subset.test_images = data.test_images.slice(0, 0, plan.test_images);
  subset.test_labels = data.test_labels.slice(0, 0, plan.test_images);
  LogisticSweep sweep;
  for (int bits : plan.bits) {
    for (int trial = 0; trial < plan.trials; ++trial) {
      RunConfig config;
      config.shape = NetworkShape::logistic_regression();
      config.bits = bits;
      config.learning_rate = plan.learning_rate;
      config.batch_size = plan.batch_size;
      config.iterations = plan.iterations;
      config.seed = seed + static_cast<std::uint64_t>(trial);
      const RunResult run = train_unit_at_bits(units, "logistic", config, subset);
      sweep.accuracy[bits].push_back(run.final_accuracy);
      sweep.duration_seconds += run.duration_seconds;
    }
    log << fmt::format("  logistic regression, {:2d} bits: mean accuracy {:.2f}% over {} trials\n",
                       bits, 100.0 * mean_of(sweep.accuracy[bits]), plan.trials);
  }
  return sweep;
}

void report_logistic_sweep(StudyContext& context, const LogisticSweep& sweep) {
  context.add_plot({{"id", kLogisticAccuracyAgainstBits.str()},  // the plot of the claim
                    {"title", "Logistic regression: test accuracy after 1,000 iterations"},
                    {"x_label", "bits kept (mask:N; 32 = float32)"},
                    {"y_label", "test accuracy (%)"},
                    {"kind", "line"},
                    {"series", nlohmann::json::array({accuracy_against_bits_series(
                                   "weights and biases truncated", sweep.accuracy)})},
                    {"caption", "Source: " +
                                    context.published().entry("logistic_iterations").at("provenance").get<std::string>() +
                                    "; the slide's curve has no printed values to draw. Ours: mean over trials; "
                                    "error bars are 95% t intervals over trials."}});
  context.add_table({{"id", kLogisticAccuracyAgainstBits.str()},
                     {"title", "Logistic regression accuracy against bit size"},
                     {"columns", {"model", "bits", "mean accuracy %", "95% CI", "trials"}},
                     {"rows", accuracy_rows("logistic regression", sweep.accuracy)}});
  context.add_timing("logistic_sweep", "s", {sweep.duration_seconds});
}

// "Accuracy after 1,000 iterations rises with bit size to float32's": (a) float32 above the
// smallest swept bit size by more than 1 point (Welch interval), and (b) the largest swept size
// below 32 equivalent to float32 within ±1 point (Welch interval). Both thresholds are practical
// margins stated with the rule before any run (the slides print no accuracies). At every tier
// that runs the slides' 1,000 iterations the budget suffices (logistic_budget).
void decide_logistic_curve(StudyContext& context, const LogisticPlan& plan, const LogisticSweep& sweep) {
  const ClaimId claim = kLogisticAccuracyAgainstBits;
  if (!context.should_decide(claim)) return;
  const auto& float32 = sweep.accuracy.at(32);
  const auto& [lowest_bits, lowest] = *sweep.accuracy.begin();
  const auto& [highest_bits, highest] = *std::prev(sweep.accuracy.find(32));
  const Margin margin{1.0, "points",
                      "practical margin stated with the rule before any run: within one point of float32's "
                      "accuracy counts as float32's (the slides print no accuracies)"};
  nlohmann::json means = nlohmann::json::object();
  for (const auto& [bits, values] : sweep.accuracy) means[std::to_string(bits)] = mean_of(values);
  const TierBudget budget =
      logistic_budget(plan, static_cast<std::int64_t>(context.published().number("logistic_iterations")));
  context.decide(claim, budget.limit(logistic_rise_rule(lowest, highest, float32, 1.0, margin)
                                         .measured({{"mean_accuracy_by_bits", means},
                                                    {"trials_per_bit_size", float32.size()},
                                                    {"lowest_bits", lowest_bits},
                                                    {"highest_bits_below_32", highest_bits},
                                                    {"first_bits_within_1_point_of_float32",
                                                     inflection_bits(sweep.accuracy, 0.01)},
                                                    {"tier_budget", budget.description()}})));
}

}  // namespace repro::arbitrary_bit_mnist
