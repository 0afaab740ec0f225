#include "common/training/loss_scaler.h"

#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "base/errors.h"

namespace repro::training {

DynamicLossScaler::DynamicLossScaler(LossScalerOptions options) : options_(std::move(options)) {
  if (!(options_.initial_scale() > 0.0)) {
    throw InputError("loss scaler option initial_scale must be > 0");
  }
  if (!(options_.growth_factor() > 1.0)) {
    throw InputError("loss scaler option growth_factor must be > 1");
  }
  if (!(options_.backoff_factor() > 0.0 && options_.backoff_factor() < 1.0)) {
    throw InputError("loss scaler option backoff_factor must be in (0, 1)");
  }
  if (options_.growth_interval() <= 0) {
    throw InputError("loss scaler option growth_interval must be > 0");
  }
  state_.scale = options_.initial_scale();
  state_.growth_tracker = 0;
}

torch::Tensor DynamicLossScaler::scale(const torch::Tensor& loss) const {
  if (!options_.enabled()) return loss;
  return loss * state_.scale;
}

void DynamicLossScaler::unscale_(torch::optim::Optimizer& optimizer) {
  if (!options_.enabled()) return;
  if (unscaled_this_step_) {
    throw std::logic_error("DynamicLossScaler::unscale_ called twice before update()");
  }
  torch::NoGradGuard no_grad;
  // Gradients grouped by device and dtype (the foreach kernels take one of each).
  std::map<std::pair<std::string, c10::ScalarType>, std::vector<torch::Tensor>> groups;
  for (auto& group : optimizer.param_groups()) {
    for (auto& parameter : group.params()) {
      torch::Tensor gradient = parameter.grad();
      if (gradient.defined()) groups[{gradient.device().str(), gradient.scalar_type()}].push_back(gradient);
    }
  }
  std::vector<torch::Tensor> found_flags;  // per group: > 0 (CUDA) or false (CPU) when non-finite
  for (auto& [key, gradients] : groups) {
    const torch::Device device = gradients.front().device();
    if (device.is_cuda()) {
      // GradScaler's fused kernel: unscale and check every gradient of the group in a few launches.
      torch::Tensor found = torch::zeros({1}, torch::TensorOptions().device(device).dtype(torch::kFloat32));
      const torch::Tensor inverse =
          torch::full({1}, 1.0 / state_.scale, torch::TensorOptions().device(device).dtype(torch::kFloat32));
      at::_amp_foreach_non_finite_check_and_unscale_(gradients, found, inverse);
      found_flags.push_back(found.gt(0).view({}));
    } else {
      torch::_foreach_mul_(gradients, 1.0 / state_.scale);
      std::vector<torch::Tensor> finite;
      finite.reserve(gradients.size());
      for (const torch::Tensor& gradient : gradients) finite.push_back(torch::isfinite(gradient).all());
      found_flags.push_back(torch::stack(finite).all().logical_not());
    }
  }
  // One host synchronisation for all groups on one device (one per device otherwise).
  std::map<std::string, std::vector<torch::Tensor>> flags_by_device;
  for (const torch::Tensor& flag : found_flags) flags_by_device[flag.device().str()].push_back(flag);
  found_non_finite_ = false;
  for (const auto& [device, flags] : flags_by_device)
    found_non_finite_ = torch::stack(flags).any().item<bool>() || found_non_finite_;
  unscaled_this_step_ = true;
}

bool DynamicLossScaler::step(torch::optim::Optimizer& optimizer) {
  if (!options_.enabled()) {
    optimizer.step();
    return true;
  }
  if (!unscaled_this_step_) unscale_(optimizer);
  if (found_non_finite_) return false;
  optimizer.step();
  return true;
}

void DynamicLossScaler::update() {
  if (!options_.enabled()) return;
  if (!unscaled_this_step_) {
    throw std::logic_error("DynamicLossScaler::update called without unscale_ or step");
  }
  if (found_non_finite_) {
    state_.scale *= options_.backoff_factor();
    state_.growth_tracker = 0;
  } else {
    const std::int64_t successful = state_.growth_tracker + 1;
    if (successful == options_.growth_interval()) {
      state_.scale *= options_.growth_factor();
      state_.growth_tracker = 0;
    } else {
      state_.growth_tracker = successful;
    }
  }
  unscaled_this_step_ = false;
  found_non_finite_ = false;
}

void DynamicLossScaler::load_state(const LossScalerState& state) {
  if (!(state.scale > 0.0) || state.growth_tracker < 0) {
    throw InputError("loss scaler state must have scale > 0 and growth_tracker >= 0");
  }
  state_ = state;
  unscaled_this_step_ = false;
  found_non_finite_ = false;
}

}  // namespace repro::training
