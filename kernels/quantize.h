// Quantizers: round float32 values onto a NumberFormat, leaving the result in float32.
//
// Three implementations with one contract, equal bit for bit (tests/kernels checks it):
//   quantize_ref   plain scalar code, integer arithmetic on sign, significand and exponent; obviously correct.
//   quantize_cpu   the fast CPU path: vectorized (AVX-512/AVX2 clones), OpenMP over chunks.
//   quantize_cuda  the CUDA kernel (compiled when REPRO_WITH_CUDA), same element code as quantize_cpu.
// The per-element code of quantize_cpu and quantize_cuda is header-only in kernels/quantize_element.h, for
// callers that want to quantize inside their own loops (e.g. a LibTorch TensorIterator kernel).
//
// Results:
//   NaN inputs give the quiet NaN 0x7fc00000 with the input's sign (mask:N: the bitwise AND, as always).
//   floating_point: overflow as IEEE 754 (round with unbounded exponent; when the magnitude exceeds the
//     largest finite: nearest modes and stochastic give Inf, toward-zero gives the largest finite, up/down give
//     Inf on the side they round to); with OverflowPolicy::saturate +-largest finite instead. E4M3FN has no
//     Inf: overflow (and +-Inf input) gives NaN, or +-448 when saturating.
//   bit_mask: the bitwise AND; the rounding options are ignored (mask is truncation by definition).
//   fixed_point: value = integer * 2^-F, rounded with the rounding mode; out of range: saturate to the
//     nearest end (the upper end is the largest float32 not above it when W > 24), or wrap modulo 2^W.
//     +-Inf saturates under either policy. Zero is +0 (two's complement has no -0).
//   affine: float32 arithmetic in this order, no fused multiply-add:
//     scale = (max - min) / (2^B - 1); t = (x - min) / scale; q = round(t) by the rounding mode (on the
//     integer grid), clamped to [0, 2^B - 1]; out = min + q * scale. max == min gives min.
#pragma once

#include <cstdint>

#include "kernels/number_format.h"
#include "kernels/rounding.h"

namespace repro::kernels {

// Per call, what happened to the values (all zero for a call that met none of these):
//   overflowed        finite inputs whose rounded value lies outside the format's finite range (wrapped too)
//   saturated         results replaced by the largest finite value (or a fixed/affine end) by saturation,
//                     including +-Inf inputs of E4M3FN:sat, fixed point and affine
//   flushed_to_zero   nonzero finite inputs whose result is zero (and that neither overflowed nor saturated)
//   became_subnormal  results that are nonzero subnormals of the format (floating_point, bit_mask only)
//   not_a_number      results that are NaN
struct QuantizeCounters {
  std::int64_t overflowed = 0, saturated = 0, flushed_to_zero = 0, became_subnormal = 0, not_a_number = 0;

  // Adds every count of `other` (the one way counts of several calls or threads are summed).
  QuantizeCounters& operator+=(const QuantizeCounters& other) {
    overflowed += other.overflowed;
    saturated += other.saturated;
    flushed_to_zero += other.flushed_to_zero;
    became_subnormal += other.became_subnormal;
    not_a_number += other.not_a_number;
    return *this;
  }
  friend bool operator==(const QuantizeCounters& a, const QuantizeCounters& b) {
    return a.overflowed == b.overflowed && a.saturated == b.saturated && a.flushed_to_zero == b.flushed_to_zero &&
           a.became_subnormal == b.became_subnormal && a.not_a_number == b.not_a_number;
  }
};

struct AffineRange {  // affine grid: scale = (maximum - minimum) / (2^B - 1). REQUIRES: minimum <= maximum, finite
  float minimum;
  float maximum;
};

// Quantizes `count` contiguous floats. `first_element_index` is the global index of input[0]; stochastic
// rounding draws Philox4x32-10 keyed on (seed, stream) with the global element index, so results do not
// depend on how the work is split. REQUIRES: count >= 0; input and output are the same array (in-place) or
// do not overlap. For affine: `affine_ranges` has ceil(count / elements_per_range) entries (relative to
// input[0]); element i uses affine_ranges[i / elements_per_range]; elements_per_range == 0 means one range
// for all. `counters`, when not null, is incremented by this call's counts.
struct QuantizeCall {
  const float* input;
  float* output;
  std::int64_t count;
  std::int64_t first_element_index = 0;
  const AffineRange* affine_ranges = nullptr;
  std::int64_t elements_per_range = 0;
  QuantizeCounters* counters = nullptr;
};

// All three check the call with check_quantize_call (and, for host ranges, check_affine_ranges) before
// touching any element, so an invalid format, rounding option, count or affine range throws the same
// repro::InputError from each of them.
void quantize_ref(const QuantizeCall& call, const NumberFormat& format, const RoundingOptions& rounding);
void quantize_cpu(const QuantizeCall& call, const NumberFormat& format, const RoundingOptions& rounding);

bool cuda_kernels_compiled();   // true when built with REPRO_WITH_CUDA
bool cuda_device_available();   // compiled and at least one CUDA device usable
// `call` holds device pointers (input, output, affine_ranges); counters, when not null, is a HOST pointer
// (the kernel counts on the device and the call copies back, synchronizing `cuda_stream`). Affine calls copy
// the ranges to the host to check them (one synchronization of `cuda_stream`). Otherwise the call is
// asynchronous on `cuda_stream` (a cudaStream_t; null = the legacy default stream: LibTorch callers pass
// the current stream, see common/quantization/quantize_tensor.cpp) on the current device.
// Throws repro::InputError for an invalid call (as the CPU paths, also without CUDA), std::runtime_error
// when CUDA is not compiled in, a CUDA call fails or the launch fails (checked right after the launch; a
// fault inside the kernel surfaces at the next synchronization: run with CUDA_LAUNCH_BLOCKING=1 or under
// scripts/cuda-sanitize.sh to pin it to its call).
void quantize_cuda(const QuantizeCall& device_pointers, const NumberFormat& format, const RoundingOptions& rounding,
                   void* cuda_stream = nullptr);

// The one check of a call, shared by quantize_ref, quantize_cpu and quantize_cuda: the format is valid,
// 1 <= rounding.random_bits <= 32, count >= 0, and an affine format has ranges. Throws repro::InputError.
void check_quantize_call(const QuantizeCall& call, const NumberFormat& format, const RoundingOptions& rounding);
// The ranges an affine call reads, as host memory: ceil(count / elements_per_range) entries (one when
// elements_per_range == 0); each finite with minimum <= maximum and a finite width, else
// repro::InputError naming the range's index. REQUIRES: check_quantize_call passed.
void check_affine_ranges(const AffineRange* ranges, std::int64_t count, std::int64_t elements_per_range);
// Number of affine ranges a call of `count` elements reads.
std::int64_t affine_range_count(std::int64_t count, std::int64_t elements_per_range);
// One affine range (index `which`, for the message): the condition check_affine_ranges applies to each.
void check_affine_range(AffineRange range, std::int64_t which);

// One value through quantize_ref. For affine, pass the range.
float quantize_value_ref(float x, const NumberFormat& format, const RoundingOptions& rounding,
                         std::int64_t element_index = 0);
float quantize_value_ref(float x, const NumberFormat& format, const RoundingOptions& rounding,
                         std::int64_t element_index, AffineRange range);

}  // namespace repro::kernels
