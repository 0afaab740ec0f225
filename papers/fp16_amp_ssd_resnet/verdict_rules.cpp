#include "papers/fp16_amp_ssd_resnet/verdict_rules.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "common/comparison_decision.h"
#include "common/decision_conjunction.h"
#include "base/errors.h"
#include "stats/binomial_interval.h"
#include "stats/detectable_effect.h"
#include "stats/difference_interval.h"
#include "stats/t_test.h"

namespace repro::fp16_amp_ssd_resnet {
namespace {

constexpr const char* kPoints = "points";

DetectableEffect exact_effect(const std::string& unit, const std::string& what = "exact computation") {
  return {0.0, unit, what};
}

void require_above_half_unit(const Printed& number, const char* what) {
  if (!(number.value > number.half_unit) || number.half_unit < 0.0) {
    throw InputError(fmt::format("{}: {} must exceed its half unit {} (>= 0)", what, number.value, number.half_unit));
  }
}

Estimate wilson_percent(std::int64_t correct, std::int64_t total, const std::string& what) {
  if (total <= 0 || correct < 0 || correct > total) throw InputError("accuracy: 0 <= correct <= total, total > 0");
  const stats::Interval interval = stats::binomial_interval(correct, total, stats::IntervalMethod::wilson);
  return {100.0 * correct / total, {100.0 * interval.lower, 100.0 * interval.upper},
          fmt::format("Wilson, {} of {} ({})", correct, total, what)};
}

DetectableEffect effect_of(const stats::Interval& interval, const std::string& basis) {
  return {stats::minimum_detectable_effect(stats::standard_error_of_interval(interval)), kPoints,
          "2.80 x the standard error behind the 95% " + basis};
}

}  // namespace

Decision ratio_follows_rule(const std::vector<PrintedRatio>& ratios) {
  std::vector<Decision> parts;
  for (const PrintedRatio& ratio : ratios) {
    require_above_half_unit(ratio.numerator, "ratio_follows_rule");
    require_above_half_unit(ratio.denominator, "ratio_follows_rule");
    const double value = ratio.numerator.value / ratio.denominator.value;
    const double lower = (ratio.numerator.value - ratio.numerator.half_unit) /
                             (ratio.denominator.value + ratio.denominator.half_unit) - ratio.ratio.half_unit;
    const double upper = (ratio.numerator.value + ratio.numerator.half_unit) /
                             (ratio.denominator.value - ratio.denominator.half_unit) + ratio.ratio.half_unit;
    parts.push_back(decide_comparison(
        kRatioFollowsRule,
        published_within(ratio.name + " ratio to single precision (internal-consistency audit)", "", ratio.ratio.value,
                         {value, {lower, upper},
                          fmt::format("{}/{} with each time ± its half unit, the ratio ± {}", ratio.numerator.value,
                                      ratio.denominator.value, ratio.ratio.half_unit)}),
        {0.0, "", "half a unit of the printed times and of the printed two-decimal ratio"}, exact_effect("")));
  }
  return all_of_decisions(parts, "every printed ratio follows from the printed times");
}

Decision time_unit_rule(const TimeUnitInputs& in) {
  require_above_half_unit(in.ssd_time, "time_unit_rule");
  require_above_half_unit(in.resnet_seconds_per_epoch, "time_unit_rule");
  if (!(in.resnet_images_per_epoch > 0 && in.multiply_accumulate_ratio > 0 && in.batch > 0 &&
        in.iterations_per_epoch > 0)) {
    throw InputError("time_unit_rule: images, MAC ratio, batch and iterations must be positive");
  }
  constexpr double kSecondsPerHour = 3600.0;
  // ln(seconds reading's distance / hours reading's distance) for one corner of the inputs.
  const auto log_preference = [&](double time, double resnet_seconds) {
    const double predicted = resnet_seconds / in.resnet_images_per_epoch * in.multiply_accumulate_ratio * in.batch;
    const double hours_reading = time * kSecondsPerHour / in.iterations_per_epoch;
    return std::abs(std::log(time / predicted)) - std::abs(std::log(hours_reading / predicted));
  };
  const double value = log_preference(in.ssd_time.value, in.resnet_seconds_per_epoch.value);
  double lower = value, upper = value;
  for (double time : {in.ssd_time.value - in.ssd_time.half_unit, in.ssd_time.value + in.ssd_time.half_unit}) {
    for (double resnet : {in.resnet_seconds_per_epoch.value - in.resnet_seconds_per_epoch.half_unit,
                          in.resnet_seconds_per_epoch.value + in.resnet_seconds_per_epoch.half_unit}) {
      lower = std::min(lower, log_preference(time, resnet));
      upper = std::max(upper, log_preference(time, resnet));
    }
  }
  const double threshold = std::log(kDecisiveRatio);
  const double predicted = in.resnet_seconds_per_epoch.value / in.resnet_images_per_epoch *
                           in.multiply_accumulate_ratio * in.batch;
  return decide_comparison(
             kTimeUnitRule,
             direction_of("ln(seconds reading's distance factor / hours reading's) from the MAC-scaled prediction "
                          "(internal-consistency audit)",
                          "ln factor",
                          {value, {lower, upper}, "over the corners of the printed inputs' rounding"}, threshold),
             {threshold, "ln factor",
              "ln 1.5: throughput per FLOP differs between networks by tens of percent on one GPU, so one "
              "reading must be 1.5x closer to count"},
             exact_effect("ln factor", "exact computation (the interval is the printed inputs' rounding)"))
      .measured({{"predicted_single_seconds_per_iteration", predicted},
                 {"hours_per_epoch_reading_seconds_per_iteration",
                  in.ssd_time.value * kSecondsPerHour / in.iterations_per_epoch},
                 {"seconds_per_iteration_reading_hours_per_epoch",
                  in.ssd_time.value * in.iterations_per_epoch / kSecondsPerHour}});
}

OrderedPair accuracy_pair(const std::string& what, double first_percent, double second_percent,
                          std::int64_t test_images) {
  const auto right = [test_images](double percent) {
    return static_cast<std::int64_t>(std::llround(percent * test_images / 100.0));
  };
  const Estimate first = wilson_percent(right(first_percent), test_images, "logged");
  const Estimate second = wilson_percent(right(second_percent), test_images, "logged");
  const stats::Interval interval =
      stats::mover_difference_interval(first.value, first.interval, second.value, second.interval);
  return {what, kPoints, {first.value - second.value, interval, "MOVER (Newcombe) from the two Wilson intervals"},
          effect_of(interval, "MOVER interval")};
}

OrderedPair printed_pair(const std::string& what, const std::string& unit, const Printed& first,
                         const Printed& second) {
  const double difference = first.value - second.value;
  const double spread = first.half_unit + second.half_unit;
  return {what, unit,
          {difference, {difference - spread, difference + spread}, "printed values ± their half units"},
          exact_effect(unit, "exact computation (printed values; the interval is their rounding)")};
}

Decision ordering_rule(const std::string& rule_id, const std::vector<OrderedPair>& pairs) {
  std::vector<Decision> parts;
  for (const OrderedPair& pair : pairs) {
    parts.push_back(decide_comparison(rule_id, direction_of(pair.what, pair.unit, pair.difference),
                                      {0.0, pair.unit, "a direction only: any positive difference"},
                                      pair.detectable));
  }
  return all_of_decisions(parts, "every stated order holds");
}

Decision about_ninety_rule(const std::vector<ModeAccuracy>& modes) {
  const Margin margin{kAboutNinetyMarginPoints, kPoints,
                      "'about 90 %' has one significant figure: half a unit of its tens digit"};
  std::vector<Decision> parts;
  for (const ModeAccuracy& mode : modes) {
    const Estimate ours = wilson_percent(mode.correct, mode.total, mode.mode);
    parts.push_back(decide_comparison(kAboutNinetyRule,
                                      agreement_with(mode.mode + " CIFAR-10 test accuracy", "%", 90.0, ours, margin),
                                      margin, effect_of(ours.interval, "Wilson interval")));
  }
  return all_of_decisions(parts, "every mode's accuracy is about 90 %");
}

Decision lower_loss_rule(const ModeLosses& lower, const std::vector<ModeLosses>& others) {
  std::vector<Decision> parts;
  for (const ModeLosses& other : others) {
    if (other.loss_by_seed.size() != lower.loss_by_seed.size() || lower.loss_by_seed.size() < 2) {
      throw InputError(fmt::format("lower_loss_rule: {} and {} need the same number (>= 2) of seeds", lower.mode,
                                   other.mode));
    }
    const stats::TTestResult test = stats::paired_t_test(other.loss_by_seed, lower.loss_by_seed);
    double mean = 0.0;
    for (std::size_t i = 0; i < lower.loss_by_seed.size(); ++i) mean += other.loss_by_seed[i] - lower.loss_by_seed[i];
    mean /= static_cast<double>(lower.loss_by_seed.size());
    const stats::Interval interval = std::isnan(test.statistic) ? stats::Interval{mean, mean} : test.confidence_interval;
    const Estimate difference{mean, interval,
                              fmt::format("paired t over {} seeds (same seed: same initial weights and batch order)",
                                          lower.loss_by_seed.size())};
    const double degrees_of_freedom = static_cast<double>(lower.loss_by_seed.size()) - 1.0;
    parts.push_back(decide_comparison(
        kLossOrderRule, direction_of(other.mode + " − " + lower.mode + " final mean test loss", "", difference),
        {0.0, "", "a direction only: any positive difference"},
        {stats::minimum_detectable_effect(stats::standard_error_of_interval(interval, degrees_of_freedom),
                                          degrees_of_freedom),
         "", "(q(0.975) + q(0.80)) x the standard error behind the paired t interval"}));
  }
  return all_of_decisions(parts, lower.mode + "'s test loss is below every other mode's");
}

Decision map_rule(const std::vector<double>& ours_points_by_seed, double published_points) {
  if (ours_points_by_seed.size() < 2) throw InputError("map_rule: the mAP needs >= 2 seeds");
  const Margin margin{kMapMarginPoints, kPoints,
                      "practical: SSD300 implementations on VOC07 differ by about a point (74.3 original, 73.6 "
                      "here); 2 points stated before any full run"};
  const stats::TTestResult test = stats::one_sample_t_test(ours_points_by_seed, 0.0);
  double mean = 0.0;
  for (double value : ours_points_by_seed) mean += value;
  mean /= static_cast<double>(ours_points_by_seed.size());
  const stats::Interval interval = std::isnan(test.statistic) ? stats::Interval{mean, mean} : test.confidence_interval;
  const double degrees_of_freedom = static_cast<double>(ours_points_by_seed.size()) - 1.0;
  return decide_comparison(
      kMapRule,
      agreement_with("AMP VOC07 11-point mAP", kPoints, published_points,
                     {mean, interval, fmt::format("mean over {} seeds, 95% t interval", ours_points_by_seed.size())},
                     margin),
      margin,
      {stats::minimum_detectable_effect(stats::standard_error_of_interval(interval, degrees_of_freedom),
                                        degrees_of_freedom),
       kPoints, "(q(0.975) + q(0.80)) x the standard error behind the t interval"});
}

Decision model_size_rule(double printed_mb, double half_unit_mb, std::int64_t bytes) {
  if (bytes <= 0) throw InputError("fp16_amp_ssd_resnet: a model size needs bytes > 0");
  const double size = static_cast<double>(bytes);
  return printed_value_audit(kModelSizeRule, "half-precision ResNet-18 model size", "MB", printed_mb, half_unit_mb,
                             fmt::format("half a unit of the printed precision ({:g} MB)", half_unit_mb),
                             {size / 1e6, size / 1048576.0},
                             fmt::format("{} bytes read as 10^6 and as 2^20 bytes per MB", bytes))
      .measured({{"bytes", bytes}, {"megabytes_1e6", size / 1e6}, {"mebibytes", size / 1048576.0}});
}

}  // namespace repro::fp16_amp_ssd_resnet
