// Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011), the counter-based
// generator of cuRAND and PyTorch. The same bits on host and device (functions are __host__ __device__ when
// compiled by nvcc). Checked against the paper's known-answer vectors in tests/kernels.
#pragma once

#include <cstdint>

#if defined(__CUDACC__)
#define REPRO_HOST_DEVICE __host__ __device__ __forceinline__
#else
#define REPRO_HOST_DEVICE inline __attribute__((always_inline))
#endif

namespace repro::kernels {

struct PhiloxBlock {
  std::uint32_t word[4];
};

REPRO_HOST_DEVICE std::uint32_t philox_mulhilo(std::uint32_t a, std::uint32_t b, std::uint32_t* high) {
  const std::uint64_t product = static_cast<std::uint64_t>(a) * b;
  *high = static_cast<std::uint32_t>(product >> 32);
  return static_cast<std::uint32_t>(product);
}

// Ten rounds of Philox4x32 on `counter` with `key`.
REPRO_HOST_DEVICE PhiloxBlock philox4x32_10(PhiloxBlock counter, std::uint32_t key0, std::uint32_t key1) {
  constexpr std::uint32_t kMultiplier0 = 0xD2511F53u, kMultiplier1 = 0xCD9E8D57u;
  constexpr std::uint32_t kWeyl0 = 0x9E3779B9u, kWeyl1 = 0xBB67AE85u;
  std::uint32_t c0 = counter.word[0], c1 = counter.word[1], c2 = counter.word[2], c3 = counter.word[3];
  for (int round = 0; round < 10; ++round) {
    std::uint32_t high0, high1;
    const std::uint32_t low0 = philox_mulhilo(kMultiplier0, c0, &high0);
    const std::uint32_t low1 = philox_mulhilo(kMultiplier1, c2, &high1);
    const std::uint32_t n0 = high1 ^ c1 ^ key0, n1 = low1, n2 = high0 ^ c3 ^ key1, n3 = low0;
    c0 = n0; c1 = n1; c2 = n2; c3 = n3;
    key0 += kWeyl0;
    key1 += kWeyl1;
  }
  return PhiloxBlock{{c0, c1, c2, c3}};
}

// The 32-bit random word of element `element_index` of stream `stream` under `seed`:
// Philox4x32-10 with key (seed low, seed high) on counter (block low, block high, stream low, stream high),
// block = element_index / 4, word element_index % 4.
REPRO_HOST_DEVICE std::uint32_t philox_element_word(std::uint64_t seed, std::uint64_t stream,
                                                    std::uint64_t element_index) {
  const std::uint64_t block = element_index >> 2;
  const PhiloxBlock out = philox4x32_10(
      PhiloxBlock{{static_cast<std::uint32_t>(block), static_cast<std::uint32_t>(block >> 32),
                   static_cast<std::uint32_t>(stream), static_cast<std::uint32_t>(stream >> 32)}},
      static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32));
  return out.word[element_index & 3];
}

}  // namespace repro::kernels
