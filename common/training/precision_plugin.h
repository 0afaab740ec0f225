// The one way a run's number formats enter the training harness (TrainingOptions::precision):
// per iteration, choose this iteration's formats, quantize the gradients, store the parameters in
// their formats; for the whole run, autocast, loss scaling and numerical-health telemetry.
//
// The harness calls a plug-in at fixed points of every iteration, each just before the options'
// hook at the same point: begin_iteration before on_iteration_start (after the batch transform,
// before the forward pass), after_backward before after_backward (gradients ready, unscaled with a
// loss scaler, before the optimizer step), after_step before on_iteration_end (after the step;
// IterationState::parameters_before_step is set when the telemetry records this iteration).
// Hooks stay for what is not precision (measuring, logging, requesting a stop).
//
// Plug-ins here: MixedPrecision (a PrecisionMode's autocast and loss scaler), QuantizedPrecision
// (a quantization::TrainingPrecision: formats per role, gradients, stored parameters, telemetry).
// A study with its own precision state derives its own (CPT's bit widths per iteration).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include <torch/types.h>

#include "common/quantization/numerics_telemetry.h"
#include "common/quantization/training_precision.h"
#include "common/training/classifier_training.h"
#include "common/training/precision_mode.h"

namespace repro::training {

class PrecisionPlugin {
 public:
  virtual ~PrecisionPlugin() = default;
  virtual void begin_iteration(IterationState& state) { (void)state; }
  virtual void after_backward(IterationState& state) { (void)state; }
  virtual void after_step(IterationState& state) { (void)state; }
  // The forward pass and loss (training and evaluation) run under autocast to this dtype.
  virtual std::optional<torch::ScalarType> autocast_dtype() const { return std::nullopt; }
  // The run's dynamic loss scaler (the same object on every call), or null.
  virtual std::shared_ptr<DynamicLossScaler> loss_scaler() const { return nullptr; }
  // The run's numerical-health telemetry (the same object on every call), or null.
  virtual std::shared_ptr<quantization::NumericsTelemetry> telemetry() const { return nullptr; }
};

// A PrecisionMode's autocast dtype (autocast_dtype(mode)) and, for amp-fp16, a fresh
// DynamicLossScaler; `scaler`, when given, is the run's scaler whatever the mode. One per run.
class MixedPrecision : public PrecisionPlugin {
 public:
  explicit MixedPrecision(PrecisionMode mode, std::shared_ptr<DynamicLossScaler> scaler = nullptr);
  std::optional<torch::ScalarType> autocast_dtype() const override { return autocast_; }
  std::shared_ptr<DynamicLossScaler> loss_scaler() const override { return scaler_; }

 private:
  std::optional<torch::ScalarType> autocast_;
  std::shared_ptr<DynamicLossScaler> scaler_;
};

// Quantized training with `precision`: precision->set_iteration(t) at the start of iteration t;
// its telemetry enabled (unless `record_numerics` is false) and reported; and, when asked, the
// gradients quantized after backward (quantization::quantize_gradients over the module's
// parameters, stochastic key layer `key_layer`) and the parameters stored in their formats after
// the step (quantization::store_parameters, or a study's own store). REQUIRES: precision != null.
class QuantizedPrecision : public PrecisionPlugin {
 public:
  explicit QuantizedPrecision(std::shared_ptr<quantization::TrainingPrecision> precision, bool record_numerics = true);
  QuantizedPrecision& quantize_gradients(std::int64_t key_layer);
  QuantizedPrecision& store_parameters();
  // After the step, `store(state)` instead of quantization::store_parameters.
  QuantizedPrecision& store_with(IterationHook store);

  void begin_iteration(IterationState& state) override;
  void after_backward(IterationState& state) override;
  void after_step(IterationState& state) override;
  std::shared_ptr<quantization::NumericsTelemetry> telemetry() const override { return telemetry_; }

 private:
  std::shared_ptr<quantization::TrainingPrecision> precision_;
  std::shared_ptr<quantization::NumericsTelemetry> telemetry_;
  std::optional<std::int64_t> gradient_key_layer_;
  IterationHook store_;
};

}  // namespace repro::training
