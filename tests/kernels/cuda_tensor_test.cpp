// Tensor-level GPU tests (label `gpu`, resource lock "gpu"): quantize() of a CUDA tensor equals quantize() of
// the same tensor on the CPU bit for bit, with the same counters, for every format family and rounding; a
// tensor of more than 2^31 elements (64-bit indexing, Philox indices past 2^31, counters); CUDA autocast.
// Compiled in every build; without LibTorch CUDA or a device each test skips with the reason (fails under
// the `cuda` test preset, tests/kernels/gpu_required.h).
#include <gtest/gtest.h>

#include <torch/torch.h>

#include <cstdint>
#include <string>
#include <vector>

#include "common/quantization/quantize_tensor.h"
#include "common/training/autocast.h"
#include "kernels/quantize.h"
#include "tests/kernels/gpu_required.h"

namespace repro {
namespace {

using quantization::QuantizationSpec;
using quantization::StochasticKey;

bool gpu_usable() { return torch::cuda::is_available() && kernels::cuda_kernels_compiled(); }
constexpr const char* kNoGpu = "no usable CUDA device (LibTorch without CUDA, no device, or no CUDA kernels)";

std::vector<std::uint32_t> bits_of(const torch::Tensor& t) {
  const torch::Tensor c = t.to(torch::kCPU).contiguous().view(torch::kInt32);
  const auto* p = c.data_ptr<std::int32_t>();
  return std::vector<std::uint32_t>(p, p + c.numel());
}

// Values over every binade of float32 plus subnormals, zeros, Inf and NaN (every 4099th pattern).
torch::Tensor patterns() {
  std::vector<std::int32_t> bits;
  for (std::uint64_t p = 0; p < (std::uint64_t{1} << 32); p += 4099) bits.push_back(static_cast<std::int32_t>(p));
  return torch::tensor(bits, torch::kInt32).view(torch::kFloat32).view({-1, 64});
}

TEST(CudaTensor, QuantizeEqualsCpuForEveryFormatAndRounding) {
  REPRO_REQUIRE_GPU_OR_SKIP(gpu_usable(), kNoGpu);
  const torch::Tensor cpu_input = patterns();
  const torch::Tensor finite_input = torch::nan_to_num(cpu_input, 0.0, 1e30, -1e30).clamp(-1e30, 1e30);
  const torch::Tensor cuda_input = cpu_input.to(torch::kCUDA), cuda_finite = finite_input.to(torch::kCUDA);
  for (const char* format : {"fp16", "bf16", "e4m3", "e4m3:sat", "e5m2", "float:3:1:sat", "tf32", "mask:16",
                             "mask:5", "fixed:16:8", "fixed:8:4:wrap", "ufixed:12:3", "fixed:32:10:wrap", "affine:4",
                             "affine:8/per-channel"}) {
    for (kernels::Rounding mode : {kernels::Rounding::nearest_even, kernels::Rounding::nearest_away,
                                   kernels::Rounding::toward_zero, kernels::Rounding::down, kernels::Rounding::up,
                                   kernels::Rounding::stochastic}) {
      QuantizationSpec spec = quantization::parse_quantization_spec(format);
      spec.rounding(mode);
      // Affine ranges come from the tensor's min and max: finite inputs only.
      const bool affine = spec.is_affine();
      kernels::QuantizeCounters cpu_counters, cuda_counters;
      const torch::Tensor expected =
          quantization::quantize(affine ? finite_input : cpu_input, spec, StochasticKey{31, 7}, &cpu_counters);
      const torch::Tensor actual =
          quantization::quantize(affine ? cuda_finite : cuda_input, spec, StochasticKey{31, 7}, &cuda_counters);
      ASSERT_TRUE(actual.is_cuda());
      EXPECT_TRUE(bits_of(expected) == bits_of(actual)) << format << " " << kernels::rounding_name(mode);
      EXPECT_TRUE(cpu_counters == cuda_counters) << format << " " << kernels::rounding_name(mode);
    }
  }
}

TEST(CudaTensor, MoreThanTwoToThe31Elements) {
  REPRO_REQUIRE_GPU_OR_SKIP(gpu_usable(), kNoGpu);
  const std::int64_t n = (std::int64_t{1} << 31) + 4096;  // 8.6 GB of float32 (plus as much for the output)
  torch::Tensor input = torch::full({n}, 1.0f + 1.0f / 2048.0f, torch::TensorOptions().device(torch::kCUDA));
  input.narrow(0, n - 1024, 1024).fill_(1e6f);  // overflows fp16: the counters must see elements past 2^31
  QuantizationSpec spec = quantization::parse_quantization_spec("fp16/stochastic");
  kernels::QuantizeCounters counters;
  const torch::Tensor output = quantization::quantize(input, spec, StochasticKey{5, 9}, &counters);
  EXPECT_EQ(counters.overflowed, 1024);
  // Around index 2^31 the result equals quantize_ref with the global indices.
  const std::int64_t first = (std::int64_t{1} << 31) - 2048, count = 4096;
  const torch::Tensor slice_in = input.narrow(0, first, count).cpu().contiguous();
  const torch::Tensor slice_out = output.narrow(0, first, count).cpu().contiguous();
  std::vector<float> expected(count);
  kernels::RoundingOptions rounding =
      kernels::RoundingOptions().with_mode(kernels::Rounding::stochastic).with_seed(5).with_stream(9);
  kernels::quantize_ref(kernels::QuantizeCall{slice_in.data_ptr<float>(), expected.data(), count, first},
                        spec.format(), rounding);
  std::int64_t mismatches = 0;
  for (std::int64_t i = 0; i < count; ++i) mismatches += expected[i] != slice_out.data_ptr<float>()[i];
  EXPECT_EQ(mismatches, 0);
}

TEST(CudaTensor, AutocastRunsMatmulsInHalfAndRestores) {
  REPRO_REQUIRE_GPU_OR_SKIP(torch::cuda::is_available(), kNoGpu);
  const torch::Tensor a = torch::randn({64, 64}, torch::kCUDA), b = torch::randn({64, 64}, torch::kCUDA);
  const torch::Tensor reference = torch::matmul(a, b);
  for (torch::ScalarType dtype : {torch::kHalf, torch::kBFloat16}) {
    {
      training::AutocastGuard autocast(torch::kCUDA, dtype);
      EXPECT_TRUE(training::autocast_enabled(torch::kCUDA));
      const torch::Tensor product = torch::matmul(a, b);
      EXPECT_EQ(product.scalar_type(), dtype);
      // Inputs of N(0, 1), 64 terms: the reduced-precision product is within a few units of its last place.
      EXPECT_LT((product.to(torch::kFloat32) - reference).abs().max().item<float>(), 0.5f);
    }
    EXPECT_FALSE(training::autocast_enabled(torch::kCUDA));
    EXPECT_EQ(torch::matmul(a, b).scalar_type(), torch::kFloat32);
  }
}

}  // namespace
}  // namespace repro
