#include "papers/cyclic_precision_training/cpt_versus_static.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "common/check.h"
#include "common/study_context.h"
#include "common/training/training_numerics.h"
#include "data/deterministic_random.h"
#include "papers/cyclic_precision_training/bit_schedule.h"
#include "papers/cyclic_precision_training/classifier.h"
#include "papers/cyclic_precision_training/experiment_units.h"
#include "papers/cyclic_precision_training/run_device.h"
#include "papers/cyclic_precision_training/trainer.h"
#include "papers/cyclic_precision_training/verdict_rules.h"
#include "stats/t_test.h"

namespace repro::cyclic_precision_training {
namespace {

// CPT's claim is "equal or better"; half a point is the smallest accuracy gap Table 2 treats as
// a difference between methods (e.g. 0.66 points CPT over SBM for ResNet-74 on CIFAR-10), so a
// CPT deficit inside it counts as "equal". Fixed before any run (README.md).
constexpr double kNonInferiorityMarginPoints = 0.5;
// Full tier against Table 2's single published runs (printed to 0.01, no uncertainty given): a
// practical margin fixed before any full run — the seed-to-seed spread of CIFAR-100 ResNets is
// about ±0.5 points, and one point allows for it and for implementation differences.
constexpr double kPublishedMarginPoints = 1.0;
constexpr const char* kPublishedMarginWords =
    "practical margin fixed before any full run: Table 2's accuracies are single runs without an "
    "interval; CIFAR-100 ResNets vary by about ±0.5 points between seeds, one point allows for that "
    "and for implementation differences";

struct Method {
  std::string name;
  BitSchedule schedule;
  std::vector<TrainingResult> runs;
  std::vector<double> accuracies() const {
    std::vector<double> values;
    for (const auto& run : runs) values.push_back(run.diverged ? 0.0 : run.test_accuracy_percent);
    return values;
  }
  double mean_gbitops() const {
    double sum = 0.0;
    for (const auto& run : runs) sum += run.training_bitops / 1e9;
    return runs.empty() ? 0.0 : sum / runs.size();
  }
};

double mean(const std::vector<double>& values) {
  return values.empty() ? 0.0 : std::accumulate(values.begin(), values.end(), 0.0) / values.size();
}

void add_results(StudyContext& context, const std::vector<Method>& methods,
                 const ExperimentScale& scale, const std::string& prefix) {
  nlohmann::json rows = nlohmann::json::array();
  nlohmann::json series = nlohmann::json::array();
  for (const Method& method : methods) {
    const std::vector<double> accuracy = method.accuracies();
    for (const TrainingResult& run : method.runs) {
      rows.push_back({method.name, run.seed, run.diverged ? "diverged" : fmt::format("{:.2f}", run.test_accuracy_percent),
                      fmt::format("{:.4g}", run.training_bitops / 1e9),
                      fmt::format("{:.3f}", run.final_training_loss)});
    }
    double lower = mean(accuracy), upper = mean(accuracy);
    if (accuracy.size() >= 2) {
      const stats::TTestResult interval = stats::one_sample_t_test(accuracy, 0.0, 0.95);
      if (!std::isnan(interval.confidence_interval.lower)) {
        lower = interval.confidence_interval.lower;
        upper = interval.confidence_interval.upper;
      }
    }
    std::vector<double> seed_x;
    for (const TrainingResult& run : method.runs) seed_x.push_back(run.training_bitops / 1e9);
    series.push_back({{"name", method.name + " (each seed)"}, {"x", seed_x}, {"y", accuracy}});
    series.push_back({{"name", method.name + " (mean, 95% CI)"},
                      {"x", {method.mean_gbitops()}},
                      {"y", {mean(accuracy)}},
                      {"y_lower", {lower}},
                      {"y_upper", {upper}}});
  }
  context.add_table({{"id", prefix + "cpt_versus_static_runs"},
                     {"title", fmt::format("CPT against static precision on {}: {} iterations of batch "
                                           "{}, {} cycles, every seed",
                                           scale.dataset, scale.iterations, scale.batch_size, scale.cycles)},
                     {"columns", {"method", "seed", "test accuracy %", "training GBitOPs",
                                  "final training loss"}},
                     {"rows", rows}});
  // Table 2's ResNet-74 / CIFAR-100 points (static 8/8 and CPT 3–8/8) in the same axes.
  const auto& published = context.published();
  series.push_back({{"name", "Table 2: static 8/8 (SBM), ResNet-74, CIFAR-100"},
                    {"x", {published.number("table2_resnet74_gbitops_static8")}},
                    {"y", {published.number("table2_resnet74_cifar100_sbm_8_8")}},
                    {"published", true}});
  series.push_back({{"name", "Table 2: CPT 3–8/8, ResNet-74, CIFAR-100"},
                    {"x", {published.number("table2_resnet74_gbitops_cpt3_8")}},
                    {"y", {published.number("table2_resnet74_cifar100_cpt3_8_8")}},
                    {"published", true}});
  context.add_plot({{"id", prefix + "accuracy_vs_gbitops"},
                    {"title", fmt::format("Test accuracy against training GBitOPs: ours on {} beside Table 2",
                                          scale.dataset)},
                    {"x_label", "training GBitOPs (log scale)"},
                    {"y_label", "test accuracy (%)"},
                    {"kind", "points"},
                    {"log_x", true},
                    {"series", series},
                    {"caption", fmt::format("Source: Table 2 (ResNet-74 on CIFAR-100, training GBitOPs and test "
                                            "accuracy; open black markers), axes as in Figure 5. Ours: ResNet-{} on {}, {} "
                                            "iterations, each seed and the mean; error bars are 95% t intervals "
                                            "over {} seeds.",
                                            scale.model.depth, scale.dataset, scale.iterations, scale.seeds)}});
}

// The run of `schedule` at seed `run_seed`: the scale's iterations and batch, 8-bit errors, the
// scale's step learning rate, evaluated at 8 bits (every method at its highest precision).
TrainingRecipe versus_static_recipe(const ExperimentScale& scale, const std::string& name, const BitSchedule& schedule,
                                    std::uint64_t run_seed, torch::Device device) {
  TrainingRecipe recipe;
  TrainingConfig& config = recipe.config;
  config.name = name;
  config.iterations = scale.iterations;
  config.batch_size = scale.batch_size;
  config.seed = run_seed;
  config.device = device;
  config.forward_bits = [schedule](std::int64_t t) { return schedule.bits_at(t); };
  config.gradient_bits = [](std::int64_t) { return 8; };
  config.learning_rate = [scale](std::int64_t t) { return scale.learning_rate_at(t); };
  config.evaluation_forward_bits = 8;
  recipe.schedules = {{"forward_bits", {{"kind", schedule.describe()},
                                        {"bits_min", schedule.bits_min},
                                        {"bits_max", schedule.bits_max},
                                        {"total_iterations", schedule.total_iterations},
                                        {"cycles", schedule.cycles}}},
                      {"gradient_bits", 8},
                      {"learning_rate", {{"initial", scale.learning_rate},
                                         {"times_0.1_at_fraction", scale.decay_at_fraction},
                                         {"of_iterations", scale.iterations}}}};
  return recipe;
}

}  // namespace

void run_cpt_versus_static(StudyContext& context, const ImageDataset& dataset,
                           const ExperimentScale& scale, const ModelOperations& operations,
                           const std::string& prefix, const TrainingClaims& claims,
                           const TierBudget& budget) {
  std::vector<Method> methods = {
      {"static 8/8", BitSchedule::fixed(8, scale.iterations), {}},
      {"CPT 3–8/8", BitSchedule::cyclic(3, 8, scale.iterations, scale.cycles), {}}};
  if (scale.include_progressive) {
    methods.push_back({"progressive 3–8/8", BitSchedule::progressive(3, 8, scale.iterations), {}});
  }
  for (int seed = 0; seed < scale.seeds; ++seed) {
    for (Method& method : methods) {
      const TrainingRecipe recipe = versus_static_recipe(
          scale, method.name, method.schedule, data::mix_seed(context.seed(), static_cast<std::uint64_t>(seed)),
          torch_device(context));
      TrainingResult result = obtain_training(context.units(), context.tier(), "cpt_versus_static", scale.model,
                                              operations, dataset, recipe);
      result.seed = static_cast<std::uint64_t>(seed);
      context.log() << fmt::format("  {} seed {}: {:.2f}% ({:.4g} GBitOPs, {:.1f} s{})\n", method.name,
                                   seed, result.test_accuracy_percent, result.training_bitops / 1e9,
                                   result.seconds, result.diverged ? ", diverged" : "");
      method.runs.push_back(result);
    }
  }
  add_results(context, methods, scale, prefix);
  std::vector<training::RunNumerics> numerics;
  for (const Method& method : methods) {
    for (const TrainingResult& run : method.runs) {
      numerics.push_back({fmt::format("{} seed {}", method.name, run.seed), method.name, run.seed, nullptr,
                          run.numerics});
    }
  }
  training::NumericsReportOptions numerics_options;
  numerics_options.id_prefix = prefix + "numerics";
  training::report_numerics(context, numerics, numerics_options);

  const Method& fixed = methods[0];
  const Method& cyclic = methods[1];
  const double saving = 100.0 * (1.0 - cyclic.mean_gbitops() / fixed.mean_gbitops());
  // The "at fewer BitOPs" half of the claim is our cost count, a mechanics check.
  if (context.should_check(claims.fewer_bitops)) {
    context.record_check(claims.fewer_bitops,
                         check_that(saving > 0.0)
                             .measured({{"cpt_gbitops", cyclic.mean_gbitops()},
                                        {"static_gbitops", fixed.mean_gbitops()},
                                        {"bitops_saving_percent", saving}})
                             .rule("CPT 3–8/8's counted training BitOPs are below static 8/8's")
                             .reason(fmt::format("CPT used {:.1f}% fewer training BitOPs", saving)));
  }
  if (claims.cpt_not_worse && context.should_decide(*claims.cpt_not_worse)) {
    context.decide(*claims.cpt_not_worse,
                   budget.limit(paired_non_inferiority(cyclic.accuracies(), fixed.accuracies(),
                                                       kNonInferiorityMarginPoints, "CPT 3–8/8", "static 8/8")));
  }
  if (claims.cpt_better && context.should_decide(*claims.cpt_better)) {
    context.decide(*claims.cpt_better, budget.limit(paired_superiority(cyclic.accuracies(), fixed.accuracies(),
                                                                       "CPT 3–8/8", "static 8/8")));
  }
  const struct {
    std::optional<ClaimId> claim;
    const char* key;
    const Method* method;
  } published_checks[] = {{claims.table2_cpt_accuracy, "table2_resnet74_cifar100_cpt3_8_8", &cyclic},
                          {claims.table2_sbm_accuracy, "table2_resnet74_cifar100_sbm_8_8", &fixed}};
  for (const auto& check : published_checks) {
    if (!check.claim || !context.should_decide(*check.claim)) continue;
    context.decide(*check.claim,
                   budget.limit(published_accuracy(context.published().number(check.key), check.method->accuracies(),
                                                   kPublishedMarginPoints, kPublishedMarginWords)));
  }
}

}  // namespace repro::cyclic_precision_training
