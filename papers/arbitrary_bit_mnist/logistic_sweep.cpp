#include "papers/arbitrary_bit_mnist/logistic_sweep.h"

#include <ostream>
#include <string>

#include <fmt/format.h>

#include "common/study_context.h"
#include "papers/arbitrary_bit_mnist/bit_training.h"
#include "papers/arbitrary_bit_mnist/sweep_plots.h"
#include "stats/equivalence_test.h"
#include "stats/t_test.h"

namespace repro::arbitrary_bit_mnist {

LogisticSweep run_logistic_sweep(const LogisticPlan& plan, const MnistTensors& data,
                                 std::uint64_t seed, std::ostream& log) {
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
      const RunResult run = train_at_bits(config, subset);
      sweep.accuracy[bits].push_back(run.final_accuracy);
      sweep.duration_seconds += run.duration_seconds;
    }
    log << fmt::format("  logistic regression, {:2d} bits: mean accuracy {:.2f}% over {} trials\n",
                       bits, 100.0 * mean_of(sweep.accuracy[bits]), plan.trials);
  }
  return sweep;
}

void report_logistic_sweep(StudyContext& context, const LogisticSweep& sweep) {
  context.add_plot({{"id", "logistic_accuracy_against_bits"},
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
  context.add_table({{"id", "logistic_accuracy_against_bits"},
                     {"title", "Logistic regression accuracy against bit size"},
                     {"columns", {"model", "bits", "mean accuracy %", "95% CI", "trials"}},
                     {"rows", accuracy_rows("logistic regression", sweep.accuracy)}});
  context.add_timing("logistic_sweep", "s", {sweep.duration_seconds});
}

// Rule: the curve rises to a plateau at float32's accuracy:
//   (a) the smallest swept bit size is significantly below float32 (Welch t, p < 0.05) by more
//       than 1 point, and
//   (b) a plateau: N_LR, the smallest bit size from which every swept size has mean accuracy
//       within 1 point of float32, is below 32, and every swept size from N_LR to 31 is
//       equivalent to float32 within ±1 point (Welch TOST, α = 0.05).
void decide_logistic_curve(StudyContext& context, const LogisticSweep& sweep) {
  const std::string claim = "logistic_accuracy_against_bits";
  if (!context.should_decide(claim)) return;
  const auto& float32 = sweep.accuracy.at(32);
  const auto& [lowest_bits, lowest] = *sweep.accuracy.begin();
  const auto deficit = stats::welch_t_test(float32, lowest);
  const bool rises = deficit.p_value < 0.05 && deficit.mean_difference > 0.01;
  const int plateau_bits = inflection_bits(sweep.accuracy, 0.01);
  bool plateau = plateau_bits < 32;
  nlohmann::json equivalence = nlohmann::json::object();
  for (const auto& [bits, values] : sweep.accuracy) {
    if (bits < plateau_bits || bits == 32) continue;
    const auto test = stats::welch_equivalence_test(values, float32, 0.01, 0.05);
    equivalence[std::to_string(bits)] = {{"p_value", test.p_value}, {"equivalent", test.equivalent}};
    plateau = plateau && test.equivalent;
  }
  nlohmann::json means = nlohmann::json::object();
  for (const auto& [bits, values] : sweep.accuracy) means[std::to_string(bits)] = mean_of(values);
  context.decide(
      claim,
      decide_by(rises && plateau)
          .measured({{"mean_accuracy_by_bits", means},
                     {"trials_per_bit_size", float32.size()},
                     {"lowest_bits", lowest_bits},
                     {"deficit_at_lowest_bits", deficit.mean_difference},
                     {"deficit_p_value", deficit.p_value},
                     {"plateau_bits", plateau_bits},
                     {"plateau_equivalence_to_float32", equivalence}})
          .rule("(a) the smallest swept bit size is below float32 by > 1 point with Welch p < "
                "0.05, and (b) N_LR, the smallest N from which every swept size's mean is within "
                "1 point of float32, is < 32 and each size from N_LR to 31 is equivalent to "
                "float32 within ±1 point (Welch TOST, alpha 0.05)")
          .reason(fmt::format(
              "{} bits: {:.2f}% against float32's {:.2f}% (p = {:.2g}); accuracy reaches "
              "float32's (within 1 point) from {} bits{}",
              lowest_bits, 100.0 * mean_of(lowest), 100.0 * mean_of(float32), deficit.p_value,
              plateau_bits, plateau ? ", equivalent by TOST" : ", but not equivalent by TOST")));
}

}  // namespace repro::arbitrary_bit_mnist
