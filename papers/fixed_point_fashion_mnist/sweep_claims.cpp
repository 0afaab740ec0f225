#include "papers/fixed_point_fashion_mnist/sweep_claims.h"

#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/study_context.h"
#include "papers/fixed_point_fashion_mnist/claim_ids.h"
#include "papers/fixed_point_fashion_mnist/verdict_rules.h"

namespace repro::fixed_point_fashion_mnist {
namespace {

// Sweeps keyed "weights 16", "activations 16", ...
std::map<std::string, SweepSamples> fractional_sweeps(const ResultSet& results,
                                                      const StudyConfigurations& configurations) {
  std::map<std::string, SweepSamples> sweeps;
  for (const auto& point : configurations.fractional_sweep) {
    auto& sweep = sweeps[fmt::format("{} {}", study_role_name(point.role), point.total_bits)];
    sweep.x.push_back(point.fraction);
    sweep.samples.push_back(results.accuracies_percent(point.configuration.name));
  }
  return sweeps;
}

void add_fractional_plot(StudyContext& context, const std::map<std::string, SweepSamples>& sweeps) {
  nlohmann::json series = nlohmann::json::array();
  for (const auto& [name, sweep] : sweeps) {
    nlohmann::json y = nlohmann::json::array(), lower = nlohmann::json::array(),
                   upper = nlohmann::json::array();
    for (const auto& samples : sweep.samples) {
      const SeedSummary summary = summarize_seeds(samples);
      y.push_back(summary.mean);
      lower.push_back(summary.interval.lower);
      upper.push_back(summary.interval.upper);
    }
    series.push_back({{"name", name + " bits"}, {"x", sweep.x}, {"y", y}, {"y_lower", lower}, {"y_upper", upper}});
  }
  context.add_plot({{"id", "accuracy_vs_fractional_bits"},
                    {"title", "Accuracy against each role's fraction of fractional bits (others at "
                              "the baseline formats; mean over seeds, 95% t interval)"},
                    {"x_label", "fractional bits / total bits"},
                    {"y_label", "test accuracy (%)"},
                    {"kind", "line"},
                    {"series", series},
                    {"caption", "Source: " +
                                    context.published().entry("finding_weights_matter_most").at("provenance")
                                        .get<std::string>() +
                                    "; the slides' curves have no printed values to draw. Ours: mean over seeds; "
                                    "error bars are 95% t intervals over seeds."}});
}

void add_batch_size_plot(StudyContext& context, const ResultSet& results,
                         const StudyConfigurations& configurations) {
  nlohmann::json series = nlohmann::json::array();
  for (const auto& configuration : configurations.batch_size_sweep) {
    nlohmann::json x = nlohmann::json::array(), y = nlohmann::json::array();
    for (std::size_t epoch = 0; epoch < static_cast<std::size_t>(configuration.epochs); ++epoch) {
      const auto values = results.epoch_accuracies_percent(configuration.name, epoch);
      if (values.empty()) continue;
      x.push_back(epoch + 1);
      y.push_back(summarize_seeds(values).mean);
    }
    series.push_back({{"name", configuration.name}, {"x", x}, {"y", y}});
  }
  context.add_plot({{"id", "accuracy_vs_epochs_per_batch_size"},
                    {"title", "Baseline fixed point: test accuracy after each epoch, one line per "
                              "batch size (mean over seeds)"},
                    {"x_label", "epoch"},
                    {"y_label", "test accuracy (%)"},
                    {"kind", "line"},
                    {"series", series},
                    {"caption", "Source: " +
                                    context.published().entry("finding_sweep_variation_is_noise").at("provenance")
                                        .get<std::string>() +
                                    "; the slides' curves have no printed values to draw. Ours: mean over seeds; "
                                    "no error bars."}});
}

void add_variant_table(StudyContext& context, const ResultSet& results,
                       const StudyConfigurations& configurations) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& configuration : configurations.variants) {
    const SeedSummary summary = summarize_seeds(results.accuracies_percent(configuration.name));
    rows.push_back({configuration.name, quantization_mode_name(configuration.choice.mode),
                    kernels::rounding_name(configuration.choice.rounding), summary.mean,
                    summary.interval.lower, summary.interval.upper});
  }
  context.add_table({{"id", "quantization_variants"},
                     {"title", "Symmetric/asymmetric modes and nearest/stochastic rounding"},
                     {"columns", {"configuration", "mode", "rounding", "mean %", "95% lower", "95% upper"}},
                     {"rows", rows}});
}

}  // namespace

const std::vector<ClaimId>& sweep_claim_ids() {
  static const std::vector<ClaimId> ids = {kWeightsMatterMost, kSixteenBitWeightsRival32,
                                           kOtherRolesQuantizeDeeply, kSweepVariationIsNoise,
                                           kFractionalBitsDominate};
  return ids;
}

void decide_sweep_claims(StudyContext& context, const ResultSet& results,
                         const StudyConfigurations& configurations) {
  if (!configurations.variants.empty()) add_variant_table(context, results, configurations);
  if (!configurations.batch_size_sweep.empty()) add_batch_size_plot(context, results, configurations);
  if (configurations.fractional_sweep.empty()) return;
  const auto sweeps = fractional_sweeps(results, configurations);
  add_fractional_plot(context, sweeps);

  // Per role, at the baseline's total bits (weights: 16 bits, the optimized width).
  std::map<std::string, SweepSamples> by_role;
  for (StudyRole role : kStudyRoles) {
    const std::string name = study_role_name(role);
    for (const auto& [key, sweep] : sweeps) {
      if (key.rfind(name + " ", 0) == 0 && (role != StudyRole::weights || key == "weights 16")) {
        by_role[name] = sweep;
      }
    }
  }
  if (context.should_decide(kWeightsMatterMost)) {
    context.decide(kWeightsMatterMost, weights_matter_most_rule(by_role));
  }
  if (context.should_decide(kFractionalBitsDominate)) {
    context.decide(kFractionalBitsDominate, fractional_bits_dominate_rule(by_role));
  }
  if (context.should_decide(kSixteenBitWeightsRival32)) {
    context.decide(kSixteenBitWeightsRival32,
                   sixteen_bit_weights_rule(sweeps.at("weights 16"), sweeps.at("weights 32")));
  }
  if (context.should_decide(kOtherRolesQuantizeDeeply) && configurations.others_deep) {
    context.decide(kOtherRolesQuantizeDeeply,
                   other_roles_rule(results.accuracies_percent(kFp32),
                                    results.accuracies_percent(configurations.others_deep->name)));
  }
  if (context.should_decide(kSweepVariationIsNoise)) {
    std::map<std::string, SweepSamples> others = by_role;
    others.erase("weights");
    if (!configurations.batch_size_sweep.empty()) {
      SweepSamples batch;
      for (const auto& configuration : configurations.batch_size_sweep) {
        batch.x.push_back(static_cast<double>(configuration.batch_size));
        batch.samples.push_back(results.accuracies_percent(configuration.name));
      }
      others["batch size"] = batch;
    }
    context.decide(kSweepVariationIsNoise, variation_is_noise_rule(others));
  }
}

}  // namespace repro::fixed_point_fashion_mnist
