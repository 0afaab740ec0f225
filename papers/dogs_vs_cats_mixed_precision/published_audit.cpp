#include "papers/dogs_vs_cats_mixed_precision/published_audit.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "common/published_numbers.h"
#include "common/study_context.h"
#include "papers/dogs_vs_cats_mixed_precision/claim_ids.h"
#include "papers/dogs_vs_cats_mixed_precision/verdict_rules.h"
#include "stats/mcnemar.h"
#include "stats/mcnemar_inversion.h"

namespace repro::dogs_vs_cats {
namespace {

// claim_ids.h's kModelIds lists the models of kModels, in its order.
constexpr bool model_ids_follow_models() {
  if (std::size(kModelIds) != std::size(kModels)) return false;
  for (std::size_t i = 0; i < std::size(kModels); ++i) {
    if (std::string_view(kModelIds[i].model) != kModels[i]) return false;
  }
  return true;
}
static_assert(model_ids_follow_models(), "kModelIds (claim_ids.h) must list kModels in its order");

// The published p-values have three decimals.
constexpr int kPublishedPValueDecimals = 3;
// Rounded percentages in Tables 4 and 5 are whole numbers; in the text, two decimals; the
// times in Tables 4 and 5 are whole milliseconds per step.
constexpr double kHalfUnitOfWholePercent = 0.5;
constexpr double kHalfUnitOfTwoDecimals = 0.005;
constexpr double kHalfUnitOfWholeMilliseconds = 0.5;

std::string key(const std::string& prefix, const std::string& model, const std::string& suffix) {
  return prefix + "_" + model + "_" + suffix;
}

// Every b+c up to the validation set's size whose exact McNemar p, with min(b,c) = Table 3's
// statistic, rounds to Table 3's p.
std::vector<std::int64_t> table3_discordant_totals(const PublishedNumbers& published,
                                                   const std::string& model) {
  return stats::discordant_totals_matching_exact_mcnemar(
      static_cast<std::int64_t>(published.number(key("table3", model, "mcnemar_statistic"))),
      published.number(key("table3", model, "mcnemar_p")), kPublishedPValueDecimals,
      static_cast<std::int64_t>(published.number("validation_images")));
}

ContingencyTable logs_table(const PublishedNumbers& published, const std::string& model) {
  const auto& logs = published.value(key("released_logs", model, "contingency"));
  return {logs[0].get<std::int64_t>(), logs[1].get<std::int64_t>(), logs[2].get<std::int64_t>(),
          logs[3].get<std::int64_t>()};
}

// Table 3: which totals of discordant images b+c give the published exact-test p? The released
// logs' b+c must be among them.
void decide_discordant_total(StudyContext& context, ClaimId claim, const std::string& model) {
  if (!context.should_decide(claim)) return;
  const ContingencyTable logs = logs_table(context.published(), model);
  context.decide(claim, discordant_total_rule(table3_discordant_totals(context.published(), model),
                                              logs.only_single_right + logs.only_mixed_right));
}

// Table 2 against Table 3: an accuracy difference of d points on n images needs at least
// d·n/100 more images right on one side, so |b−c| ≥ d·n/100; with b+c = T and min(b,c) = s,
// |b−c| = T − 2s.
void decide_accuracy_difference(StudyContext& context, ClaimId claim, const std::string& model) {
  if (!context.should_decide(claim)) return;
  const auto& published = context.published();
  const double single = published.number(key("table2", model, "accuracy_single"));
  const double mixed = published.number(key("table2", model, "accuracy_mixed"));
  const auto validation = static_cast<std::int64_t>(published.number("validation_images"));
  const auto statistic = static_cast<std::int64_t>(published.number(key("table3", model, "mcnemar_statistic")));
  // Accuracies are printed with two decimals: each is k/n for a whole k within half a unit.
  const double images_per_point = validation / 100.0;
  const auto single_right = static_cast<std::int64_t>(std::llround(single * images_per_point));
  const auto mixed_right = static_cast<std::int64_t>(std::llround(mixed * images_per_point));
  std::int64_t largest_difference = -1;
  for (std::int64_t total : table3_discordant_totals(published, model)) {
    largest_difference = std::max(largest_difference, total - 2 * statistic);
  }
  Decision decision = difference_fits_rule(std::llabs(single_right - mixed_right), largest_difference);
  decision.measured({{"images_right_single", single_right},
                     {"images_right_mixed", mixed_right},
                     {"accuracy_difference_points", single - mixed},
                     {"largest_difference_table3_allows", largest_difference},
                     {"largest_accuracy_difference_points_table3_allows", largest_difference / images_per_point}});
  context.decide(claim, std::move(decision));
}

// The released logs' 2×2 tables give Table 3 exactly.
void decide_released_logs_mcnemar(StudyContext& context, ClaimId claim, const std::string& model) {
  if (!context.should_decide(claim)) return;
  const auto& published = context.published();
  context.decide(claim, table3_from_logs_rule(logs_table(published, model),
                                              published.number(key("table3", model, "mcnemar_statistic")),
                                              published.number(key("table3", model, "mcnemar_p")),
                                              kPublishedPValueDecimals));
}

// Table 2 against the released logs: accuracy = (both right + only this one right) / n.
void decide_released_logs_accuracy(StudyContext& context, ClaimId claim, const std::string& model) {
  if (!context.should_decide(claim)) return;
  const auto& published = context.published();
  context.decide(claim, table2_from_logs_rule(logs_table(published, model),
                                              published.number(key("table2", model, "accuracy_single")),
                                              published.number(key("table2", model, "accuracy_mixed"))));
}

// Tables 4 and 5: the percentage column is 1 − mixed/single, rounded to a whole percent, from
// whole milliseconds per step.
void decide_speedup_percent(StudyContext& context, ClaimId claim, const std::string& model,
                            const std::string& table, const std::string& what) {
  if (!context.should_decide(claim)) return;
  const auto& published = context.published();
  PrintedSaving saving;
  saving.numerator_ms = published.number(key(table, model, what + "_ms_per_step_mixed"));
  saving.denominator_ms = published.number(key(table, model, what + "_ms_per_step_single"));
  saving.time_half_unit = kHalfUnitOfWholeMilliseconds;
  saving.printed_percent = published.number(key(table, model, what + "_speedup_percent"));
  saving.percent_half_unit = kHalfUnitOfWholePercent;
  context.decide(claim, printed_saving_rule(kSpeedupPercentRule, table + " " + what + " speed-up of " + model, saving));
}

// The text: inference takes 1 − inference/training less time than a training step.
void decide_text_saving(StudyContext& context, ClaimId claim, const std::string& model) {
  if (!context.should_decide(claim)) return;
  const auto& published = context.published();
  PrintedSaving saving;
  saving.numerator_ms = published.number(key("table5", model, "inference_ms_per_step_single"));
  saving.denominator_ms = published.number(key("table4", model, "training_ms_per_step_single"));
  saving.time_half_unit = kHalfUnitOfWholeMilliseconds;
  saving.printed_percent = published.number(key("text", model, "inference_saving_vs_training_percent"));
  saving.percent_half_unit = kHalfUnitOfTwoDecimals;
  context.decide(claim, printed_saving_rule(kInferenceSavingRule, "the text's inference saving of " + model, saving));
}

// The Conclusion's ranges ("training 32-45 %, inference 10-40 % faster") against the smallest and
// largest percentage of Tables 4 and 5, and its "ResNet152V2 gains most" against both tables' largest.
void decide_conclusion(StudyContext& context) {
  const auto& published = context.published();
  const auto percents = [&](const std::string& table, const std::string& what) {
    std::vector<std::pair<double, std::string>> found;
    for (const char* model : kModels) found.emplace_back(published.number(key(table, model, what + "_speedup_percent")), model);
    std::sort(found.begin(), found.end());
    return found;
  };
  const auto decide_range = [&](ClaimId claim, const std::string& range_key, const std::string& table,
                                const std::string& what) {
    if (!context.should_decide(claim)) return;
    const auto sorted = percents(table, what);
    const auto& range = published.value(range_key);
    std::vector<std::string> mismatches;
    const double low = range.at(0).get<double>(), high = range.at(1).get<double>();
    if (low != sorted.front().first) mismatches.push_back(fmt::format("lower end {:g} against {:g}", low, sorted.front().first));
    if (high != sorted.back().first) mismatches.push_back(fmt::format("upper end {:g} against {:g}", high, sorted.back().first));
    context.decide(claim, conclusion_follows_rule(fmt::format("{} {:g}-{:g} % faster", what, low, high), mismatches, 2));
  };
  decide_range(kConclusionTrainingRangeFollowsTable4, "conclusion_training_speedup_range_percent", "table4", "training");
  decide_range(kConclusionInferenceRangeFollowsTable5, "conclusion_inference_speedup_range_percent", "table5",
               "inference");
  if (!context.should_decide(kConclusionLargestGainFollowsTables)) return;
  const std::string named = published.value("conclusion_largest_gain_model").get<std::string>();
  std::string model_id = named;  // "ResNet152V2" -> "resnet152v2", as in kModels
  std::transform(model_id.begin(), model_id.end(), model_id.begin(), [](unsigned char c) { return std::tolower(c); });
  std::vector<std::string> mismatches;
  for (const auto& [table, what] : {std::pair<std::string, std::string>{"table4", "training"}, {"table5", "inference"}}) {
    const std::string largest = percents(table, what).back().second;
    if (model_id != largest) mismatches.push_back(fmt::format("{}'s largest {} gain is {}", table, what, largest));
  }
  context.decide(kConclusionLargestGainFollowsTables, conclusion_follows_rule(named + " gains most", mismatches, 2));
}

void add_audit_tables(StudyContext& context) {
  const auto& published = context.published();
  nlohmann::json rows = nlohmann::json::array();
  for (const char* model : kModels) {
    const auto& logs = published.value(key("released_logs", model, "contingency"));
    const auto result = stats::mcnemar_test(logs[1].get<std::int64_t>(), logs[2].get<std::int64_t>(),
                                            stats::McNemarMethod::exact);
    rows.push_back({model, published.number(key("table2", model, "accuracy_single")),
                    published.number(key("table2", model, "accuracy_mixed")),
                    published.number(key("table3", model, "mcnemar_statistic")),
                    published.number(key("table3", model, "mcnemar_p")), logs,
                    result.statistic, result.p_value});
  }
  context.add_table({{"id", "tables_2_3_audit"},
                     {"title", "Tables 2 and 3 beside the released logs' 2×2 tables"},
                     {"columns", {"model", "Table 2 single %", "Table 2 mixed %", "Table 3 statistic",
                                  "Table 3 p", "logs [both, only single, only mixed, neither]",
                                  "exact statistic from logs", "exact p from logs"}},
                     {"rows", rows}});
  nlohmann::json speed_rows = nlohmann::json::array();
  nlohmann::json training_series = {{"name", "Table 4: training (mixed/single)"}, {"x", nlohmann::json::array()},
                                    {"y", nlohmann::json::array()}, {"published", true}};
  nlohmann::json inference_series = {{"name", "Table 5: inference (mixed/single)"}, {"x", nlohmann::json::array()},
                                     {"y", nlohmann::json::array()}, {"published", true}};
  for (const char* model : kModels) {
    const double train_single = published.number(key("table4", model, "training_ms_per_step_single"));
    const double train_mixed = published.number(key("table4", model, "training_ms_per_step_mixed"));
    const double infer_single = published.number(key("table5", model, "inference_ms_per_step_single"));
    const double infer_mixed = published.number(key("table5", model, "inference_ms_per_step_mixed"));
    speed_rows.push_back({model, train_single, train_mixed, train_mixed / train_single, infer_single,
                          infer_mixed, infer_mixed / infer_single});
    training_series["x"].push_back(model);
    training_series["y"].push_back(train_mixed / train_single);
    inference_series["x"].push_back(model);
    inference_series["y"].push_back(infer_mixed / infer_single);
  }
  context.add_table({{"id", "tables_4_5_published_speed"},
                     {"title", "Tables 4 and 5: published ms/step and the ratios they imply"},
                     {"columns", {"model", "train single", "train mixed", "train ratio",
                                  "inference single", "inference mixed", "inference ratio"}},
                     {"rows", speed_rows}});
  context.add_plot({{"id", "published_speed_ratios"},
                    {"title", "Published mixed/single time ratios (Tables 4 and 5)"},
                    {"x_label", "model"},
                    {"y_label", "mixed / single time per step"},
                    {"kind", "bar"},
                    {"series", {training_series, inference_series}},
                    {"caption", "Source: Tables 4 and 5 (ms per step, single and mixed precision): the ratios "
                                "the published times imply. Our measured ratios are drawn beside them in "
                                "speed_ratios_beside_ours when the speed benchmark runs (GPU). No error bars "
                                "(single published values)."}});
}

}  // namespace

void audit_published_numbers(StudyContext& context) {
  for (const ModelIds& ids : kModelIds) {
    const std::string model = ids.model;
    decide_discordant_total(context, ids.table3_discordant_total, model);
    decide_accuracy_difference(context, ids.table2_difference_fits_table3, model);
    decide_released_logs_mcnemar(context, ids.table3_matches_released_logs, model);
    decide_released_logs_accuracy(context, ids.table2_matches_released_logs, model);
    decide_speedup_percent(context, ids.table4_percent_follows, model, "table4", "training");
    decide_speedup_percent(context, ids.table5_percent_follows, model, "table5", "inference");
    decide_text_saving(context, ids.text_inference_saving_follows, model);
  }
  decide_conclusion(context);
  add_audit_tables(context);
}

}  // namespace repro::dogs_vs_cats
