#include "papers/fp16_amp_ssd_resnet/speed_ratio_rule.h"

namespace repro::fp16_amp_ssd_resnet {

Decision speed_ratio_rule(const std::string& quantity, double published_ratio, const Estimate& ours) {
  return decide_time_ratio_agreement(kSpeedRatioRule, quantity, published_ratio, ours);
}

}  // namespace repro::fp16_amp_ssd_resnet
