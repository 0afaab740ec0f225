#include "common/quantization/recorded_quantize.h"

#include "common/quantization/quantize_tensor.h"

namespace repro::quantization {

torch::Tensor quantize_recorded(const torch::Tensor& input, const QuantizationSpec& spec,
                                StochasticKey key, TelemetryTarget target) {
  if (!target.telemetry || !input.defined() || spec.is_identity() ||
      !target.telemetry->recording()) {
    return quantize(input, spec, key);
  }
  kernels::QuantizeCounters counters;
  torch::Tensor output = quantize(input, spec, key, &counters);
  target.telemetry->record(target.role, input.numel(), counters, spec);
  return output;
}

void quantize_in_place_recorded(torch::Tensor& tensor, const QuantizationSpec& spec,
                                StochasticKey key, TelemetryTarget target) {
  if (!target.telemetry || spec.is_identity() || !target.telemetry->recording()) {
    quantize_in_place(tensor, spec, key);
    return;
  }
  kernels::QuantizeCounters counters;
  quantize_in_place(tensor, spec, key, &counters);
  target.telemetry->record(target.role, tensor.numel(), counters, spec);
}

}  // namespace repro::quantization
