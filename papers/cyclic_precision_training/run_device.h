// The LibTorch device a study run trains on (cuda when the run's device is cuda).
#pragma once

#include <torch/types.h>

#include "common/study_context.h"

namespace repro::cyclic_precision_training {

inline torch::Device torch_device(const StudyContext& context) {
  return context.device() == DeviceKind::cuda ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
}

}  // namespace repro::cyclic_precision_training
