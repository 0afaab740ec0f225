// One optimizer step under a precision mode's autocast and dynamic loss scaling, for loops that
// time or drive steps themselves (speed benchmarks); train_classifier has its own loop with hooks.
//
//   torch::optim::Adam optimizer(model->parameters(), torch::optim::AdamOptions(1e-4));
//   MixedPrecisionStep step(PrecisionMode::amp_fp16, torch::kCUDA);   // makes the loss scaler
//   torch::Tensor loss = step.run(optimizer, [&] { return loss_of(model->forward(images)); });
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <torch/torch.h>

#include "common/training/loss_scaler.h"
#include "common/training/precision_mode.h"

namespace repro::training {

class MixedPrecisionStep {
 public:
  // Autocast to autocast_dtype(mode) on `device`, and a DynamicLossScaler with default options
  // (GradScaler's) when uses_loss_scaler(mode).
  MixedPrecisionStep(PrecisionMode mode, const torch::Device& device);
  // The parts spelled out: autocast to `autocast_dtype` when set, dynamic loss scaling when
  // `loss_scaling`. (Autocast to float16 on the CPU throws repro::InputError when run.)
  MixedPrecisionStep(const torch::Device& device, std::optional<torch::ScalarType> autocast_dtype,
                     bool loss_scaling);

  // zero_grad; compute_loss() under autocast (when the mode has one); backward, scaled when the
  // mode uses a loss scaler; optimizer step (skipped by the scaler on inf/NaN gradients); scaler
  // update. Returns the loss, detached and not copied to the host (no device synchronisation).
  torch::Tensor run(torch::optim::Optimizer& optimizer, const std::function<torch::Tensor()>& compute_loss);

  // Runs `compute` under the mode's autocast (for inference), returning its result.
  torch::Tensor forward(const std::function<torch::Tensor()>& compute) const;

  // Null unless the mode uses a loss scaler.
  const DynamicLossScaler* loss_scaler() const { return loss_scaler_.get(); }
  // Steps the loss scaler skipped so far.
  std::int64_t skipped_steps() const { return skipped_steps_; }

 private:
  torch::Device device_;
  std::optional<torch::ScalarType> autocast_dtype_;
  std::unique_ptr<DynamicLossScaler> loss_scaler_;
  std::int64_t skipped_steps_ = 0;
};

}  // namespace repro::training
