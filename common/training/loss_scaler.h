// Dynamic loss scaling with the semantics of PyTorch's torch.cuda.amp.GradScaler.
//
//   DynamicLossScaler scaler;                      // scale 2^16, growth 2, backoff 0.5, 2000
//   scaler.scale(loss).backward();
//   scaler.unscale_(optimizer);                    // optional: to clip or inspect true gradients
//   bool stepped = scaler.step(optimizer);         // skipped when a gradient is inf/NaN
//   scaler.update();                               // backoff on a skip, growth after
//                                                  // growth_interval consecutive finite steps
//
// update(): after a skipped step scale *= backoff_factor and the growth tracker resets to 0;
// after a finite step the tracker increments, and when it reaches growth_interval the scale is
// multiplied by growth_factor and the tracker resets (GradScaler's _amp_update_scale_). Scales
// stay powers of two with the default factors, so scaling and unscaling are exact.
#pragma once

#include <cstdint>

#include <torch/torch.h>

namespace repro::training {

struct LossScalerOptions {
  TORCH_ARG(double, initial_scale) = 65536.0;  // 2^16
  TORCH_ARG(double, growth_factor) = 2.0;
  TORCH_ARG(double, backoff_factor) = 0.5;
  TORCH_ARG(std::int64_t, growth_interval) = 2000;
  // Disabled: scale() returns the loss, step() always steps, update() does nothing.
  TORCH_ARG(bool, enabled) = true;
};

// The state a checkpoint stores.
struct LossScalerState {
  double scale = 65536.0;
  std::int64_t growth_tracker = 0;
};

class DynamicLossScaler {
 public:
  // REQUIRES: initial_scale > 0, growth_factor > 1, 0 < backoff_factor < 1, growth_interval > 0
  // (else repro::InputError naming the option).
  explicit DynamicLossScaler(LossScalerOptions options = LossScalerOptions());

  // loss * scale (the loss unchanged when disabled).
  torch::Tensor scale(const torch::Tensor& loss) const;

  // Multiplies every gradient of the optimizer's parameters by 1 / scale in place and records
  // whether any is inf or NaN. At most once between update()s (else std::logic_error).
  // Per (device, dtype) group of gradients: on CUDA GradScaler's fused
  // _amp_foreach_non_finite_check_and_unscale_ (a few launches for all gradients, not three kernels
  // per parameter); on CPU _foreach_mul_ and one finiteness check per gradient. One host
  // synchronisation per call, for all groups together.
  void unscale_(torch::optim::Optimizer& optimizer);

  // Unscales when unscale_ was not called since the last update(), then calls
  // optimizer.step() unless a non-finite gradient was found. Returns whether it stepped.
  bool step(torch::optim::Optimizer& optimizer);

  // Adjusts the scale from this step's outcome (see the file comment) and readies the next step.
  // REQUIRES: unscale_ or step was called since the last update() (else std::logic_error).
  void update();

  double current_scale() const { return state_.scale; }
  std::int64_t growth_tracker() const { return state_.growth_tracker; }
  // Whether the last unscale_ found an inf or NaN gradient.
  bool found_non_finite_gradient() const { return found_non_finite_; }
  bool enabled() const { return options_.enabled(); }
  const LossScalerOptions& options() const { return options_; }

  LossScalerState state() const { return state_; }
  void load_state(const LossScalerState& state);

 private:
  LossScalerOptions options_;
  LossScalerState state_;
  bool unscaled_this_step_ = false;
  bool found_non_finite_ = false;
};

}  // namespace repro::training
