#include "common/training/precision_plugin.h"

#include <stdexcept>
#include <utility>

#include "common/quantization/layer_quantization.h"
#include "common/training/loss_scaler.h"

namespace repro::training {

MixedPrecision::MixedPrecision(PrecisionMode mode, std::shared_ptr<DynamicLossScaler> scaler)
    : autocast_(training::autocast_dtype(mode)),
      scaler_(scaler ? std::move(scaler)
                     : (uses_loss_scaler(mode) ? std::make_shared<DynamicLossScaler>() : nullptr)) {}

QuantizedPrecision::QuantizedPrecision(std::shared_ptr<quantization::TrainingPrecision> precision,
                                       bool record_numerics)
    : precision_(std::move(precision)) {
  if (!precision_) throw std::invalid_argument("QuantizedPrecision: null TrainingPrecision");
  if (record_numerics) telemetry_ = precision_->enable_telemetry();
}

QuantizedPrecision& QuantizedPrecision::quantize_gradients(std::int64_t key_layer) {
  gradient_key_layer_ = key_layer;
  return *this;
}

QuantizedPrecision& QuantizedPrecision::store_parameters() {
  store_ = [precision = precision_](IterationState& state) {
    quantization::store_parameters(*state.module, *precision, state.parameters_before_step);
  };
  return *this;
}

QuantizedPrecision& QuantizedPrecision::store_with(IterationHook store) {
  store_ = std::move(store);
  return *this;
}

void QuantizedPrecision::begin_iteration(IterationState& state) { precision_->set_iteration(state.iteration); }

void QuantizedPrecision::after_backward(IterationState& state) {
  if (!gradient_key_layer_) return;
  std::vector<torch::Tensor> parameters = state.module->parameters();
  quantization::quantize_gradients(parameters, *precision_, *gradient_key_layer_);
}

void QuantizedPrecision::after_step(IterationState& state) {
  if (store_) store_(state);
}

}  // namespace repro::training
