#include "common/time_ratio_rule.h"

#include <fmt/format.h>

#include "common/comparison_decision.h"
#include "base/errors.h"
#include "stats/detectable_effect.h"

namespace repro {

Margin time_ratio_margin() {
  return {kTimeRatioMargin, "ratio",
          "practical: a speed-up depends on the GPU generation, driver and framework; within 0.10 of "
          "the published ratio is the same speed-up (stated before any GPU run)"};
}

Decision decide_faster(const std::string& rule_id, const std::string& quantity, const Estimate& ratio) {
  if (!(ratio.interval.lower <= ratio.value && ratio.value <= ratio.interval.upper)) {
    throw InputError(fmt::format("decide_faster: {}: ratio {} outside its interval [{}, {}]", quantity, ratio.value,
                                 ratio.interval.lower, ratio.interval.upper));
  }
  const Estimate saving{1.0 - ratio.value, {1.0 - ratio.interval.upper, 1.0 - ratio.interval.lower},
                        ratio.method};
  const DetectableEffect detectable{stats::minimum_detectable_effect(stats::standard_error_of_interval(saving.interval)),
                                    "ratio", "2.80 x the standard error behind the ratio's 95% interval (" +
                                                 ratio.method + ")"};
  const Margin none{0.0, "ratio", "direction: any speed-up (no margin)"};
  return decide_comparison(rule_id, direction_of("1 − " + quantity, "ratio", saving), none, detectable)
      .measured({{"ratio", ratio.value}, {"ratio_interval95", {ratio.interval.lower, ratio.interval.upper}}});
}

Decision decide_time_ratio_agreement(const std::string& rule_id, const std::string& quantity,
                                     double published_ratio, const Estimate& ratio) {
  return decide_agreement(rule_id, quantity, "ratio", published_ratio, ratio, time_ratio_margin());
}

}  // namespace repro
