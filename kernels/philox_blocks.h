// Philox4x32-10 words of consecutive blocks, in the order stochastic rounding consumes them: the CPU
// quantizer fills a buffer per batch of elements rather than computing a whole block per element.
#pragma once

#include <cstdint>

namespace repro::kernels {

// words[4 * j + w] = word w of Philox4x32-10 with key (seed low, seed high) on counter
// (block low, block high, stream low, stream high), block = first_block + j, for 0 <= j < blocks:
// the same words as philox_element_word (kernels/philox.h) for elements 4 * block + w.
// Uses AVX-512 when the CPU has it (chosen once, at the first call), else a loop the compiler
// vectorizes; both give the same bits. REQUIRES: blocks >= 0, words holds 4 * blocks values.
void philox_fill_blocks(std::uint64_t seed, std::uint64_t stream, std::uint64_t first_block, std::int64_t blocks,
                        std::uint32_t* words);

// The portable loop alone (for the test that compares the two).
void philox_fill_blocks_portable(std::uint64_t seed, std::uint64_t stream, std::uint64_t first_block,
                                 std::int64_t blocks, std::uint32_t* words);

// Whether philox_fill_blocks uses the AVX-512 path on this CPU.
bool philox_fill_blocks_uses_avx512();

}  // namespace repro::kernels
