#include "papers/dogs_vs_cats_mixed_precision/published_audit.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "common/published_numbers.h"
#include "common/study_context.h"
#include "stats/mcnemar.h"
#include "stats/mcnemar_inversion.h"

namespace repro::dogs_vs_cats {
namespace {

// The published p-values have three decimals.
constexpr int kPublishedPValueDecimals = 3;
// Rounded percentages in Tables 4 and 5 are whole numbers; in the text, two decimals.
constexpr double kHalfUnitOfWholePercent = 0.5;
constexpr double kHalfUnitOfTwoDecimals = 0.005;

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

// Table 3: which totals of discordant images b+c give the published exact-test p?
void decide_discordant_total(StudyContext& context, const std::string& model) {
  const std::string claim = "table3_" + model + "_discordant_total";
  if (!context.should_decide(claim)) return;
  const auto& published = context.published();
  const auto statistic = static_cast<std::int64_t>(published.number(key("table3", model, "mcnemar_statistic")));
  const double p_value = published.number(key("table3", model, "mcnemar_p"));
  const auto validation = static_cast<std::int64_t>(published.number("validation_images"));
  const std::vector<std::int64_t> totals = table3_discordant_totals(published, model);
  const auto& logs = published.value(key("released_logs", model, "contingency"));
  const std::int64_t logged_total = logs[1].get<std::int64_t>() + logs[2].get<std::int64_t>();
  const bool logged_total_found =
      std::find(totals.begin(), totals.end(), logged_total) != totals.end();
  context.decide(claim,
                 decide_by(!totals.empty() && logged_total_found)
                     .measured({{"discordant_totals", totals}, {"released_logs_total", logged_total}})
                     .rule(fmt::format("every b+c up to {} whose exact two-sided McNemar p with "
                                       "min(b,c) = {} rounds to {} at {} decimals; reproduced when "
                                       "the released logs' b+c is among them",
                                       validation, statistic, p_value, kPublishedPValueDecimals))
                     .reason(fmt::format("b+c in {{{}}} gives p = {}; the released logs have b+c = {}",
                                         fmt::join(totals, ", "), p_value, logged_total)));
}

// Table 2 against Table 3: an accuracy difference of d points on n images needs at least
// d·n/100 more images right on one side, so |b−c| ≥ d·n/100; with b+c = T and min(b,c) = s,
// |b−c| = T − 2s.
void decide_accuracy_difference(StudyContext& context, const std::string& model) {
  const std::string claim = "table2_" + model + "_difference_fits_table3";
  if (!context.should_decide(claim)) return;
  const auto& published = context.published();
  const double single = published.number(key("table2", model, "accuracy_single"));
  const double mixed = published.number(key("table2", model, "accuracy_mixed"));
  const auto validation = static_cast<std::int64_t>(published.number("validation_images"));
  const auto statistic = static_cast<std::int64_t>(published.number(key("table3", model, "mcnemar_statistic")));
  const std::vector<std::int64_t> totals = table3_discordant_totals(published, model);
  // Accuracies are printed with two decimals: each is k/n for a whole k within half a unit.
  const double images_per_point = validation / 100.0;
  const auto single_right = static_cast<std::int64_t>(std::llround(single * images_per_point));
  const auto mixed_right = static_cast<std::int64_t>(std::llround(mixed * images_per_point));
  const std::int64_t needed_difference = std::llabs(single_right - mixed_right);
  std::int64_t largest_difference = 0;
  for (std::int64_t total : totals) largest_difference = std::max(largest_difference, total - 2 * statistic);
  const bool fits = !totals.empty() && needed_difference <= largest_difference;
  context.decide(
      claim,
      decide_by(fits)
          .measured({{"images_right_single", single_right},
                     {"images_right_mixed", mixed_right},
                     {"accuracy_difference_points", single - mixed},
                     {"images_difference_needed", needed_difference},
                     {"largest_difference_table3_allows", largest_difference},
                     {"largest_accuracy_difference_points_table3_allows",
                      largest_difference / images_per_point}})
          .rule("Table 2's accuracies as whole images of the validation set; their difference must "
                "not exceed |b−c| = (b+c) − 2·min(b,c) for a b+c that Table 3's exact test allows")
          .reason(fmt::format("Table 2 differs by {} image(s) ({:.2f} points) but Table 3 allows at "
                              "most {} ({:.2f} points){}",
                              needed_difference, single - mixed, largest_difference,
                              largest_difference / images_per_point,
                              fits ? "" : ": the two tables cannot come from the same classifiers")));
}

// The released logs' 2×2 tables give Table 3 exactly.
void decide_released_logs_mcnemar(StudyContext& context, const std::string& model) {
  const std::string claim = "table3_" + model + "_matches_released_logs";
  if (!context.should_decide(claim)) return;
  const auto& published = context.published();
  const auto& logs = published.value(key("released_logs", model, "contingency"));
  const auto only_single = logs[1].get<std::int64_t>();
  const auto only_mixed = logs[2].get<std::int64_t>();
  // The author's code: exact test when any cell is below 25, else chi-square with correction.
  bool any_small_cell = false;
  for (const auto& cell : logs) any_small_cell = any_small_cell || cell.get<std::int64_t>() < 25;
  const auto method =
      any_small_cell ? stats::McNemarMethod::exact : stats::McNemarMethod::chi_square_corrected;
  const stats::McNemarResult result = stats::mcnemar_test(only_single, only_mixed, method);
  const double published_statistic = published.number(key("table3", model, "mcnemar_statistic"));
  const double published_p = published.number(key("table3", model, "mcnemar_p"));
  const double scale = std::pow(10.0, kPublishedPValueDecimals);
  const bool matches = std::abs(result.statistic - published_statistic) < 1e-9 &&
                       std::llround(result.p_value * scale) == std::llround(published_p * scale);
  context.decide(claim,
                 decide_by(matches)
                     .measured({{"method", stats::to_string(method)},
                                {"statistic", result.statistic},
                                {"p_value", result.p_value}})
                     .rule("McNemar on the released logs' discordant cells, with the author's "
                           "choice of method, must give Table 3's statistic and its p to 3 decimals")
                     .reason(fmt::format("b = {}, c = {}: {} statistic {}, p = {:.4f}; published {}, {}",
                                         only_single, only_mixed, stats::to_string(method),
                                         result.statistic, result.p_value, published_statistic,
                                         published_p)));
}

// Table 2 against the released logs: accuracy = (both right + only this one right) / n.
void decide_released_logs_accuracy(StudyContext& context, const std::string& model) {
  const std::string claim = "table2_" + model + "_matches_released_logs";
  if (!context.should_decide(claim)) return;
  const auto& published = context.published();
  const auto& logs = published.value(key("released_logs", model, "contingency"));
  std::int64_t total = 0;
  for (const auto& cell : logs) total += cell.get<std::int64_t>();
  const double single = 100.0 * (logs[0].get<double>() + logs[1].get<double>()) / total;
  const double mixed = 100.0 * (logs[0].get<double>() + logs[2].get<double>()) / total;
  const double published_single = published.number(key("table2", model, "accuracy_single"));
  const double published_mixed = published.number(key("table2", model, "accuracy_mixed"));
  const bool matches = std::abs(single - published_single) <= kHalfUnitOfTwoDecimals + 1e-9 &&
                       std::abs(mixed - published_mixed) <= kHalfUnitOfTwoDecimals + 1e-9;
  context.decide(claim,
                 decide_by(matches)
                     .measured({{"logs_accuracy_single", single},
                                {"logs_accuracy_mixed", mixed},
                                {"images", total}})
                     .rule("accuracies from the released 2×2 tables must round to Table 2's")
                     .reason(fmt::format("logs give {:.2f} / {:.2f} %, Table 2 {:.2f} / {:.2f} %",
                                         single, mixed, published_single, published_mixed)));
}

// Tables 4 and 5: the percentage column is 1 − mixed/single, rounded to a whole percent.
void decide_speedup_percent(StudyContext& context, const std::string& model,
                            const std::string& table, const std::string& what) {
  const std::string claim = table + "_" + model + "_percent_follows";
  if (!context.should_decide(claim)) return;
  const auto& published = context.published();
  const double single = published.number(key(table, model, what + "_ms_per_step_single"));
  const double mixed = published.number(key(table, model, what + "_ms_per_step_mixed"));
  const double percent = published.number(key(table, model, what + "_speedup_percent"));
  const double computed = 100.0 * (1.0 - mixed / single);
  context.decide(claim,
                 decide_by(std::abs(computed - percent) <= kHalfUnitOfWholePercent)
                     .measured({{"computed_percent", computed}})
                     .rule("100·(1 − mixed/single) must round to the published whole percentage")
                     .reason(fmt::format("{} → {} ms/step is {:.2f} % faster; published {} %",
                                         single, mixed, computed, percent)));
}

// The text: inference takes 1 − inference/training less time than a training step.
void decide_text_saving(StudyContext& context, const std::string& model) {
  const std::string claim = "text_" + model + "_inference_saving_follows";
  if (!context.should_decide(claim)) return;
  const auto& published = context.published();
  const double training = published.number(key("table4", model, "training_ms_per_step_single"));
  const double inference = published.number(key("table5", model, "inference_ms_per_step_single"));
  const double percent = published.number(key("text", model, "inference_saving_vs_training_percent"));
  const double computed = 100.0 * (1.0 - inference / training);
  context.decide(claim,
                 decide_by(std::abs(computed - percent) <= kHalfUnitOfTwoDecimals + 1e-9)
                     .measured({{"computed_percent", computed}})
                     .rule("100·(1 − inference/training) in single precision must round to the text's "
                           "two-decimal percentage")
                     .reason(fmt::format("1 − {}/{} = {:.4f} %; the text says {} %", inference,
                                         training, computed, percent)));
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
  for (const char* model : kModels) {
    decide_discordant_total(context, model);
    decide_accuracy_difference(context, model);
    decide_released_logs_mcnemar(context, model);
    decide_released_logs_accuracy(context, model);
    decide_speedup_percent(context, model, "table4", "training");
    decide_speedup_percent(context, model, "table5", "inference");
    decide_text_saving(context, model);
  }
  add_audit_tables(context);
}

}  // namespace repro::dogs_vs_cats
