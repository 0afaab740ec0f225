// The CUDA kernel equals quantize_ref bit for bit, for the same seed, for every family and rounding mode,
// on inputs covering every binade, subnormals, Inf and NaN. Label `gpu`: skipped (with the reason) without a
// GPU, failed instead under the `cuda` test preset (tests/kernels/gpu_required.h).
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#if REPRO_WITH_CUDA
#include <cuda_runtime.h>
#endif

#include "kernels/quantize.h"
#include "tests/kernels/exhaustive.h"
#include "tests/kernels/gpu_required.h"

namespace repro::kernels {
namespace {

using testing::bits_of;
using testing::float_of;

#if REPRO_WITH_CUDA
TEST(Cuda, KernelEqualsRefBitForBit) {
  REPRO_REQUIRE_GPU_OR_SKIP(cuda_device_available(), "no CUDA device on this machine (the kernel is compiled, not run)");
  // Every 257th float32 pattern: all binades, subnormals, Inf and NaN; about 16.7 million values.
  std::vector<float> input;
  for (std::uint64_t p = 0; p < testing::kAllPatterns; p += 257) input.push_back(float_of(static_cast<std::uint32_t>(p)));
  const std::int64_t n = static_cast<std::int64_t>(input.size());
  float *device_input = nullptr, *device_output = nullptr;
  AffineRange* device_ranges = nullptr;
  const std::int64_t per_range = 1 << 16;
  const std::int64_t range_count = (n + per_range - 1) / per_range;
  std::vector<AffineRange> ranges(range_count);
  for (std::int64_t r = 0; r < range_count; ++r) ranges[r] = {-1.0f - r, 1.0f + 0.5f * r};
  ASSERT_EQ(cudaMalloc(&device_input, n * sizeof(float)), cudaSuccess);
  ASSERT_EQ(cudaMalloc(&device_output, n * sizeof(float)), cudaSuccess);
  ASSERT_EQ(cudaMalloc(&device_ranges, range_count * sizeof(AffineRange)), cudaSuccess);
  cudaMemcpy(device_input, input.data(), n * sizeof(float), cudaMemcpyHostToDevice);
  cudaMemcpy(device_ranges, ranges.data(), range_count * sizeof(AffineRange), cudaMemcpyHostToDevice);
  std::vector<float> expected(n), actual(n);
  for (const char* spec : {"fp16", "bf16", "e4m3", "e4m3:sat", "e5m2", "float:3:1:sat", "tf32", "mask:16", "mask:5",
                           "fixed:16:8", "fixed:8:4:wrap", "ufixed:12:3", "fixed:32:10:wrap", "affine:4"}) {
    for (Rounding mode : {Rounding::nearest_even, Rounding::nearest_away, Rounding::toward_zero, Rounding::down,
                          Rounding::up, Rounding::stochastic}) {
      const NumberFormat format = parse_number_format(spec);
      const RoundingOptions rounding = RoundingOptions().with_mode(mode).with_seed(424242).with_stream(17);
      QuantizeCounters ref_counters, cuda_counters;
      // quantize_ref in blocks of one affine range each, on all threads (global indices: same random words).
#pragma omp parallel for schedule(dynamic)
      for (std::int64_t r = 0; r < range_count; ++r) {
        const std::int64_t begin = r * per_range, count = std::min(per_range, n - begin);
        QuantizeCounters mine;
        quantize_ref(QuantizeCall{input.data() + begin, expected.data() + begin, count, 1000 + begin,
                                  ranges.data() + r, per_range, &mine},
                     format, rounding);
#pragma omp critical
        ref_counters += mine;
      }
      quantize_cuda(QuantizeCall{device_input, device_output, n, 1000, device_ranges, per_range, &cuda_counters},
                    format, rounding);
      cudaMemcpy(actual.data(), device_output, n * sizeof(float), cudaMemcpyDeviceToHost);
      std::int64_t mismatches = 0;
      for (std::int64_t i = 0; i < n; ++i) mismatches += bits_of(expected[i]) != bits_of(actual[i]);
      EXPECT_EQ(mismatches, 0) << spec << " " << rounding_name(mode);
      EXPECT_TRUE(ref_counters == cuda_counters) << spec << " " << rounding_name(mode);
    }
  }
  cudaFree(device_input);
  cudaFree(device_output);
  cudaFree(device_ranges);
}
#else
TEST(Cuda, KernelEqualsRefBitForBit) {
  REPRO_REQUIRE_GPU_OR_SKIP(false, "built without CUDA kernels (REPRO_WITH_CUDA off)");
}
#endif

}  // namespace
}  // namespace repro::kernels
