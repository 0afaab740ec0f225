#include "papers/dogs_vs_cats_mixed_precision/verdict_rules.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/errors.h"
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

Decision no_significant_difference_rule(const ContingencyTable& table, const std::string& scope,
                                        double alpha) {
  const stats::McNemarResult result = author_mcnemar(table);
  return decide_by(result.p_value >= alpha)
      .measured({{"contingency_both_only_single_only_mixed_neither", table_json(table)},
                 {"method", stats::to_string(result.method)},
                 {"statistic", result.statistic},
                 {"p_value", result.p_value}})
      .rule(fmt::format("McNemar between the single- and mixed-precision classifiers' per-image "
                        "correctness (exact test when a cell is below {}, else chi-square with "
                        "continuity correction, as the author's code); reproduced when p >= {}",
                        kSmallCell, alpha))
      .reason(fmt::format("{}: 2x2 table [{}, {}, {}, {}] over {} images, {} statistic {:.3f}, "
                          "p = {:.4f}",
                          scope, table.both_right, table.only_single_right, table.only_mixed_right,
                          table.both_wrong, table.total(), stats::to_string(result.method),
                          result.statistic, result.p_value));
}

Decision both_learn_rule(const ContingencyTable& table, const std::string& scope) {
  const std::int64_t total = table.total();
  if (total <= 0) throw InputError("both_learn_rule: empty contingency table");
  const std::int64_t single = table.both_right + table.only_single_right;
  const std::int64_t mixed = table.both_right + table.only_mixed_right;
  const auto single_interval = stats::binomial_interval(single, total, stats::IntervalMethod::wilson);
  const auto mixed_interval = stats::binomial_interval(mixed, total, stats::IntervalMethod::wilson);
  return decide_by(single_interval.lower > 0.5 && mixed_interval.lower > 0.5)
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

Decision accuracy_matches_rule(double single_percent, double mixed_percent,
                               double published_single_percent, double published_mixed_percent,
                               double tolerance_points) {
  const double single_gap = single_percent - published_single_percent;
  const double mixed_gap = mixed_percent - published_mixed_percent;
  return decide_by(std::abs(single_gap) <= tolerance_points && std::abs(mixed_gap) <= tolerance_points)
      .measured({{"accuracy_single_percent", single_percent},
                 {"accuracy_mixed_percent", mixed_percent},
                 {"gap_single_points", single_gap},
                 {"gap_mixed_points", mixed_gap}})
      .rule(fmt::format("both accuracies within {} points of Table 2 (the author's own runs of the "
                        "protocol differ by up to 0.88 points: Table 2 against the released logs)",
                        tolerance_points))
      .reason(fmt::format("ours {:.2f} / {:.2f} %, Table 2 {:.2f} / {:.2f} %", single_percent,
                          mixed_percent, published_single_percent, published_mixed_percent));
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

Decision mixed_faster_rule(const TimeRatio& ratio, const std::string& what) {
  return decide_by(ratio.interval.upper < 1.0)
      .measured({{"ratio_mixed_over_single", ratio.ratio},
                 {"ratio_interval95", {ratio.interval.lower, ratio.interval.upper}}})
      .rule("the conservative 95% interval of the median ratio mixed/single (from the medians' "
            "distribution-free intervals) lies below 1")
      .reason(fmt::format("{}: mixed/single = {:.3f}, 95% interval [{:.3f}, {:.3f}]", what, ratio.ratio,
                          ratio.interval.lower, ratio.interval.upper));
}

Decision ratio_within_band_rule(const TimeRatio& ratio, double published_ratio, double band,
                                const std::string& what) {
  const bool meets = ratio.interval.upper >= published_ratio - band &&
                     ratio.interval.lower <= published_ratio + band;
  return decide_by(meets)
      .measured({{"ratio_mixed_over_single", ratio.ratio},
                 {"ratio_interval95", {ratio.interval.lower, ratio.interval.upper}},
                 {"published_ratio", published_ratio},
                 {"band", band}})
      .rule(fmt::format("the 95% interval of our mixed/single time ratio meets the published ratio "
                        "± {} (README: GPU and framework differ from the thesis's)",
                        band))
      .reason(fmt::format("{}: ours {:.3f} [{:.3f}, {:.3f}], published {:.3f} (band [{:.3f}, {:.3f}])",
                          what, ratio.ratio, ratio.interval.lower, ratio.interval.upper, published_ratio,
                          published_ratio - band, published_ratio + band));
}

}  // namespace repro::dogs_vs_cats
