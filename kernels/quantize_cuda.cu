// The CUDA quantizer: the element code of kernels/quantize_element.h (shared with quantize_cpu) in a
// grid-stride kernel. Compiled with -fmad=false as well as using __fmul_rn/__fadd_rn, so no step is fused.
#include <cuda_runtime.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "kernels/quantize.h"
#include "kernels/quantize_element.h"

namespace repro::kernels {
namespace {

void check(cudaError_t status, const char* what) {
  if (status != cudaSuccess) throw std::runtime_error(std::string("quantize_cuda: ") + what + ": " + cudaGetErrorString(status));
}

constexpr int kCounterCount = element_detail::kCounterCount;

template <bool Count>
__global__ void quantize_kernel(const float* __restrict__ input, float* output, std::int64_t count,
                                std::int64_t first_element_index, ElementQuantizer quantizer,
                                const AffineRange* __restrict__ ranges, std::int64_t elements_per_range,
                                unsigned long long* counters) {
  unsigned long long local[kCounterCount] = {0, 0, 0, 0, 0};
  const std::int64_t stride = static_cast<std::int64_t>(blockDim.x) * gridDim.x;
  for (std::int64_t i = static_cast<std::int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; i < count; i += stride) {
    float lo = 0.0f, hi = 0.0f;
    if (quantizer.family == element_detail::kAffine) {
      const AffineRange range = ranges[i / elements_per_range];
      lo = range.minimum;
      hi = range.maximum;
    }
    unsigned flags = 0;
    const std::uint32_t result =
        quantize_element_bits(__float_as_uint(input[i]), quantizer, first_element_index + i, lo, hi, &flags);
    output[i] = __uint_as_float(result);
    if (Count) {
      for (int c = 0; c < kCounterCount; ++c) local[c] += (flags >> c) & 1u;
    }
  }
  if (Count) {
    for (int c = 0; c < kCounterCount; ++c)
      if (local[c] != 0) atomicAdd(&counters[c], local[c]);
  }
}

}  // namespace

bool cuda_kernels_compiled() { return true; }

bool cuda_device_available() {
  int devices = 0;
  if (cudaGetDeviceCount(&devices) != cudaSuccess) {
    cudaGetLastError();  // clear the sticky "no device" error
    return false;
  }
  return devices > 0;
}

void quantize_cuda(const QuantizeCall& call, const NumberFormat& format, const RoundingOptions& rounding,
                   void* cuda_stream) {
  check_quantize_call(call, format, rounding);
  const ElementQuantizer quantizer = make_element_quantizer(format, rounding);
  if (call.count == 0) return;
  const std::int64_t per_range = call.elements_per_range > 0 ? call.elements_per_range : call.count;
  cudaStream_t stream = static_cast<cudaStream_t>(cuda_stream);
  if (format.family == FormatFamily::affine) {  // the same range check as the CPU paths, on a host copy
    std::vector<AffineRange> host_ranges(static_cast<std::size_t>(affine_range_count(call.count, per_range)));
    check(cudaMemcpyAsync(host_ranges.data(), call.affine_ranges, host_ranges.size() * sizeof(AffineRange),
                          cudaMemcpyDeviceToHost, stream),
          "cudaMemcpyAsync (affine ranges)");
    check(cudaStreamSynchronize(stream), "cudaStreamSynchronize (affine ranges)");
    check_affine_ranges(host_ranges.data(), call.count, per_range);
  }
  int device = 0, multiprocessors = 0;
  check(cudaGetDevice(&device), "cudaGetDevice");
  check(cudaDeviceGetAttribute(&multiprocessors, cudaDevAttrMultiProcessorCount, device), "cudaDeviceGetAttribute");
  constexpr int kThreads = 256;
  const std::int64_t wanted = (call.count + kThreads - 1) / kThreads;
  const int blocks = static_cast<int>(std::min<std::int64_t>(wanted, static_cast<std::int64_t>(multiprocessors) * 8));
  if (call.counters == nullptr) {
    quantize_kernel<false><<<blocks, kThreads, 0, stream>>>(call.input, call.output, call.count,
                                                           call.first_element_index, quantizer, call.affine_ranges,
                                                           per_range, nullptr);
    check(cudaGetLastError(), "kernel launch");
    return;
  }
  unsigned long long* device_counters = nullptr;
  check(cudaMallocAsync(reinterpret_cast<void**>(&device_counters), kCounterCount * sizeof(unsigned long long), stream),
        "cudaMallocAsync");
  check(cudaMemsetAsync(device_counters, 0, kCounterCount * sizeof(unsigned long long), stream), "cudaMemsetAsync");
  quantize_kernel<true><<<blocks, kThreads, 0, stream>>>(call.input, call.output, call.count, call.first_element_index,
                                                        quantizer, call.affine_ranges, per_range, device_counters);
  check(cudaGetLastError(), "kernel launch");
  unsigned long long host[kCounterCount];
  check(cudaMemcpyAsync(host, device_counters, sizeof host, cudaMemcpyDeviceToHost, stream), "cudaMemcpyAsync");
  check(cudaFreeAsync(device_counters, stream), "cudaFreeAsync");
  check(cudaStreamSynchronize(stream), "cudaStreamSynchronize");
  // Bit order of element_detail flags (static_asserts in kernels/quantize_element.h): overflowed, saturated,
  // flushed to zero, became subnormal, NaN.
  *call.counters += QuantizeCounters{static_cast<std::int64_t>(host[0]), static_cast<std::int64_t>(host[1]),
                                     static_cast<std::int64_t>(host[2]), static_cast<std::int64_t>(host[3]),
                                     static_cast<std::int64_t>(host[4])};
}

}  // namespace repro::kernels
