#include "papers/fixed_point_fashion_mnist/headline_claims.h"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/study_context.h"
#include "papers/fixed_point_fashion_mnist/claim_ids.h"
#include "papers/fixed_point_fashion_mnist/configuration.h"
#include "papers/fixed_point_fashion_mnist/verdict_rules.h"
#include "stats/binomial_interval.h"

namespace repro::fixed_point_fashion_mnist {
namespace {

std::int64_t published_images(const StudyContext& context) {
  return static_cast<std::int64_t>(context.published().number("evaluation_images_inferred"));
}

std::int64_t published_right(const StudyContext& context, const std::string& key) {
  return static_cast<std::int64_t>(
      std::llround(context.published().number(key) / 100.0 * static_cast<double>(published_images(context))));
}

void decide_published_accuracy(StudyContext& context, const TierBudget& budget, const ResultSet& results,
                               ClaimId claim, const std::string& configuration,
                               const std::string& published_key) {
  if (!context.should_decide(claim)) return;
  context.decide(claim, budget.limit(published_accuracy_rule(
                            context.published().number(published_key), published_images(context),
                            results.accuracies_percent(configuration), results.pooled_correct(configuration),
                            results.pooled_total(configuration))));
}

void add_accuracy_plot_and_table(StudyContext& context, const ResultSet& results,
                                 const std::vector<std::string>& configurations) {
  nlohmann::json x = nlohmann::json::array(), y = nlohmann::json::array(),
                 lower = nlohmann::json::array(), upper = nlohmann::json::array();
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t i = 0; i < configurations.size(); ++i) {
    const std::string& name = configurations[i];
    if (!results.has(name)) continue;
    const SeedSummary summary = summarize_seeds(results.accuracies_percent(name));
    x.push_back(static_cast<double>(i));
    y.push_back(summary.mean);
    lower.push_back(summary.interval.lower);
    upper.push_back(summary.interval.upper);
    // Binomial interval within one run: the first seed's run on the whole test set.
    const RunResult& first = results.runs(name).front();
    const auto wilson = stats::binomial_interval(first.test_correct, first.test_total,
                                                 stats::IntervalMethod::wilson);
    rows.push_back({name, static_cast<std::int64_t>(results.runs(name).size()), summary.mean,
                    summary.interval.lower, summary.interval.upper,
                    fmt::format("{}/{}", first.test_correct, first.test_total),
                    100.0 * wilson.lower, 100.0 * wilson.upper});
  }
  // The slides' accuracies as k of 32 images (the audit's inference) with their exact 95%
  // Clopper–Pearson intervals.
  const auto& published = context.published();
  const std::int64_t images = published_images(context);
  nlohmann::json published_y = nlohmann::json::array(), published_lower = nlohmann::json::array(),
                 published_upper = nlohmann::json::array();
  for (const char* key : {"fp32_accuracy", "fixed_point_baseline_accuracy", "fixed_point_optimized_accuracy"}) {
    const auto exact =
        stats::binomial_interval(published_right(context, key), images, stats::IntervalMethod::clopper_pearson);
    published_y.push_back(published.number(key));
    published_lower.push_back(100.0 * exact.lower);
    published_upper.push_back(100.0 * exact.upper);
  }
  context.add_plot({{"id", "accuracy_per_configuration"},
                    {"title", "Test accuracy per configuration, published and ours"},
                    {"x_label", "configuration"},
                    {"x_tick_labels", configurations},
                    {"y_label", "test accuracy (%)"},
                    {"kind", "points"},
                    {"series", {{{"name", "ours (mean over seeds)"}, {"x", x}, {"y", y}, {"y_lower", lower},
                                 {"y_upper", upper}},
                                {{"name", fmt::format("results slide (k of {})", images)},
                                 {"x", {0, 1, 2}},
                                 {"y", published_y},
                                 {"y_lower", published_lower},
                                 {"y_upper", published_upper},
                                 {"published", true}}}},
                    {"caption", fmt::format("Source: {} (FP32, baseline and optimized fixed point; open black "
                                            "markers). Published error bars: exact 95% Clopper–Pearson intervals "
                                            "of k of {} images (the audit's inferred test-set size). Ours: mean "
                                            "over seeds; error bars are 95% t intervals over seeds.",
                                            published.entry("fp32_accuracy").at("provenance").get<std::string>(),
                                            images)}});
  context.add_table({{"id", "accuracy_per_configuration"},
                     {"title", "Test accuracy per configuration: over seeds, and within the first "
                               "seed's run (95% Wilson)"},
                     {"columns", {"configuration", "seeds", "mean %", "seed 95% lower", "seed 95% upper",
                                  "first run k/n", "Wilson lower %", "Wilson upper %"}},
                     {"rows", rows}});
}

void add_training_curves(StudyContext& context, const ResultSet& results) {
  nlohmann::json accuracy_series = nlohmann::json::array(), loss_series = nlohmann::json::array();
  for (const std::string& name : {kFp32, kBaseline, kOptimized}) {
    const auto& runs = results.runs(name);
    const std::size_t epochs = runs.front().epoch_test_accuracy.size();
    nlohmann::json x = nlohmann::json::array(), y = nlohmann::json::array(),
                   lower = nlohmann::json::array(), upper = nlohmann::json::array(),
                   loss = nlohmann::json::array(), loss_x = nlohmann::json::array();
    for (std::size_t epoch = 0; epoch < epochs; ++epoch) {
      const auto values = results.epoch_accuracies_percent(name, epoch);
      if (values.size() < 2) continue;
      const SeedSummary summary = summarize_seeds(values);
      x.push_back(epoch + 1);
      y.push_back(summary.mean);
      lower.push_back(summary.interval.lower);
      upper.push_back(summary.interval.upper);
    }
    for (std::size_t epoch = 0; epoch < runs.front().epoch_train_loss.size(); ++epoch) {
      double sum = 0.0;
      for (const auto& run : runs) sum += run.epoch_train_loss.at(epoch);
      loss_x.push_back(epoch + 1);
      loss.push_back(sum / static_cast<double>(runs.size()));
    }
    accuracy_series.push_back({{"name", name}, {"x", x}, {"y", y}, {"y_lower", lower}, {"y_upper", upper}});
    loss_series.push_back({{"name", name}, {"x", loss_x}, {"y", loss}});
  }
  context.add_plot({{"id", "training_curve_accuracy"},
                    {"title", "Test accuracy after each epoch (mean over seeds, 95% t interval)"},
                    {"x_label", "epoch"},
                    {"y_label", "test accuracy (%)"},
                    {"kind", "line"},
                    {"series", accuracy_series},
                    {"caption", "Source: not in the paper (the slides show no training curve); this suite's runs. "
                                "Mean over seeds; error bars are 95% t intervals over seeds."}});
  context.add_plot({{"id", "training_curve_loss"},
                    {"title", "Mean training loss per epoch (mean over seeds)"},
                    {"x_label", "epoch"},
                    {"y_label", "training loss"},
                    {"kind", "line"},
                    {"series", loss_series},
                    {"caption", "Source: not in the paper (the slides show no loss curve); this suite's runs. "
                                "Mean over seeds; no error bars."}});
}

}  // namespace

