// Helpers shared by the quantization tests.
#pragma once

#include <algorithm>
#include <limits>
#include <vector>

#include <torch/torch.h>

#include "common/quantization/quantization_spec.h"
#include "common/quantization/stochastic_stream.h"
#include "kernels/quantize.h"

namespace repro::quantization::testing {

// True when a and b have the same shape and the same float32 bit patterns (NaNs included).
inline bool bitwise_equal(const torch::Tensor& a, const torch::Tensor& b) {
  if (a.sizes() != b.sizes()) return false;
  return torch::equal(a.contiguous().view(torch::kInt32), b.contiguous().view(torch::kInt32));
}

// quantize() computed independently: kernels::quantize_ref on the row-major elements, with the
// affine ranges computed by plain loops.
inline torch::Tensor reference_quantize(const torch::Tensor& input, const QuantizationSpec& spec,
                                        StochasticKey key = {}) {
  const torch::Tensor x = input.to(torch::kFloat32).contiguous();
  torch::Tensor out = torch::empty_like(x);
  const float* values = x.data_ptr<float>();
  const std::int64_t count = x.numel();
  kernels::QuantizeCall call{values, out.data_ptr<float>(), count};
  std::vector<kernels::AffineRange> ranges;
  if (spec.is_affine()) {
    const bool per_channel =
        spec.granularity() == AffineGranularity::per_output_channel && x.dim() > 0;
    const std::int64_t channels = per_channel ? x.size(0) : 1;
    const std::int64_t per_range = count / channels;
    for (std::int64_t c = 0; c < channels; ++c) {
      if (spec.range()) {
        ranges.push_back(*spec.range());
        continue;
      }
      float low = std::numeric_limits<float>::infinity(), high = -low;
      for (std::int64_t i = c * per_range; i < (c + 1) * per_range; ++i) {
        low = std::min(low, values[i]);
        high = std::max(high, values[i]);
      }
      ranges.push_back({low, high});
    }
    call.affine_ranges = ranges.data();
    call.elements_per_range = per_range;
  }
  kernels::RoundingOptions rounding;
  rounding.mode = spec.rounding();
  rounding.random_bits = spec.random_bits();
  rounding.seed = key.seed;
  rounding.stream = key.stream;
  kernels::quantize_ref(call, spec.format(), rounding);
  return out;
}

}  // namespace repro::quantization::testing
