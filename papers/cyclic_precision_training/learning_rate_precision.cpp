#include "papers/cyclic_precision_training/learning_rate_precision.h"

#include <cmath>
#include <numeric>
#include <vector>

#include <fmt/format.h>

#include "common/study_context.h"
#include "data/deterministic_random.h"
#include "papers/cyclic_precision_training/experiment_units.h"
#include "papers/cyclic_precision_training/run_device.h"
#include "papers/cyclic_precision_training/trainer.h"
#include "papers/cyclic_precision_training/verdict_rules.h"
#include "stats/t_test.h"

namespace repro::cyclic_precision_training {
namespace {

// Phase 1: `phase1_iterations` at `learning_rate` with forward bits `bits` (0 = full precision)
// and 8-bit errors when quantized; phase 2: full precision, half at 0.01 and half at 0.001.
TrainingRecipe two_phase_recipe(const ExperimentScale& scale, double learning_rate, int bits,
                                std::uint64_t seed, torch::Device device) {
  TrainingRecipe recipe;
  TrainingConfig& config = recipe.config;
  config.name = fmt::format("lr {} at {}", learning_rate, bits > 0 ? fmt::format("{}-bit", bits) : "FP");
  const std::int64_t phase1 = scale.phase1_iterations;
  const std::int64_t phase2 = scale.phase2_iterations;
  config.iterations = phase1 + phase2;
  config.batch_size = scale.batch_size;
  config.seed = seed;
  config.device = device;
  config.learning_rate = [phase1, phase2, learning_rate](std::int64_t t) {
    if (t < phase1) return learning_rate;
    return t < phase1 + phase2 / 2 ? 0.01 : 0.001;
  };
  config.forward_bits = [phase1, bits](std::int64_t t) { return t < phase1 ? bits : 0; };
  config.gradient_bits = [phase1, bits](std::int64_t t) { return t < phase1 && bits > 0 ? 8 : 0; };
  config.evaluation_forward_bits = 0;
  recipe.schedules = {{"phase1_iterations", phase1},
                      {"phase2_iterations", phase2},
                      {"phase1_learning_rate", learning_rate},
                      {"phase2_learning_rates", {0.01, 0.001}},
                      {"phase1_forward_bits", bits},
                      {"phase1_gradient_bits", bits > 0 ? 8 : 0}};
  return recipe;
}

double mean(const std::vector<double>& values) {
  return std::accumulate(values.begin(), values.end(), 0.0) / values.size();
}

}  // namespace

void run_learning_rate_precision(StudyContext& context, const ImageDataset& dataset,
                                 const ExperimentScale& scale, const ModelOperations& operations,
                                 const std::string& prefix, const TrainingClaims& claims,
                                 const TierBudget& budget) {
  std::vector<double> rates = {scale.low_learning_rate};
  if (scale.include_high_learning_rate) rates.push_back(scale.high_learning_rate);
  const std::vector<int> precisions = {scale.low_precision_bits, 0};
  // accuracy[rate][precision][seed]
  std::vector<std::vector<std::vector<double>>> accuracy(
      rates.size(), std::vector<std::vector<double>>(precisions.size()));
  nlohmann::json rows = nlohmann::json::array();
  for (int seed = 0; seed < scale.table1_seeds; ++seed) {
    const std::uint64_t run_seed =
        data::mix_seed(context.seed(), static_cast<std::uint64_t>(seed), 0x7461626c6531ULL);
    for (std::size_t r = 0; r < rates.size(); ++r) {
      for (std::size_t p = 0; p < precisions.size(); ++p) {
        const TrainingRecipe recipe =
            two_phase_recipe(scale, rates[r], precisions[p], run_seed, torch_device(context));
        const TrainingResult result = obtain_training(context.units(), context.tier(), "table1", scale.model,
                                                      operations, dataset, recipe);
        const double value = result.diverged ? 0.0 : result.test_accuracy_percent;
        accuracy[r][p].push_back(value);
        context.log() << fmt::format("  Table 1 {} seed {}: {:.2f}% ({:.1f} s)\n", recipe.config.name, seed,
                                     value, result.seconds);
      }
    }
  }

  nlohmann::json series = nlohmann::json::array();
  for (std::size_t p = 0; p < precisions.size(); ++p) {
    std::vector<double> x, y, lower, upper;
    for (std::size_t r = 0; r < rates.size(); ++r) {
      const auto& values = accuracy[r][p];
      const stats::TTestResult interval = stats::one_sample_t_test(values, 0.0, 0.95);
      x.push_back(rates[r]);
      y.push_back(mean(values));
      lower.push_back(std::isnan(interval.confidence_interval.lower) ? mean(values) : interval.confidence_interval.lower);
      upper.push_back(std::isnan(interval.confidence_interval.upper) ? mean(values) : interval.confidence_interval.upper);
      rows.push_back({fmt::format("{}", rates[r]),
                      precisions[p] > 0 ? fmt::format("{}-bit", precisions[p]) : "FP",
                      fmt::format("{:.2f}", mean(values)),
                      fmt::format("[{:.2f}, {:.2f}]", lower.back(), upper.back())});
    }
    series.push_back({{"name", precisions[p] > 0 ? fmt::format("phase 1 at {}-bit", precisions[p])
                                                 : std::string("phase 1 at full precision")},
                      {"x", x}, {"y", y}, {"y_lower", lower}, {"y_upper", upper}});
  }
  context.add_table({{"id", prefix + "table1_runs"},
                     {"title", fmt::format("Table 1 pattern on {}: {} iterations at the learning rate "
                                           "and precision, then {} in full precision (0.01, 0.001); "
                                           "mean test accuracy over {} seeds",
                                           scale.dataset, scale.phase1_iterations,
                                           scale.phase2_iterations, scale.table1_seeds)},
                     {"columns", {"phase-1 learning rate", "phase-1 precision", "accuracy %", "95% CI"}},
                     {"rows", rows}});
  // Table 1's ResNet-74 / CIFAR-100 accuracies at the same precisions, where published.
  for (const int bits : precisions) {
    nlohmann::json x = nlohmann::json::array(), y = nlohmann::json::array();
    for (const double rate : {0.1, 0.01}) {
      const std::string key = fmt::format("table1_resnet74_lr{}_{}", rate, bits > 0 ? fmt::format("{}bit", bits) : "fp");
      if (!context.published().contains(key)) continue;
      x.push_back(rate);
      y.push_back(context.published().number(key));
    }
    if (x.empty()) continue;
    series.push_back({{"name", bits > 0 ? fmt::format("Table 1: phase 1 at {}-bit", bits)
                                        : std::string("Table 1: phase 1 at full precision")},
                      {"x", x}, {"y", y}, {"published", true}});
  }
  context.add_plot({{"id", prefix + "table1_accuracy_by_learning_rate"},
                    {"title", "Final accuracy by phase-1 learning rate and precision"},
                    {"x_label", "phase-1 learning rate (log scale)"},
                    {"y_label", "test accuracy (%)"},
                    {"kind", "points"},
                    {"log_x", true},
                    {"series", series},
                    {"caption", fmt::format("Source: Table 1 (ResNet-74 on CIFAR-100; open black markers). Ours: "
                                            "ResNet-{} on {}, mean over {} seeds; error bars are 95% t intervals over "
                                            "seeds.",
                                            scale.model.depth, scale.dataset, scale.table1_seeds)}});

  if (claims.table1_helps_at_low_lr && context.should_decide(*claims.table1_helps_at_low_lr)) {
    context.decide(*claims.table1_helps_at_low_lr,
                   budget.limit(paired_superiority(accuracy[0][0], accuracy[0][1],
                                                   fmt::format("{}-bit", precisions[0]), "FP")));
  }
  if (claims.table1_larger_at_low_lr && context.should_decide(*claims.table1_larger_at_low_lr)) {
    const ClaimId larger = *claims.table1_larger_at_low_lr;
    if (rates.size() < 2) {
      context.skip(larger, "the high learning rate was not run at this scale");
    } else {
      std::vector<double> gain_low, gain_high;
      for (int seed = 0; seed < scale.table1_seeds; ++seed) {
        gain_low.push_back(accuracy[0][0][seed] - accuracy[0][1][seed]);
        gain_high.push_back(accuracy[1][0][seed] - accuracy[1][1][seed]);
      }
      context.decide(larger, budget.limit(paired_superiority(
                                 gain_low, gain_high, fmt::format("gain of {}-bit at lr {}", precisions[0], rates[0]),
                                 fmt::format("gain at lr {}", rates[1]))));
    }
  }
}

}  // namespace repro::cyclic_precision_training
