#include "common/training/mixed_precision_step.h"

#include "common/training/autocast.h"

namespace repro::training {

MixedPrecisionStep::MixedPrecisionStep(PrecisionMode mode, const torch::Device& device)
    : MixedPrecisionStep(device, autocast_dtype(mode), uses_loss_scaler(mode)) {}

MixedPrecisionStep::MixedPrecisionStep(const torch::Device& device,
                                       std::optional<torch::ScalarType> autocast_dtype, bool loss_scaling)
    : device_(device), autocast_dtype_(autocast_dtype) {
  if (loss_scaling) loss_scaler_ = std::make_unique<DynamicLossScaler>();
}

torch::Tensor MixedPrecisionStep::forward(const std::function<torch::Tensor()>& compute) const {
  std::optional<AutocastGuard> autocast;
  if (autocast_dtype_) autocast.emplace(device_, *autocast_dtype_);
  return compute();
}

torch::Tensor MixedPrecisionStep::run(torch::optim::Optimizer& optimizer,
                                      const std::function<torch::Tensor()>& compute_loss) {
  optimizer.zero_grad();
  const torch::Tensor loss = forward(compute_loss);  // autocast ends before backward, as in PyTorch
  if (loss_scaler_) {
    loss_scaler_->scale(loss).backward();
    if (!loss_scaler_->step(optimizer)) ++skipped_steps_;
    loss_scaler_->update();
  } else {
    loss.backward();
    optimizer.step();
  }
  return loss.detach();
}

}  // namespace repro::training
