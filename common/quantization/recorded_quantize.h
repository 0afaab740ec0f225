// quantize() and quantize_in_place() that add the call's counts to a NumericsTelemetry.
#pragma once

#include <torch/types.h>

#include "common/quantization/numerics_telemetry.h"
#include "common/quantization/quantization_spec.h"
#include "common/quantization/stochastic_stream.h"

namespace repro::quantization {

// Where a quantization call's counts go; telemetry == nullptr records nothing.
struct TelemetryTarget {
  NumericsTelemetry* telemetry = nullptr;
  Role role = Role::weights;
};

// quantize(input, spec, key), the kernel's counts of this call added to target.telemetry under
// target.role (values = input.numel()) when it is recording(). Same result as quantize().
torch::Tensor quantize_recorded(const torch::Tensor& input, const QuantizationSpec& spec,
                                StochasticKey key, TelemetryTarget target);

// quantize_in_place(tensor, spec, key), counted the same way.
void quantize_in_place_recorded(torch::Tensor& tensor, const QuantizationSpec& spec,
                                StochasticKey key, TelemetryTarget target);

}  // namespace repro::quantization
