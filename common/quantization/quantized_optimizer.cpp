#include "common/quantization/quantized_optimizer.h"

#include <stdexcept>
#include <string>
#include <vector>

#include <torch/optim/adagrad.h>
#include <torch/optim/adam.h>
#include <torch/optim/adamw.h>
#include <torch/optim/rmsprop.h>
#include <torch/optim/sgd.h>

#include "common/quantization/layer_quantization.h"
#include "common/quantization/recorded_quantize.h"

namespace repro::quantization {
namespace {

// The tensors of one parameter's optimizer state, for the optimizers LibTorch ships.
std::vector<torch::Tensor*> state_tensors(torch::optim::OptimizerParamState& state) {
  using namespace torch::optim;
  std::vector<torch::Tensor*> tensors;
  if (auto* sgd = dynamic_cast<SGDParamState*>(&state)) {
    tensors.push_back(&sgd->momentum_buffer());
  } else if (auto* adam = dynamic_cast<AdamParamState*>(&state)) {
    tensors = {&adam->exp_avg(), &adam->exp_avg_sq(), &adam->max_exp_avg_sq()};
  } else if (auto* adamw = dynamic_cast<AdamWParamState*>(&state)) {
    tensors = {&adamw->exp_avg(), &adamw->exp_avg_sq(), &adamw->max_exp_avg_sq()};
  } else if (auto* rmsprop = dynamic_cast<RMSpropParamState*>(&state)) {
    tensors = {&rmsprop->square_avg(), &rmsprop->momentum_buffer(), &rmsprop->grad_avg()};
  } else if (auto* adagrad = dynamic_cast<AdagradParamState*>(&state)) {
    tensors.push_back(&adagrad->sum());
  }
  return tensors;
}

}  // namespace

QuantizedOptimizer::QuantizedOptimizer(std::shared_ptr<torch::optim::Optimizer> optimizer,
                                       std::shared_ptr<TrainingPrecision> precision,
                                       const torch::nn::Module& model)
    : optimizer_(std::move(optimizer)), precision_(std::move(precision)) {
  if (!optimizer_ || !precision_) {
    throw std::invalid_argument("QuantizedOptimizer: null optimizer or TrainingPrecision");
  }
  for (const auto& item : model.named_parameters(/*recurse=*/true)) {
    is_bias_[item.value().unsafeGetTensorImpl()] = parameter_role(item.key()) == Role::biases;
  }
}

void QuantizedOptimizer::step() {
  const auto& gradient_spec = precision_->spec(Role::weight_gradients);
  if (gradient_spec && !gradient_spec->is_identity()) {
    std::int64_t index = 0;
    for (const auto& group : optimizer_->param_groups()) {
      for (const torch::Tensor& parameter : group.params()) {
        quantize_gradients({parameter}, *precision_, kOptimizerKeyLayer + index++);
      }
    }
  }
  std::vector<torch::Tensor> before;
  if (precision_->telemetry() && precision_->telemetry()->recording()) {  // stagnant updates
    torch::NoGradGuard no_grad;
    for (const auto& group : optimizer_->param_groups()) {
      for (const torch::Tensor& parameter : group.params()) before.push_back(parameter.clone());
    }
  }
  optimizer_->step();
  quantize_parameters_and_state(before);
}

void QuantizedOptimizer::quantize_parameters_and_state(const std::vector<torch::Tensor>& before) {
  torch::NoGradGuard no_grad;
  TrainingPrecision& precision = *precision_;
  const auto& state_spec = precision.spec(Role::optimizer_state);
  const bool quantize_state = state_spec && !state_spec->is_identity();
  auto& state = optimizer_->state();
  std::int64_t index = 0;
  for (auto& group : optimizer_->param_groups()) {
    for (torch::Tensor& parameter : group.params()) {
      const std::int64_t key_layer = kOptimizerKeyLayer + index++;
      const auto found = is_bias_.find(parameter.unsafeGetTensorImpl());
      const Role role = found != is_bias_.end() && found->second ? Role::biases : Role::weights;
      const auto& spec = precision.spec(role);
      const std::size_t position = static_cast<std::size_t>(index - 1);
      if (spec) {
        store_parameter(parameter, *spec, role, precision, key_layer,
                        position < before.size() ? before[position] : torch::Tensor());
      }
      if (!quantize_state) continue;
      const auto entry = state.find(c10::guts::to_string(parameter.unsafeGetTensorImpl()));
      if (entry == state.end() || !entry->second) continue;
      for (torch::Tensor* tensor : state_tensors(*entry->second)) {
        if (!tensor->defined()) continue;
        const StochasticKey key = state_spec->is_stochastic()
                                      ? precision.next_key(Role::optimizer_state, key_layer)
                                      : StochasticKey{};
        quantize_in_place_recorded(*tensor, *state_spec, key,
                                   {precision.telemetry().get(), Role::optimizer_state});
      }
    }
  }
}

}  // namespace repro::quantization
