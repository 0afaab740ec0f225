#include "common/training/loss_scaler.h"

#include <stdexcept>

#include "common/errors.h"

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
  const double inverse_scale = 1.0 / state_.scale;
  std::vector<torch::Tensor> finite_flags;
  for (auto& group : optimizer.param_groups()) {
    for (auto& parameter : group.params()) {
      torch::Tensor gradient = parameter.grad();
      if (!gradient.defined()) continue;
      gradient.mul_(inverse_scale);
      finite_flags.push_back(torch::isfinite(gradient).all());
    }
  }
  found_non_finite_ =
      !finite_flags.empty() && !torch::stack(finite_flags).all().item<bool>();
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
