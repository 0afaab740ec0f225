// quantize(): a LibTorch tensor through the kernels' quantizers.
#pragma once

#include <torch/types.h>

#include "common/quantization/quantization_spec.h"
#include "common/quantization/stochastic_stream.h"
#include "kernels/quantize.h"

namespace repro::quantization {

// Returns `input` quantized to `spec`, a new tensor of the same shape, dtype and device
// (contiguous, whatever the input's strides). `input` is not modified.
//
// - Element i of the result is the kernel's element i of the input in row-major (contiguous)
//   order, with first_element_index 0: stochastic rounding draws element i's bits from
//   (key.seed, key.stream, i), so the result does not depend on the input's strides, and it is
//   bit-identical to kernels::quantize_ref on input.contiguous() with the same key.
// - float32 is quantized directly. Other floating dtypes are converted to float32, quantized and
//   converted back (float64 holds every float32 exactly; float16/bfloat16 round the result once
//   more, to nearest even, on the way back).
// - CPU tensors use kernels::quantize_cpu; CUDA tensors kernels::quantize_cuda on the tensor's
//   device and LibTorch's current CUDA stream there (asynchronous unless counters are asked for or
//   the format is affine; throws std::runtime_error when the CUDA kernels or LibTorch's CUDA are
//   missing). A bad call throws repro::InputError on either device.
// - Affine formats take their range from spec.range() when given, otherwise from the tensor's min
//   and max (per tensor) or each dimension-0 slice's min and max (per output channel; a 0-dim
//   tensor counts as one channel).
// - When spec.is_identity(), the input itself is returned.
// - counters (optional, a host pointer for CUDA too) accumulate the kernel's overflow,
//   saturation, flush-to-zero, subnormal and NaN counts.
// REQUIRES: input is undefined (returned as is) or of a floating dtype.
torch::Tensor quantize(const torch::Tensor& input, const QuantizationSpec& spec,
                       StochasticKey key = {}, kernels::QuantizeCounters* counters = nullptr);

// Quantizes `tensor` in place, with the same results as tensor.copy_(quantize(tensor, ...)):
// a float32 contiguous tensor is overwritten by the kernel directly (no copy); others go through
// quantize() and copy_. Runs under NoGradGuard (meant for parameters, gradients and optimizer
// state between steps). REQUIRES: tensor defined, of a floating dtype.
void quantize_in_place(torch::Tensor& tensor, const QuantizationSpec& spec, StochasticKey key = {},
                       kernels::QuantizeCounters* counters = nullptr);

// The [minimum, maximum] pairs quantize() uses for an affine spec, as a float32 tensor of shape
// [ranges, 2] on input's device: one row per tensor or per output channel.
// REQUIRES: spec.is_affine(); input float32 and contiguous.
torch::Tensor affine_ranges(const torch::Tensor& input, const QuantizationSpec& spec);

}  // namespace repro::quantization
