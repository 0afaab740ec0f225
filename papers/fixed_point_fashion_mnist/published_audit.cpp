#include "papers/fixed_point_fashion_mnist/published_audit.h"

#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "common/study_context.h"
#include "stats/binomial_interval.h"
#include "stats/proportion_difference.h"

namespace repro::fixed_point_fashion_mnist {
namespace {

constexpr double kLevel = 0.95;
const std::vector<std::pair<std::string, std::string>> kAccuracyKeys = {
    {"fp32", "fp32_accuracy"},
    {"fixed_point_baseline", "fixed_point_baseline_accuracy"},
    {"fixed_point_optimized", "fixed_point_optimized_accuracy"}};

// Half a unit of the last printed decimal of `value` (93.75 -> 0.005, 84.4 -> 0.05, 87.5 -> 0.05).
double half_unit_of_last_decimal(const nlohmann::json& value) {
  std::string text = value.dump();
  auto point = text.find('.');
  int decimals = point == std::string::npos ? 0 : static_cast<int>(text.size() - point - 1);
  return 0.5 * std::pow(10.0, -decimals);
}

// The whole number of images k out of `images` whose percentage prints as `percent`, or -1.
std::int64_t images_right(double percent, double half_unit, std::int64_t images) {
  const auto nearest = static_cast<std::int64_t>(std::llround(percent / 100.0 * images));
  const double printed = 100.0 * nearest / images;
  return std::abs(printed - percent) <= half_unit + 1e-12 ? nearest : -1;
}

void decide_one_batch(StudyContext& context) {
  const std::string claim = "published_accuracies_are_k_of_32";
  if (!context.should_decide(claim)) return;
  const auto& published = context.published();
  const auto images = static_cast<std::int64_t>(published.number("evaluation_images_inferred"));
  nlohmann::json measured = nlohmann::json::object();
  nlohmann::json rows = nlohmann::json::array();
  bool all_whole = true;
  std::string explanation;
  for (const auto& [name, key] : kAccuracyKeys) {
    const double percent = published.number(key);
    const std::int64_t right =
        images_right(percent, half_unit_of_last_decimal(published.value(key)), images);
    all_whole = all_whole && right >= 0;
    nlohmann::json entry = {{"images_right", right}, {"images", images}};
    if (right >= 0) {
      const auto wilson = stats::binomial_interval(right, images, stats::IntervalMethod::wilson, kLevel);
      entry["wilson_95_percent"] = {100.0 * wilson.lower, 100.0 * wilson.upper};
      rows.push_back({name, percent, fmt::format("{}/{}", right, images), 100.0 * wilson.lower,
                      100.0 * wilson.upper});
      explanation += fmt::format("{}{} % = {}/{} (95% Wilson {:.1f}–{:.1f} %)",
                                 explanation.empty() ? "" : "; ", percent, right, images,
                                 100.0 * wilson.lower, 100.0 * wilson.upper);
    }
    measured[name] = entry;
  }
  context.add_table({{"id", "published_accuracy_intervals"},
                     {"title", "Published accuracies as k of 32 test images, with 95% Wilson intervals"},
                     {"columns", {"configuration", "published %", "k / n", "Wilson lower %", "Wilson upper %"}},
                     {"rows", rows}});
  context.decide(claim, decide_by(all_whole)
                            .measured(measured)
                            .rule("each published accuracy must equal k/32 for a whole k, to the "
                                  "published number's printed precision")
                            .reason(explanation));
}

void decide_drop_arithmetic(StudyContext& context) {
  const std::string claim = "claimed_drop_is_fp32_minus_optimized";
  if (!context.should_decide(claim)) return;
  const auto& published = context.published();
  const double difference = published.number("fp32_accuracy") - published.number("fixed_point_optimized_accuracy");
  const double claimed = published.number("claimed_drop_points");
  context.decide(claim, decide_by(std::abs(difference - claimed) <= 0.005 + 1e-9)
                            .measured({{"fp32_minus_optimized_points", difference}})
                            .rule("FP32 minus optimized accuracy, as printed, must equal the claimed "
                                  "drop to its two decimals")
                            .reason(fmt::format("{} − {} = {:.2f} points; claimed {}",
                                                published.number("fp32_accuracy"),
                                                published.number("fixed_point_optimized_accuracy"),
                                                difference, claimed)));
}

// With 32 images per configuration, is the drop distinguishable from zero?
void decide_drop_significance(StudyContext& context) {
  const std::string claim = "published_drop_is_significant";
  if (!context.should_decide(claim)) return;
  const auto& published = context.published();
  const auto images = static_cast<std::int64_t>(published.number("evaluation_images_inferred"));
  const auto right = [&](const std::string& key) {
    return images_right(published.number(key), half_unit_of_last_decimal(published.value(key)), images);
  };
  const std::int64_t fp32 = right("fp32_accuracy");
  const std::int64_t optimized = right("fixed_point_optimized_accuracy");
  const std::int64_t baseline = right("fixed_point_baseline_accuracy");
  const auto drop = stats::newcombe_difference_interval(fp32, images, optimized, images, kLevel);
  const auto baseline_drop = stats::newcombe_difference_interval(fp32, images, baseline, images, kLevel);
  const bool excludes_zero = drop.lower > 0.0;
  context.decide(
      claim,
      Decision(excludes_zero ? Verdict::reproduced : Verdict::inconclusive)
          .measured({{"drop_points", 100.0 * (fp32 - optimized) / images},
                     {"drop_newcombe_95_points", {100.0 * drop.lower, 100.0 * drop.upper}},
                     {"baseline_drop_newcombe_95_points",
                      {100.0 * baseline_drop.lower, 100.0 * baseline_drop.upper}}})
          .rule("Newcombe's 95% interval for the difference of two proportions (each k of 32): "
                "reproduced when it excludes 0, inconclusive otherwise")
          .reason(fmt::format("the drop of {:.2f} points has a 95% interval of {:.1f} to {:.1f} "
                              "points, which {} 0: 32 images cannot establish it",
                              100.0 * (fp32 - optimized) / images, 100.0 * drop.lower,
                              100.0 * drop.upper, excludes_zero ? "excludes" : "includes")));
}

}  // namespace

void audit_published_numbers(StudyContext& context) {
  decide_one_batch(context);
  decide_drop_arithmetic(context);
  decide_drop_significance(context);
}

}  // namespace repro::fixed_point_fashion_mnist
