// An optimizer wrapper that keeps a model's parameters, gradients and optimizer state in the
// precision policy's formats.
#pragma once

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include <torch/nn/module.h>
#include <torch/optim/optimizer.h>

#include "common/quantization/training_precision.h"

namespace repro::quantization {

// step() does, in order:
//   1. every parameter's gradient <- Q(weight_gradients)
//   2. the wrapped optimizer's step
//   3. every parameter <- Q(biases) for parameters whose name in `model` ends in "bias",
//      Q(weights) for the others: the weights are stored in the weight format after each update
//   4. every tensor of the optimizer state (SGD momentum; Adam/AdamW moments; RMSprop square
//      average, momentum and grad average; Adagrad sum) <- Q(optimizer_state)
// with the specs of precision's current policy; full-precision roles are skipped. Every
// quantization is counted into precision's telemetry when it is on (numerics_telemetry.h).
// Stochastic keys: role r, layer = kOptimizerKeyLayer + the parameter's index in the optimizer.
class QuantizedOptimizer {
 public:
  static constexpr std::int64_t kOptimizerKeyLayer = 1 << 20;

  // REQUIRES: optimizer, precision not null; `model` owns the optimizer's parameters (it is read
  // only here, to tell biases from weights).
  QuantizedOptimizer(std::shared_ptr<torch::optim::Optimizer> optimizer,
                     std::shared_ptr<TrainingPrecision> precision, const torch::nn::Module& model);

  void zero_grad() { optimizer_->zero_grad(); }
  void step();

  // Applies steps 3 and 4 only (e.g. to store freshly initialized weights in the weight format).
  // `before`: empty, or the parameters before this step in param_groups order (the stagnant
  // updates are then counted into the telemetry; step() passes them when telemetry is on).
  void quantize_parameters_and_state(const std::vector<torch::Tensor>& before = {});

  torch::optim::Optimizer& optimizer() { return *optimizer_; }

 private:
  std::shared_ptr<torch::optim::Optimizer> optimizer_;
  std::shared_ptr<TrainingPrecision> precision_;
  std::unordered_map<const void*, bool> is_bias_;  // by TensorImpl
};

}  // namespace repro::quantization
