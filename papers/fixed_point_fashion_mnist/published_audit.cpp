#include "papers/fixed_point_fashion_mnist/published_audit.h"

#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "common/study_context.h"
#include "stats/binomial_interval.h"
#include "papers/fixed_point_fashion_mnist/claim_ids.h"
#include "papers/fixed_point_fashion_mnist/verdict_rules.h"

namespace repro::fixed_point_fashion_mnist {
namespace {

constexpr double kLevel = 0.95;
// The number in the slides' statement "all parameters at 16 bits" (published key
// claim_all_parameters_16_bits, whose value is the statement in words).
constexpr int kClaimedParameterBits = 16;
const std::vector<std::pair<std::string, std::string>> kAccuracyKeys = {
    {"fp32", "fp32_accuracy"},
    {"fixed_point_baseline", "fixed_point_baseline_accuracy"},
    {"fixed_point_optimized", "fixed_point_optimized_accuracy"}};

// The whole number of images k out of `images` whose percentage prints as `percent`, or -1.
std::int64_t images_right(double percent, double half_unit, std::int64_t images) {
  const auto nearest = static_cast<std::int64_t>(std::llround(percent / 100.0 * images));
  const double printed = 100.0 * nearest / images;
  return std::abs(printed - percent) <= half_unit + 1e-12 ? nearest : -1;
}

PrintedNumber printed(const PublishedNumbers& published, const std::string& key) {
  return {key, published.number(key), published.half_unit(key)};
}

void decide_one_batch(StudyContext& context) {
  constexpr ClaimId claim = kPublishedAccuraciesAreKOf32;
  if (!context.should_decide(claim)) return;
  const auto& published = context.published();
  const auto images = static_cast<std::int64_t>(published.number("evaluation_images_inferred"));
  std::vector<PrintedNumber> accuracies;
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& [name, key] : kAccuracyKeys) {
    accuracies.push_back(printed(published, key));
    const double percent = published.number(key);
    const std::int64_t right = images_right(percent, published.half_unit(key), images);
    if (right >= 0) {
      const auto wilson = stats::binomial_interval(right, images, stats::IntervalMethod::wilson, kLevel);
      rows.push_back({name, percent, fmt::format("{}/{}", right, images), 100.0 * wilson.lower,
                      100.0 * wilson.upper});
    }
  }
  context.add_table({{"id", "published_accuracy_intervals"},
                     {"title", "Published accuracies as k of 32 test images, with 95% Wilson intervals"},
                     {"columns", {"configuration", "published %", "k / n", "Wilson lower %", "Wilson upper %"}},
                     {"rows", rows}});
  context.decide(claim, k_of_n_rule(accuracies, images));
}

void decide_drop_arithmetic(StudyContext& context) {
  constexpr ClaimId claim = kClaimedDropIsFp32MinusOptimized;
  if (!context.should_decide(claim)) return;
  const auto& published = context.published();
  context.decide(claim, drop_arithmetic_rule(printed(published, "fp32_accuracy"),
                                             printed(published, "fixed_point_optimized_accuracy"),
                                             printed(published, "claimed_drop_points")));
}

// With 32 images per configuration, is the drop distinguishable from zero?
void decide_drop_significance(StudyContext& context) {
  constexpr ClaimId claim = kPublishedDropIsSignificant;
  if (!context.should_decide(claim)) return;
  const auto& published = context.published();
  const auto images = static_cast<std::int64_t>(published.number("evaluation_images_inferred"));
  const auto right = [&](const std::string& key) {
    return images_right(published.number(key), published.half_unit(key), images);
  };
  context.decide(claim, published_drop_rule(right("fp32_accuracy"), right("fixed_point_optimized_accuracy"), images));
}

// "All parameters at 16 bits" (slide 'Conclusion') against the optimized configuration's own
// formats: the stored parameters are the weights and the biases.
void decide_parameter_bits(StudyContext& context) {
  constexpr ClaimId claim = kAllParametersAt16Bits;
  if (!context.should_decide(claim)) return;
  const auto& formats = context.published().value("optimized_formats");
  std::vector<std::pair<std::string, int>> bits;
  for (const char* role : {"weights", "biases"}) bits.emplace_back(role, formats.at(role).at(0).get<int>());
  context.decide(claim, parameter_bits_rule(bits, kClaimedParameterBits));
}

}  // namespace

void audit_published_numbers(StudyContext& context) {
  decide_one_batch(context);
  decide_drop_arithmetic(context);
  decide_drop_significance(context);
  decide_parameter_bits(context);
}

}  // namespace repro::fixed_point_fashion_mnist
