#include "papers/arbitrary_bit_mnist/cnn_bit_sweep.h"

#include <algorithm>
#include <ostream>
#include <string>

#include <fmt/format.h>

#include "common/study_context.h"
#include "papers/arbitrary_bit_mnist/sweep_plots.h"
#include "stats/binomial_interval.h"

namespace repro::arbitrary_bit_mnist {
namespace {

MnistTensors subset_of(const MnistTensors& data, const CnnPlan& plan) {
  MnistTensors subset = data;
  subset.train_images = data.train_images.slice(0, 0, plan.train_images);
  subset.train_labels = data.train_labels.slice(0, 0, plan.train_images);
  subset.test_images = data.test_images.slice(0, 0, plan.test_images);
  subset.test_labels = data.test_labels.slice(0, 0, plan.test_images);
  return subset;
}

RunConfig config_for(const CnnPlan& plan, int bits, BitRounding rounding, Truncated truncated,
                     std::uint64_t seed) {
  RunConfig config;
  config.shape = plan.shape;
  config.bits = bits;
  config.rounding = rounding;
  config.truncated = truncated;
  config.learning_rate = plan.learning_rate;
  config.batch_size = plan.batch_size;
  const std::int64_t batches_per_epoch = plan.train_images / plan.batch_size;
  config.iterations = plan.epochs * batches_per_epoch;
  config.evaluate_every = std::max<std::int64_t>(1, batches_per_epoch / plan.evaluations_per_epoch);
  config.evaluation_images = plan.evaluation_images;
  config.seed = seed;
  return config;
}

// Epochs until the curve first reaches the target; runs that never do are censored at one
// evaluation interval past the budget (which understates any speed-up of the other run).
double epochs_to_target(const RunResult& run, const CnnPlan& plan) {
  const auto reached = first_time_reaching(run.epochs, run.accuracy, plan.target_accuracy);
  if (reached) return *reached;
  return static_cast<double>(plan.epochs) + 1.0 / static_cast<double>(plan.evaluations_per_epoch);
}

bool converged(const RunResult& run, const CnnPlan& plan) {
  return first_time_reaching(run.epochs, run.accuracy, plan.target_accuracy).has_value();
}

std::vector<RunResult> run_seeds(const CnnPlan& plan, const MnistTensors& data, int bits,
                                 BitRounding rounding, Truncated truncated, std::uint64_t seed,
                                 CnnSweep& sweep, std::ostream& log) {
  std::vector<RunResult> runs;
  for (int s = 0; s < plan.seeds; ++s) {
    runs.push_back(train_at_bits(config_for(plan, bits, rounding, truncated,
                                            seed + static_cast<std::uint64_t>(s)),
                                 data));
    sweep.duration_seconds += runs.back().duration_seconds;
  }
  std::vector<double> finals;
  for (const auto& run : runs) finals.push_back(run.final_accuracy);
  log << fmt::format("  cnn, {:2d} bits, {}, {} truncated: mean accuracy {:.2f}% ({:.0f} s)\n",
                     bits, to_string(rounding), to_string(truncated), 100.0 * mean_of(finals),
                     runs.back().duration_seconds);
  return runs;
}

}  // namespace

CnnSweep run_cnn_sweep(const CnnPlan& plan, const MnistTensors& data, std::uint64_t seed,
                       std::ostream& log) {
  const MnistTensors subset = subset_of(data, plan);
  CnnSweep sweep;
  for (int bits : plan.bits) {
    sweep.truncation[bits] = run_seeds(plan, subset, bits, BitRounding::truncation,
                                       Truncated::parameters, seed, sweep, log);
  }
  for (int bits : plan.stochastic_bits) {
    sweep.stochastic[bits] = run_seeds(plan, subset, bits, BitRounding::stochastic,
                                       Truncated::parameters, seed, sweep, log);
  }
  for (int bits : plan.activation_bits) {
    sweep.truncated_activations[bits] =
        run_seeds(plan, subset, bits, BitRounding::truncation,
                  Truncated::parameters_and_activations, seed, sweep, log);
  }
  // At 32 bits nothing is truncated: the float32 runs serve every protocol.
  if (sweep.truncation.count(32)) sweep.truncated_activations[32] = sweep.truncation.at(32);
  return sweep;
}

AccuracyBySeed final_accuracies(const std::map<int, std::vector<RunResult>>& runs) {
  AccuracyBySeed accuracy;
  for (const auto& [bits, seeds] : runs) {
    for (const auto& run : seeds) accuracy[bits].push_back(run.final_accuracy);
  }
  return accuracy;
}

void report_cnn_sweep(StudyContext& context, const CnnPlan& plan, const CnnSweep& sweep) {
  nlohmann::json bit_series = nlohmann::json::array();
  bit_series.push_back(accuracy_against_bits_series("truncation (weights, biases)",
                                                    final_accuracies(sweep.truncation)));
  if (!sweep.stochastic.empty()) {
    bit_series.push_back(accuracy_against_bits_series("stochastic rounding (weights, biases)",
                                                      final_accuracies(sweep.stochastic)));
  }
  if (!sweep.truncated_activations.empty()) {
    bit_series.push_back(accuracy_against_bits_series("truncation (weights, biases, activations)",
                                                      final_accuracies(sweep.truncated_activations)));
  }
  const auto& published = context.published();
  context.add_plot({{"id", "cnn_accuracy_against_bits"},
                    {"title", fmt::format("CNN: test accuracy after {} epochs against bit size", plan.epochs)},
                    {"x_label", "bits kept (32 = float32)"},
                    {"y_label", "test accuracy (%)"},
                    {"kind", "line"},
                    {"series", bit_series},
                    {"reference_lines",
                     {{{"x", published.number("cnn_inflection_bits")},
                       {"label", fmt::format("slides: inflection at {:g} bits",
                                             published.number("cnn_inflection_bits"))}}}},
                    {"caption", "Source: " + published.entry("cnn_inflection_bits").at("provenance").get<std::string>() +
                                    "; the slides give the inflection, not the curve's values (dashed line). Ours: "
                                    "mean over seeds; error bars are 95% t intervals over seeds."}});

  nlohmann::json curves = nlohmann::json::array();
  for (const auto& [bits, runs] : sweep.truncation) {
    curves.push_back({{"name", fmt::format("{} bits", bits)},
                      {"x", runs.front().epochs},
                      {"y", as_percent(runs.front().accuracy)}});
  }
  context.add_plot({{"id", "cnn_accuracy_against_iterations"},
                    {"title", "CNN: accuracy against iterations (1 iteration = 1 epoch), "
                              "truncation, one trial per bit size as in the slides"},
                    {"x_label", "epochs"},
                    {"y_label", "test accuracy (%)"},
                    {"kind", "line"},
                    {"series", curves},
                    {"reference_lines",
                     {{{"y", 100.0 * published.number("cnn_convergence_accuracy")},
                       {"label", fmt::format("slides: usually over {:g}%",
                                             100.0 * published.number("cnn_convergence_accuracy"))}}}},
                    {"caption", "Source: " +
                                    published.entry("cnn_convergence_accuracy").at("provenance").get<std::string>() +
                                    " (dashed line). Ours: one seed per bit size, as in the slides; no error bars."}});

  nlohmann::json rounding_curves = nlohmann::json::array();
  for (const auto& [bits, runs] : sweep.stochastic) {
    rounding_curves.push_back({{"name", fmt::format("{} bits, stochastic", bits)},
                               {"x", runs.front().epochs},
                               {"y", as_percent(runs.front().accuracy)}});
    const auto& truncated = sweep.truncation.at(bits);
    rounding_curves.push_back({{"name", fmt::format("{} bits, truncation", bits)},
                               {"x", truncated.front().epochs},
                               {"y", as_percent(truncated.front().accuracy)}});
  }
  if (!rounding_curves.empty()) {
    context.add_plot({{"id", "cnn_truncation_against_stochastic"},
                      {"title", "CNN: truncation against stochastic rounding (seed 0)"},
                      {"x_label", "epochs"},
                      {"y_label", "test accuracy (%)"},
                      {"kind", "line"},
                      {"series", rounding_curves},
                      {"caption", "Source: " +
                                      published.entry("stochastic_rounding_speedup").at("provenance").get<std::string>() +
                                      "; the slide states a speed-up, no points to draw. Ours: seed 0; no error bars."}});
  }

  nlohmann::json rows = accuracy_rows("cnn, truncation", final_accuracies(sweep.truncation));
  for (auto& row : accuracy_rows("cnn, stochastic", final_accuracies(sweep.stochastic))) rows.push_back(row);
  for (auto& row : accuracy_rows("cnn, truncation incl. activations",
                                 final_accuracies(sweep.truncated_activations))) {
    rows.push_back(row);
  }
  context.add_table({{"id", "cnn_accuracy_against_bits"},
                     {"title", fmt::format("CNN test accuracy after {} epochs on {} training images",
                                           plan.epochs, plan.train_images)},
                     {"columns", {"protocol", "bits", "mean accuracy %", "95% CI", "seeds"}},
                     {"rows", rows}});
  context.add_timing("cnn_sweep", "s", {sweep.duration_seconds});
}

namespace {

// The rule: the inflection is the smallest N from which every swept size's mean accuracy
// is within 1 point of float32; its 95% bootstrap interval over seeds (2000 resamples) must lie
// in 12 ± 1 (reproduced) or outside it (not reproduced); inconclusive if it straddles.
void decide_inflection(StudyContext& context, const std::string& claim,
                       const std::map<int, std::vector<RunResult>>& runs,
                       const std::string& protocol) {
  if (!context.should_decide(claim)) return;
  const AccuracyBySeed accuracy = final_accuracies(runs);
  const auto estimate = estimate_inflection(accuracy, 0.01, context.seed() + 5);
  const Verdict verdict = verdict_for_interval_in_band(estimate.interval, 11.0, 13.0);
  nlohmann::json means = nlohmann::json::object();
  for (const auto& [bits, values] : accuracy) means[std::to_string(bits)] = mean_of(values);
  context.decide(
      claim,
      Decision(verdict)
          .measured({{"inflection_bits", estimate.bits},
                     {"inflection_interval", {estimate.interval.lower, estimate.interval.upper}},
                     {"mean_accuracy_by_bits", means},
                     {"seeds", accuracy.at(32).size()},
                     {"truncated", protocol}})
          .rule("inflection = smallest swept N from which every swept size's mean final accuracy "
                "is within 1 point of float32's; reproduced if its 95% bootstrap interval over "
                "seeds (2000 resamples) lies within 12 ± 1 bits, not reproduced if it lies "
                "outside, inconclusive otherwise")
          .reason(fmt::format("with {} truncated, accuracy is within 1 point of float32's "
                              "({:.2f}%) from {} bits (95% interval {:.0f}..{:.0f})",
                              protocol, 100.0 * mean_of(accuracy.at(32)), estimate.bits,
                              estimate.interval.lower, estimate.interval.upper)));
}

// Rule: runs at float32 and at >= 16 bits reaching the slides' accuracy (95%) within this tier's
// epoch budget. Reproduced when the Clopper-Pearson 95% interval of the proportion lies above 1/2
// ("usually"; reaching it within a budget of <= 50 epochs implies within 50); not reproduced when
// it lies below 1/2 and the budget is the slides' (50 epochs on all 60,000 images); inconclusive
// otherwise (a smaller budget that falls short does not refute "< 50 iterations").
void decide_convergence(StudyContext& context, const CnnPlan& plan, const CnnSweep& sweep) {
  const std::string claim = "cnn_converges_over_95";
  if (!context.should_decide(claim)) return;
  const double target = context.published().number("cnn_convergence_accuracy");
  const auto slides_epochs = static_cast<std::int64_t>(context.published().number("cnn_convergence_iterations"));
  std::int64_t runs = 0, reached = 0;
  std::vector<double> epochs_needed, best_accuracy;
  for (const auto& [bits, seeds] : sweep.truncation) {
    if (bits < 16) continue;
    for (const auto& run : seeds) {
      ++runs;
      best_accuracy.push_back(*std::max_element(run.accuracy.begin(), run.accuracy.end()));
      if (const auto epochs = first_time_reaching(run.epochs, run.accuracy, target)) {
        ++reached;
        epochs_needed.push_back(*epochs);
      }
    }
  }
  const auto interval = stats::binomial_interval(reached, runs, stats::IntervalMethod::clopper_pearson);
  const bool slides_budget = plan.epochs >= slides_epochs && plan.train_images >= 60000;
  const Verdict verdict = interval.lower > 0.5                      ? Verdict::reproduced
                          : (interval.upper < 0.5 && slides_budget) ? Verdict::not_reproduced
                                                                    : Verdict::inconclusive;
  context.decide(
      claim,
      Decision(verdict)
          .measured({{"runs", runs},
                     {"reached_target", reached},
                     {"target_accuracy", target},
                     {"epoch_budget", plan.epochs},
                     {"train_images", plan.train_images},
                     {"epochs_to_target", epochs_needed},
                     {"best_evaluated_accuracy", best_accuracy},
                     {"proportion_interval", {interval.lower, interval.upper}}})
          .rule(fmt::format("runs at >= 16 bits reaching {:.0f}% test accuracy within the budget "
                            "({} epochs on {} images); reproduced if the Clopper-Pearson 95% "
                            "interval of the proportion lies above 1/2, not reproduced if below "
                            "1/2 with the slides' budget ({} epochs on 60,000 images), else "
                            "inconclusive",
                            100.0 * target, plan.epochs, plan.train_images, slides_epochs))
          .reason(fmt::format("{} of {} runs reached {:.0f}% within {} epochs on {} images "
                              "(interval {:.2f}..{:.2f}){}",
                              reached, runs, 100.0 * target, plan.epochs, plan.train_images,
                              interval.lower, interval.upper,
                              slides_budget ? "" : "; this budget is far below the slides' 50 "
                                                   "epochs on 60,000 images")));
}

// Rule: paired (bit size, seed) ratios of epochs-to-target, stochastic over truncation, over the
// bit sizes run both ways, leaving out pairs where neither converged; geometric mean and 95% t
// interval of the log ratio. Reproduced when the interval contains 0.75 (25% fewer epochs) and
// lies below 1; not reproduced when it excludes 0.75; inconclusive otherwise (or < 2 pairs).
void decide_stochastic_speed(StudyContext& context, const CnnPlan& plan, const CnnSweep& sweep) {
  const std::string claim = "stochastic_rounding_faster";
  if (!context.should_decide(claim)) return;
  std::vector<double> stochastic_epochs, truncation_epochs;
  nlohmann::json pairs = nlohmann::json::array();
  for (const auto& [bits, seeds] : sweep.stochastic) {
    for (std::size_t s = 0; s < seeds.size(); ++s) {
      const RunResult& truncated = sweep.truncation.at(bits)[s];
      if (!converged(seeds[s], plan) && !converged(truncated, plan)) continue;
      stochastic_epochs.push_back(epochs_to_target(seeds[s], plan));
      truncation_epochs.push_back(epochs_to_target(truncated, plan));
      pairs.push_back({{"bits", bits}, {"seed", s}, {"stochastic_epochs", stochastic_epochs.back()},
                       {"truncation_epochs", truncation_epochs.back()}});
    }
  }
  nlohmann::json measured = {{"pairs", pairs}, {"target_accuracy", plan.target_accuracy}};
  if (pairs.size() < 2) {
    context.decide(claim, Decision(Verdict::inconclusive)
                              .measured(measured)
                              .rule("paired ratio of epochs to target accuracy; needs >= 2 pairs")
                              .reason("fewer than 2 (bit size, seed) pairs in which either run "
                                      "reached the target"));
    return;
  }
  const RatioEstimate ratio = paired_ratio(stochastic_epochs, truncation_epochs);
  const bool contains_claim = ratio.interval.lower <= 0.75 && ratio.interval.upper >= 0.75;
  const Verdict verdict = !contains_claim                 ? Verdict::not_reproduced
                          : ratio.interval.upper < 1.0 ? Verdict::reproduced
                                                       : Verdict::inconclusive;
  measured["geometric_mean_ratio"] = ratio.geometric_mean;
  measured["ratio_interval"] = {ratio.interval.lower, ratio.interval.upper};
  measured["p_value"] = ratio.p_value;
  context.decide(
      claim,
      Decision(verdict)
          .measured(measured)
          .rule(fmt::format("paired ratio (stochastic / truncation) of epochs to {:.0f}% test "
                            "accuracy over (bit size, seed) pairs where either converged; "
                            "non-converged runs censored at budget + 1 evaluation; reproduced if "
                            "the 95% t interval of the geometric mean contains 0.75 and lies "
                            "below 1, not reproduced if it excludes 0.75",
                            100.0 * plan.target_accuracy))
          .reason(fmt::format("stochastic rounding needs {:.2f}× the epochs of truncation "
                              "(95% CI {:.2f}..{:.2f}, {} pairs, p = {:.2g}); the slides: 0.75×",
                              ratio.geometric_mean, ratio.interval.lower, ratio.interval.upper,
                              ratio.pairs, ratio.p_value)));
}

// Rule: over the same pairs, count those converging (reaching the target within the budget) only
// with stochastic rounding and only with truncation; reproduced when some converge only with
// stochastic rounding and the two-sided sign test on the discordant pairs gives p < 0.05 in that
// direction; not reproduced when none do; inconclusive otherwise.
void decide_stochastic_convergence(StudyContext& context, const CnnPlan& plan,
                                   const CnnSweep& sweep) {
  const std::string claim = "stochastic_rounding_converges_more";
  if (!context.should_decide(claim)) return;
  std::int64_t only_stochastic = 0, only_truncation = 0, both = 0, neither = 0;
  for (const auto& [bits, seeds] : sweep.stochastic) {
    for (std::size_t s = 0; s < seeds.size(); ++s) {
      const bool with_stochastic = converged(seeds[s], plan);
      const bool with_truncation = converged(sweep.truncation.at(bits)[s], plan);
      if (with_stochastic && !with_truncation) ++only_stochastic;
      if (!with_stochastic && with_truncation) ++only_truncation;
      if (with_stochastic && with_truncation) ++both;
      if (!with_stochastic && !with_truncation) ++neither;
    }
  }
  const double p = sign_test_p_value(only_stochastic, only_truncation);
  const Verdict verdict = only_stochastic == 0 ? Verdict::not_reproduced
                          : (p < 0.05 && only_stochastic > only_truncation) ? Verdict::reproduced
                                                                            : Verdict::inconclusive;
  context.decide(
      claim,
      Decision(verdict)
          .measured({{"only_stochastic_converged", only_stochastic},
                     {"only_truncation_converged", only_truncation},
                     {"both_converged", both},
                     {"neither_converged", neither},
                     {"sign_test_p_value", p},
                     {"target_accuracy", plan.target_accuracy},
                     {"epoch_budget", plan.epochs}})
          .rule("over (bit size, seed) pairs run both ways: reproduced if some reach the target "
                "only with stochastic rounding and the exact sign test on discordant pairs gives "
                "p < 0.05 in that direction; not reproduced if none do; inconclusive otherwise")
          .reason(fmt::format("{} pairs converged only with stochastic rounding, {} only with "
                              "truncation, {} both, {} neither (sign test p = {:.3g})",
                              only_stochastic, only_truncation, both, neither, p)));
}

}  // namespace

void decide_cnn_claims(StudyContext& context, const CnnPlan& plan, const CnnSweep& sweep) {
  decide_inflection(context, "cnn_inflection_12_bits", sweep.truncation, "weights and biases");
  decide_inflection(context, "cnn_inflection_12_bits_activations", sweep.truncated_activations,
                    "weights, biases and activations");
  decide_convergence(context, plan, sweep);
  decide_stochastic_speed(context, plan, sweep);
  decide_stochastic_convergence(context, plan, sweep);
}

}  // namespace repro::arbitrary_bit_mnist
