// Hand-computed cases of the VOC07 11-point average precision, shared by the unit tests and the
// smoke tier. Each case's derivation is in voc07_hand_cases.cpp.
#pragma once

#include <string>
#include <vector>

#include "papers/fp16_amp_ssd_resnet/voc07_average_precision.h"

namespace repro::fp16_amp_ssd_resnet {

struct AveragePrecisionHandCase {
  std::string name;
  std::vector<ScoredBox> detections;
  std::vector<GroundTruthBox> ground_truths;
  AveragePrecisionOptions options;
  double expected_average_precision = 0;
};

std::vector<AveragePrecisionHandCase> voc07_hand_cases();

}  // namespace repro::fp16_amp_ssd_resnet
