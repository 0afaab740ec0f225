// Helpers for tests over every float32 bit pattern (or a range of them), in blocks, on all OpenMP threads.
#pragma once

#include <omp.h>

#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

namespace repro::kernels::testing {

inline std::uint32_t bits_of(float value) {
  std::uint32_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}
inline float float_of(std::uint32_t bits) {
  float value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

// Calls check(first, inputs, count) for consecutive blocks of positions k in [begin, end) (end <= 2^32 / stride),
// on all threads; position k holds the bit pattern k * stride + k % stride (stride 1: every pattern; a larger
// stride visits every residue modulo the stride). `check` returns the number of mismatches it found.
inline std::int64_t for_each_pattern_block(
    std::uint64_t begin, std::uint64_t end,
    const std::function<std::int64_t(std::uint64_t, const float*, std::int64_t)>& check, std::uint64_t stride = 1) {
  constexpr std::uint64_t kBlock = 1 << 20;
  const std::int64_t blocks = static_cast<std::int64_t>((end - begin + kBlock - 1) / kBlock);
  std::int64_t mismatches = 0;
#pragma omp parallel reduction(+ : mismatches)
  {
    std::vector<float> inputs(kBlock);
#pragma omp for schedule(dynamic, 4)
    for (std::int64_t b = 0; b < blocks; ++b) {
      const std::uint64_t first = begin + static_cast<std::uint64_t>(b) * kBlock;
      const std::uint64_t last = std::min(end, first + kBlock);
      const std::int64_t count = static_cast<std::int64_t>(last - first);
      for (std::int64_t i = 0; i < count; ++i)
        inputs[i] = float_of(static_cast<std::uint32_t>((first + i) * stride + (first + i) % stride));
      mismatches += check(first, inputs.data(), count);
    }
  }
  return mismatches;
}

constexpr std::uint64_t kAllPatterns = std::uint64_t{1} << 32;

}  // namespace repro::kernels::testing
