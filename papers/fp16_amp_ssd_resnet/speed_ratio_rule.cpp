#include "papers/fp16_amp_ssd_resnet/speed_ratio_rule.h"

#include "common/comparison_decision.h"

namespace repro::fp16_amp_ssd_resnet {

Decision speed_ratio_rule(const std::string& quantity, double published_ratio, const Estimate& ours) {
  const Margin margin{kSpeedRatioMargin, "ratio",
                      "practical: a speed-up depends on the GPU generation; within 0.10 of the published "
                      "ratio is the same speed-up (stated before any GPU run)"};
  return decide_agreement(kSpeedRatioRule, quantity, "ratio", published_ratio, ours, margin);
}

}  // namespace repro::fp16_amp_ssd_resnet
