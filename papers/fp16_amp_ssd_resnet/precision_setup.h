// The study's five precision modes on a device: whether a mode can run there (the harness's
// MixedPrecision plug-in, common/training/precision_plugin.h, gives each its autocast and loss
// scaler).
#pragma once

#include <string>
#include <vector>

#include <torch/torch.h>

#include "common/training/classifier_training.h"
#include "common/training/precision_mode.h"

namespace repro::fp16_amp_ssd_resnet {

// fp32, tf32, fp16, amp-fp16, amp-bf16.
const std::vector<training::PrecisionMode>& study_precision_modes();

// "" when `mode` runs on `device`, else why not. On CPU: tf32 is a CUDA tensor-core format
// (identical to fp32 there), LibTorch 1.13's CPU autocast supports bfloat16 only (no amp-fp16),
// and fp16 is probed: a half convolution + float32 batch norm forward and backward on the CPU.
std::string precision_mode_unavailable_reason(training::PrecisionMode mode, const torch::Device& device);

// Zeroes every defined gradient of `optimizer` in place and calls step() again: the authors'
// code calls the optimizer a second time each iteration with zeroed gradients, so SGD applies
// its momentum and weight decay twice. (Python's zero_grad() of their era zeroed in place too.)
void repeat_step_with_zero_gradients(torch::optim::Optimizer& optimizer);

}  // namespace repro::fp16_amp_ssd_resnet
