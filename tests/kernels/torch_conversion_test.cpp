// fp16 and bf16 with `nearest` against LibTorch's own conversions (Tensor::to(kHalf / kBFloat16)), on every
// float32 input (REPRO_EXHAUSTIVE_LONG=1, or CI when it fits: see kernels/README.md) or on a strided sample.
// NaN inputs: both give a NaN (payloads differ by design: ours is the canonical quiet NaN).
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "kernels/quantize.h"
#include "tests/kernels/exhaustive.h"

namespace repro::kernels {
namespace {

using testing::bits_of;
using testing::float_of;

std::int64_t compare_with_torch(const char* spec, c10::ScalarType type, std::uint64_t stride) {
  const NumberFormat format = parse_number_format(spec);
  constexpr std::int64_t kBlock = 1 << 22;
  const std::uint64_t total = testing::kAllPatterns / stride;
  std::vector<float> inputs(kBlock), ours(kBlock);
  std::int64_t mismatches = 0, reported = 0;
  for (std::uint64_t first = 0; first < total; first += kBlock) {
    const std::int64_t count = static_cast<std::int64_t>(std::min<std::uint64_t>(kBlock, total - first));
    for (std::int64_t i = 0; i < count; ++i)
      inputs[i] = float_of(static_cast<std::uint32_t>((first + i) * stride + (stride > 1 ? (first + i) % stride : 0)));
    quantize_cpu(QuantizeCall{inputs.data(), ours.data(), count}, format, RoundingOptions());
    const torch::Tensor theirs =
        torch::from_blob(inputs.data(), {count}, torch::kFloat32).to(type).to(torch::kFloat32).contiguous();
    const float* expected = theirs.data_ptr<float>();
    for (std::int64_t i = 0; i < count; ++i) {
      const bool same = std::isnan(expected[i]) ? std::isnan(ours[i]) : bits_of(expected[i]) == bits_of(ours[i]);
      if (same) continue;
      if (reported++ < 5)
        std::printf("  %s input 0x%08x: torch 0x%08x ours 0x%08x\n", spec, bits_of(inputs[i]), bits_of(expected[i]),
                    bits_of(ours[i]));
      ++mismatches;
    }
  }
  return mismatches;
}

#if REPRO_EXHAUSTIVE_LONG
constexpr std::uint64_t kStride = 1;  // every float32
#else
constexpr std::uint64_t kStride = 61;  // CI: every 61st pattern, offset so that all residues are visited
#endif

TEST(TorchConversion, Fp16NearestEqualsTensorToHalf) { EXPECT_EQ(compare_with_torch("fp16", torch::kHalf, kStride), 0); }

TEST(TorchConversion, Bf16NearestEqualsTensorToBFloat16) {
  EXPECT_EQ(compare_with_torch("bf16", torch::kBFloat16, kStride), 0);
}

}  // namespace
}  // namespace repro::kernels