const std::vector<ClaimId>& headline_claim_ids() {
  static const std::vector<ClaimId> ids = {kFp32AccuracyConsistent, kBaselineAccuracyConsistent,
                                           kOptimizedAccuracyConsistent, kAccuracyOrdering,
                                           kDropOf935Points};
  return ids;
}

void decide_headline_claims(StudyContext& context, const TierBudget& budget, const ResultSet& results,
                            const std::vector<std::string>& configurations) {
  add_accuracy_plot_and_table(context, results, configurations);
  add_training_curves(context, results);
  decide_published_accuracy(context, budget, results, kFp32AccuracyConsistent, kFp32, "fp32_accuracy");
  decide_published_accuracy(context, budget, results, kBaselineAccuracyConsistent, kBaseline,
                            "fixed_point_baseline_accuracy");
  decide_published_accuracy(context, budget, results, kOptimizedAccuracyConsistent, kOptimized,
                            "fixed_point_optimized_accuracy");
  const auto fp32 = results.accuracies_percent(kFp32);
  const auto baseline = results.accuracies_percent(kBaseline);
  const auto optimized = results.accuracies_percent(kOptimized);
  if (context.should_decide(kAccuracyOrdering)) {
    context.decide(kAccuracyOrdering, budget.limit(ordering_rule(fp32, baseline, optimized)));
  }
  if (context.should_decide(kDropOf935Points)) {
    context.decide(kDropOf935Points,
                   budget.limit(drop_rule(context.published().number("claimed_drop_points"),
                                          published_right(context, "fp32_accuracy"),
                                          published_right(context, "fixed_point_optimized_accuracy"),
                                          published_images(context), fp32, optimized)));
  }
}

}  // namespace repro::fixed_point_fashion_mnist
