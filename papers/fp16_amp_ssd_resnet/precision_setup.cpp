#include "papers/fp16_amp_ssd_resnet/precision_setup.h"

#include <memory>

#include "common/training/loss_scaler.h"

namespace repro::fp16_amp_ssd_resnet {

using training::PrecisionMode;

const std::vector<PrecisionMode>& study_precision_modes() {
  static const std::vector<PrecisionMode> modes{PrecisionMode::fp32, PrecisionMode::tf32, PrecisionMode::fp16,
                                                PrecisionMode::amp_fp16, PrecisionMode::amp_bf16};
  return modes;
}

std::string precision_mode_unavailable_reason(PrecisionMode mode, const torch::Device& device) {
  if (device.is_cuda()) return "";
  switch (mode) {
    case PrecisionMode::fp32:
    case PrecisionMode::amp_bf16:
      return "";
    case PrecisionMode::tf32:
      return "TF32 is a CUDA tensor-core math mode; on the CPU it would be fp32 again";
    case PrecisionMode::amp_fp16:
      return "LibTorch's CPU autocast supports bfloat16 only (float16 autocast needs CUDA)";
    case PrecisionMode::fp16:
      break;
  }
  try {
    torch::nn::Sequential probe(torch::nn::Conv2d(torch::nn::Conv2dOptions(3, 4, 3).padding(1)),
                                torch::nn::BatchNorm2d(4));
    training::prepare_model_for_precision(*probe, mode, device);
    torch::Tensor input = torch::ones({2, 3, 4, 4}, torch::kHalf);
    probe->forward(input).to(torch::kFloat).sum().backward();
  } catch (const std::exception& error) {
    std::string what = error.what();
    what = what.substr(0, what.find('\n'));
    return "this LibTorch cannot train a half model on the CPU (probe: half convolution + float32 "
           "batch norm failed: " + what + ")";
  }
  return "";
}

void repeat_step_with_zero_gradients(torch::optim::Optimizer& optimizer) {
  {
    torch::NoGradGuard no_grad;
    for (auto& group : optimizer.param_groups()) {
      for (auto& parameter : group.params()) {
        if (parameter.grad().defined()) parameter.mutable_grad().zero_();
      }
    }
  }
  optimizer.step();
}

}  // namespace repro::fp16_amp_ssd_resnet
