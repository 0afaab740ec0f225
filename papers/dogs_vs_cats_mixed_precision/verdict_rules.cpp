#include "papers/dogs_vs_cats_mixed_precision/verdict_rules.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <tuple>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/comparison_decision.h"
#include "common/decision_conjunction.h"
#include "base/errors.h"
#include "common/time_ratio_rule.h"
#include "stats/detectable_effect.h"
#include "stats/difference_interval.h"
#include "stats/paired_proportion_difference.h"
#include "stats/binomial_interval.h"

namespace repro::dogs_vs_cats {
namespace {

// The author's threshold for the exact test.
constexpr std::int64_t kSmallCell = 25;

nlohmann::json table_json(const ContingencyTable& table) {
  return {table.both_right, table.only_single_right, table.only_mixed_right, table.both_wrong};
}

}  // namespace

stats::McNemarMethod author_mcnemar_method(const ContingencyTable& table) {
  const bool any_small = std::min({table.both_right, table.only_single_right, table.only_mixed_right,
                                   table.both_wrong}) < kSmallCell;
  return any_small ? stats::McNemarMethod::exact : stats::McNemarMethod::chi_square_corrected;
}

stats::McNemarResult author_mcnemar(const ContingencyTable& table) {
  return stats::mcnemar_test(table.only_single_right, table.only_mixed_right,
                             author_mcnemar_method(table));
}

namespace {

constexpr const char* kPoints = "points";
constexpr const char* kImages = "images";

DetectableEffect exact_effect(const std::string& unit) { return {0.0, unit, "exact computation"}; }
Margin exact_margin(const std::string& unit, const std::string& derivation) { return {0.0, unit, derivation}; }

// The range a printed value must lie in; an empty range is the point -1 (no count or percentage
// of these audits can be negative), which every printed value lies outside.
Estimate allowed_range(double lower, double upper, std::string method) {
  if (lower > upper) return {-1.0, {-1.0, -1.0}, method + " (none)"};
  return {0.5 * (lower + upper), {lower, upper}, std::move(method)};
}

// An exact audit of one printed value against the range it must lie in.
Decision audit(const std::string& rule_id, const std::string& quantity, const std::string& unit,
               double printed, Estimate range, const std::string& derivation) {
  return decide_comparison(rule_id, published_within(quantity, unit, printed, std::move(range)),
                           exact_margin(unit, derivation), exact_effect(unit));
}

// An accuracy in percent with its 95% Wilson interval.
Estimate wilson_percent(std::int64_t correct, std::int64_t total, const std::string& what) {
  const stats::Interval interval = stats::binomial_interval(correct, total, stats::IntervalMethod::wilson);
  return {100.0 * correct / total, {100.0 * interval.lower, 100.0 * interval.upper},
          fmt::format("Wilson, {} of {} ({})", correct, total, what)};
}

// Per precision: its name, the images it got right in `table`, and its published accuracy.
std::array<std::tuple<const char*, std::int64_t, double>, 2> per_precision(const ContingencyTable& table,
                                                                           double published_single,
                                                                           double published_mixed) {
  return {std::tuple<const char*, std::int64_t, double>{"single", table.both_right + table.only_single_right,
                                                        published_single},
          std::tuple<const char*, std::int64_t, double>{"mixed", table.both_right + table.only_mixed_right,
                                                        published_mixed}};
}

// kRerunMarginPoints with its derivation (verdict_rules.h).
Margin rerun_margin() {
  return {kRerunMarginPoints, kPoints,
          "the thesis's two runs of one protocol (Table 2 vs the released logs' 2x2 tables) differ by up to "
          "0.88 points; rounded up to a whole point"};
}

DetectableEffect effect_of(const stats::Interval& interval, const std::string& basis) {
  return {stats::minimum_detectable_effect(stats::standard_error_of_interval(interval)), kPoints,
          "2.80 x the standard error behind the 95% " + basis};
}

}  // namespace

Decision discordant_total_rule(const std::vector<std::int64_t>& allowed, std::int64_t logged_total) {
  const auto [low, high] = allowed.empty() ? std::pair<std::int64_t, std::int64_t>{1, 0}
                                           : std::pair{*std::min_element(allowed.begin(), allowed.end()),
                                                       *std::max_element(allowed.begin(), allowed.end())};
  return audit(kDiscordantTotalRule, "released logs' discordant total b+c (internal-consistency audit)",
               kImages, static_cast<double>(logged_total),
               allowed_range(low, high, "every b+c whose exact McNemar p with Table 3's min(b,c) rounds to Table 3's p"),
               "exact: Table 3's p to its 3 printed decimals fixes the allowed b+c")
      .measured({{"discordant_totals", allowed}, {"released_logs_total", logged_total}});
}

Decision table3_from_logs_rule(const ContingencyTable& logs, double published_statistic,
                               double published_p, int published_p_decimals) {
  const stats::McNemarResult result = author_mcnemar(logs);
  const double half_unit = 0.5 * std::pow(10.0, -published_p_decimals);
  const std::string method = "author's McNemar (" + stats::to_string(result.method) + ") on the released logs";
  std::vector<Decision> parts;
  parts.push_back(audit(kTable3FromLogsRule, "Table 3's McNemar statistic (internal-consistency audit)", "",
                        published_statistic, Estimate::exact(result.statistic, method),
                        "exact: the statistic min(b,c) is a whole number"));
  parts.push_back(audit(kTable3FromLogsRule, "Table 3's McNemar p (internal-consistency audit)", "", published_p,
                        {result.p_value, {result.p_value - half_unit, result.p_value + half_unit},
                         method + ", ± half a unit of Table 3's last printed digit"},
                        fmt::format("half a unit of Table 3's {} printed decimals", published_p_decimals)));
  return all_of_decisions(parts, "McNemar on the released logs gives Table 3's statistic and p")
      .measured({{"method", stats::to_string(result.method)}, {"statistic", result.statistic},
                 {"p_value", result.p_value}, {"contingency", table_json(logs)}});
}

Decision difference_fits_rule(std::int64_t needed, std::int64_t largest_allowed) {
  return audit(kDifferenceFitsRule,
               "net discordant images Table 2's accuracy difference needs (internal-consistency audit)",
               kImages, static_cast<double>(needed),
               allowed_range(0.0, static_cast<double>(largest_allowed),
                             "|b−c| = (b+c) − 2·min(b,c) for a b+c Table 3's exact test allows"),
               "exact: two printed decimals of a percentage of 5,000 images fix whole images");
}

Decision table2_from_logs_rule(const ContingencyTable& logs, double published_single_percent,
                               double published_mixed_percent) {
  const std::int64_t total = logs.total();
  if (total <= 0) throw InputError("table2_from_logs_rule: empty contingency table");
  constexpr double kHalfUnitOfTwoDecimals = 0.005;
  std::vector<Decision> parts;
  for (const auto& [name, right, printed] : per_precision(logs, published_single_percent, published_mixed_percent)) {
    const double logged = 100.0 * right / total;
    parts.push_back(audit(kTable2FromLogsRule,
                          std::string("Table 2's ") + name + " accuracy (internal-consistency audit)", "%", printed,
                          {logged, {logged - kHalfUnitOfTwoDecimals, logged + kHalfUnitOfTwoDecimals},
                           fmt::format("released logs: {} of {} right, ± half a unit of two decimals", right, total)},
                          "half a unit of Table 2's two printed decimals"));
  }
  return all_of_decisions(parts, "both of Table 2's accuracies round from the released logs' 2x2 table");
}

Decision printed_saving_rule(const std::string& rule_id, const std::string& quantity,
                             const PrintedSaving& saving) {
  if (!(saving.numerator_ms > saving.time_half_unit && saving.denominator_ms > saving.time_half_unit) ||
      saving.time_half_unit < 0.0 || saving.percent_half_unit < 0.0) {
    throw InputError("printed_saving_rule: times must exceed their half unit, half units >= 0");
  }
  const auto percent = [](double numerator, double denominator) { return 100.0 * (1.0 - numerator / denominator); };
  const double h = saving.time_half_unit;
  const double lower = percent(saving.numerator_ms + h, saving.denominator_ms - h) - saving.percent_half_unit;
  const double upper = percent(saving.numerator_ms - h, saving.denominator_ms + h) + saving.percent_half_unit;
  return audit(rule_id, quantity + " (internal-consistency audit)", "%", saving.printed_percent,
               {percent(saving.numerator_ms, saving.denominator_ms), {lower, upper},
                fmt::format("100·(1 − {}/{}) with each time ± {} and the percentage ± {}", saving.numerator_ms,
                            saving.denominator_ms, h, saving.percent_half_unit)},
               fmt::format("half a unit of the printed times ({} ms) and of the printed percentage ({} %)", h,
                           saving.percent_half_unit))
      .measured({{"computed_percent", percent(saving.numerator_ms, saving.denominator_ms)},
                 {"allowed_percent", {lower, upper}}});
}

Decision paired_equivalence_rule(const ContingencyTable& table, const std::string& scope) {
  const std::int64_t total = table.total();
  if (total <= 0) throw InputError("paired_equivalence_rule: empty contingency table");
  const stats::Interval interval = stats::paired_proportion_difference_interval(
      table.both_right, table.only_single_right, table.only_mixed_right, table.both_wrong);
  const Estimate difference{100.0 * (table.only_single_right - table.only_mixed_right) / total,
                            {100.0 * interval.lower, 100.0 * interval.upper},
                            fmt::format("Newcombe paired (method 10), b = {}, c = {}, n = {}",
                                        table.only_single_right, table.only_mixed_right, total)};
  const Margin margin = rerun_margin();
  const stats::McNemarResult mcnemar = author_mcnemar(table);
  Decision decision = decide_comparison(
      kPairedEquivalenceRule,
      equivalence_of("single − mixed validation accuracy (same images)", kPoints, difference, margin), margin,
      effect_of(difference.interval, "Newcombe paired interval"));
  decision.measured({{"contingency_both_only_single_only_mixed_neither", table_json(table)},
                     {"mcnemar_method", stats::to_string(mcnemar.method)},
                     {"mcnemar_statistic", mcnemar.statistic},
                     {"mcnemar_p_value_information_only", mcnemar.p_value}});
  decision.reason(scope + ": " + decision.reason());
  return decision;
}

Decision accuracy_matches_table2_rule(const ContingencyTable& ours, double published_single_percent,
                                      double published_mixed_percent, std::int64_t published_images) {
  const std::int64_t total = ours.total();
  if (total <= 0 || published_images <= 0) throw InputError("accuracy_matches_table2_rule: empty table");
  const Margin margin = rerun_margin();
  std::vector<Decision> parts;
  for (const auto& [name, right, printed] : per_precision(ours, published_single_percent, published_mixed_percent)) {
    const auto published_right = static_cast<std::int64_t>(std::llround(printed * published_images / 100.0));
    const Estimate published = wilson_percent(published_right, published_images, "Table 2");
    const Estimate mine = wilson_percent(right, total, "ours");
    const Estimate difference{mine.value - published.value,
                              stats::mover_difference_interval(mine.value, mine.interval, published.value,
                                                               published.interval),
                              "MOVER (Newcombe) from the two Wilson intervals"};
    parts.push_back(decide_comparison(
        kTable2AgreementRule,
        difference_from_published(std::string(name) + " validation accuracy", kPoints, published, mine,
                                  difference, margin),
        margin, effect_of(difference.interval, "MOVER interval")));
  }
  return all_of_decisions(parts, "both precisions' accuracies agree with Table 2's");
}

CheckOutcome both_learn_check(const ContingencyTable& table, const std::string& scope) {
  const std::int64_t total = table.total();
  if (total <= 0) throw InputError("both_learn_check: empty contingency table");
  const std::int64_t single = table.both_right + table.only_single_right;
  const std::int64_t mixed = table.both_right + table.only_mixed_right;
  const auto single_interval = stats::binomial_interval(single, total, stats::IntervalMethod::wilson);
  const auto mixed_interval = stats::binomial_interval(mixed, total, stats::IntervalMethod::wilson);
  return check_that(single_interval.lower > 0.5 && mixed_interval.lower > 0.5)
      .measured({{"accuracy_single_percent", 100.0 * single / total},
                 {"accuracy_mixed_percent", 100.0 * mixed / total},
                 {"wilson95_single_percent", {100.0 * single_interval.lower, 100.0 * single_interval.upper}},
                 {"wilson95_mixed_percent", {100.0 * mixed_interval.lower, 100.0 * mixed_interval.upper}},
                 {"images", total}})
      .rule("both classifiers' validation accuracies have a 95% Wilson lower bound above 50% (chance)")
      .reason(fmt::format("{}: single {}/{} ({:.2f}%, lower {:.2f}%), mixed {}/{} ({:.2f}%, lower {:.2f}%)",
                          scope, single, total, 100.0 * single / total, 100.0 * single_interval.lower,
                          mixed, total, 100.0 * mixed / total, 100.0 * mixed_interval.lower));
}

TimeRatio time_ratio(const stats::TimingSummary& mixed, const stats::TimingSummary& single) {
  if (mixed.count <= 0 || single.count <= 0 || mixed.median <= 0.0 || single.median <= 0.0 ||
      single.median_interval.lower <= 0.0) {
    throw InputError("time_ratio: both timing summaries need positive samples");
  }
  TimeRatio ratio;
  ratio.ratio = mixed.median / single.median;
  ratio.interval = {mixed.median_interval.lower / single.median_interval.upper,
                    mixed.median_interval.upper / single.median_interval.lower};
  return ratio;
}

Estimate ratio_estimate(const TimeRatio& ratio) {
  return {ratio.ratio, ratio.interval, "ratio of medians, conservative 95% interval from the medians' "
                                       "distribution-free intervals"};
}

Decision mixed_faster_rule(const TimeRatio& ratio, const std::string& what) {
  return decide_faster(kMixedFasterRule, "time(mixed) / time(single) of the " + what, ratio_estimate(ratio));
}

Decision ratio_matches_rule(const TimeRatio& ratio, double published_ratio, const std::string& what) {
  return decide_time_ratio_agreement(kRatioMatchesRule, "time(mixed) / time(single) of the " + what,
                                     published_ratio, ratio_estimate(ratio));
}

Decision conclusion_follows_rule(const std::string& statement, const std::vector<std::string>& mismatches, int parts) {
  if (parts < 1 || mismatches.size() > static_cast<std::size_t>(parts)) {
    throw InputError("dogs_vs_cats: a Conclusion audit needs parts >= 1 and at most that many mismatches");
  }
  Decision decision = decide_no_mismatch(
      kConclusionFollowsRule, fmt::format("parts of '{}' that differ from the tables (of {})", statement, parts),
      "parts", mismatches);
  nlohmann::json measured = decision.measured();
  measured["parts_checked"] = parts;
  return decision.measured(measured);
}

Decision speedup_depends_on_model_rule(const std::vector<ModelRatioPair>& pairs) {
  if (pairs.empty()) throw InputError("speedup_depends_on_model_rule: no model pairs");
  std::vector<Decision> parts;
  for (const ModelRatioPair& pair : pairs) {
    const Estimate difference{pair.first.ratio - pair.second.ratio,
                              {pair.first.interval.lower - pair.second.interval.upper,
                               pair.first.interval.upper - pair.second.interval.lower},
                              "difference of two ratios of medians, conservative interval from their intervals"};
    parts.push_back(decide_differs(
        kSpeedupDependsRule, "time(mixed) / time(single), " + pair.what, "ratio", difference, time_ratio_margin(),
        {2.80 * stats::standard_error_of_interval(difference.interval), "ratio",
         "2.80 x the standard error behind the difference's interval"}));
  }
  return all_of_decisions(parts, "the speed-up depends on the model: the models the thesis shows gaining most "
                                 "and least have ratios 0.10 or more apart, in training and in inference");
}

}  // namespace repro::dogs_vs_cats
