// The fast CPU quantizer: the element code of kernels/quantize_element.h in loops specialized on the format
// family, the rounding mode, fixed point's wrap and whether to count; stochastic rounding's Philox words
// computed a block (four elements) at a time; cloned for x86-64-v4 (AVX-512 F/BW/DQ/VL: Philox needs DQ/VL to
// vectorize well), AVX2 and baseline x86-64 (chosen at
// load time), split across OpenMP threads in fixed chunks.
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "base/errors.h"
#include "kernels/quantize.h"
#include "kernels/philox_blocks.h"
#include "kernels/quantize_element.h"

namespace repro::kernels {
namespace {

struct Job {
  const float* input;
  float* output;
  std::int64_t first_element_index;
  const AffineRange* affine_ranges;
  std::int64_t elements_per_range;  // > 0
  ElementQuantizer quantizer;
};

#define REPRO_ALWAYS_INLINE __attribute__((always_inline)) inline

// Elements are processed in tiles. Stochastic rounding draws a tile's words at once: one Philox block gives
// the words of four consecutive elements (kernels/philox.h: philox_element_word), computed once
// (kernels/philox_blocks.h) into a buffer that stays in the L1 cache.
constexpr std::int64_t kTileElements = 2048;
constexpr std::int64_t kRandomBufferWords = kTileElements + 8;  // a tile may straddle two partial blocks

template <int Family, int Mode, int Wrap>
REPRO_ALWAYS_INLINE std::uint32_t element(std::uint32_t bits, const ElementQuantizer& q, std::uint32_t word,
                                          float lo, float hi, unsigned* flags) {
  using namespace element_detail;
  if constexpr (Family == kBitMask) return element_quantize_bit_mask(bits, q, flags);
  else if constexpr (Family == kFixedPoint) return element_quantize_fixed_point(bits, q, Mode, word, flags, Wrap);
  else if constexpr (Family == kAffine) return element_quantize_affine(bits, q, lo, hi, Mode, word, flags);
  else return element_quantize_floating_point(bits, q, Mode, word, flags);
}

// Elements [0, count); element i uses random word words[i] (stochastic only; else words is unused). Adds to
// `counters` when Count.
template <int Family, int Mode, int Wrap, bool Count>
REPRO_ALWAYS_INLINE void quantize_elements(const ElementQuantizer& q, const float* __restrict in,
                                           float* __restrict out, std::int64_t count,
                                           const std::uint32_t* __restrict words, float lo, float hi,
                                           QuantizeCounters& counters) {
  using namespace element_detail;
  std::int64_t overflowed = 0, saturated = 0, flushed = 0, subnormal = 0, nan = 0;
  for (std::int64_t i = 0; i < count; ++i) {
    unsigned flags = 0;
    const std::uint32_t bits = element_float_bits(in[i]);
    const std::uint32_t word = Mode == kStochastic ? words[i] : 0u;
    const std::uint32_t result = element<Family, Mode, Wrap>(bits, q, word, lo, hi, &flags);
    out[i] = element_bits_float(result);
    if (Count) {
      flags |= element_flushed_to_zero(bits, result, flags);
      overflowed += (flags & kOverflowed) != 0;
      saturated += (flags & kSaturated) != 0;
      flushed += (flags & kFlushedToZero) != 0;
      subnormal += (flags & kBecameSubnormal) != 0;
      nan += (flags & kNotANumber) != 0;
    }
  }
  if (Count) counters += QuantizeCounters{overflowed, saturated, flushed, subnormal, nan};
}

template <int Family, int Mode, int Wrap, bool Count>
REPRO_ALWAYS_INLINE void run_loop(const Job& job, std::int64_t begin, std::int64_t end, float range_minimum,
                                  float range_maximum, QuantizeCounters& counters) {
  using namespace element_detail;
  const ElementQuantizer q = job.quantizer;
  alignas(64) std::uint32_t words[Mode == kStochastic ? kRandomBufferWords : 1];
  for (std::int64_t tile_begin = begin; tile_begin < end; tile_begin += kTileElements) {
    const std::int64_t count = std::min(end - tile_begin, kTileElements);
    const std::uint32_t* tile_words = nullptr;
    if constexpr (Mode == kStochastic) {
      const std::uint64_t first_index = static_cast<std::uint64_t>(job.first_element_index + tile_begin);
      const std::uint64_t last_index = first_index + static_cast<std::uint64_t>(count - 1);
      const std::uint64_t first_block = first_index >> 2;
      philox_fill_blocks(q.seed, q.stream, first_block, static_cast<std::int64_t>((last_index >> 2) - first_block + 1),
                         words);
      tile_words = words + (first_index & 3);
    }
    quantize_elements<Family, Mode, Wrap, Count>(q, job.input + tile_begin, job.output + tile_begin, count,
                                                 tile_words, range_minimum, range_maximum, counters);
  }
}

template <int Family, int Mode>
REPRO_ALWAYS_INLINE void run_counting_or_not(const Job& job, std::int64_t begin, std::int64_t end, float lo, float hi,
                                             QuantizeCounters* counters) {
  QuantizeCounters unused;
  if constexpr (Family == element_detail::kFixedPoint) {
    if (job.quantizer.wrap != 0) {
      if (counters != nullptr) run_loop<Family, Mode, 1, true>(job, begin, end, lo, hi, *counters);
      else run_loop<Family, Mode, 1, false>(job, begin, end, lo, hi, unused);
      return;
    }
  }
  if (counters != nullptr) run_loop<Family, Mode, 0, true>(job, begin, end, lo, hi, *counters);
  else run_loop<Family, Mode, 0, false>(job, begin, end, lo, hi, unused);
}

template <int Family>
REPRO_ALWAYS_INLINE void run_mode(const Job& job, std::int64_t begin, std::int64_t end, float lo, float hi,
                                  QuantizeCounters* counters) {
  using namespace element_detail;
  switch (job.quantizer.rounding) {
    case kNearestEven: run_counting_or_not<Family, kNearestEven>(job, begin, end, lo, hi, counters); break;
    case kNearestAway: run_counting_or_not<Family, kNearestAway>(job, begin, end, lo, hi, counters); break;
    case kTowardZero: run_counting_or_not<Family, kTowardZero>(job, begin, end, lo, hi, counters); break;
    case kDown: run_counting_or_not<Family, kDown>(job, begin, end, lo, hi, counters); break;
    case kUp: run_counting_or_not<Family, kUp>(job, begin, end, lo, hi, counters); break;
    default: run_counting_or_not<Family, kStochastic>(job, begin, end, lo, hi, counters); break;
  }
}

// Elements [begin, end) of the job, all in one affine range (lo, hi) when affine.
__attribute__((target_clones("arch=x86-64-v4", "avx2", "default")))
void run_span(const Job& job, std::int64_t begin, std::int64_t end, float lo, float hi, QuantizeCounters* counters) {
  using namespace element_detail;
  switch (job.quantizer.family) {
    case kBitMask: run_counting_or_not<kBitMask, kTowardZero>(job, begin, end, lo, hi, counters); break;
    case kFixedPoint: run_mode<kFixedPoint>(job, begin, end, lo, hi, counters); break;
    case kAffine: run_mode<kAffine>(job, begin, end, lo, hi, counters); break;
    default: run_mode<kFloatingPoint>(job, begin, end, lo, hi, counters); break;
  }
}

void run_chunk(const Job& job, std::int64_t begin, std::int64_t end, QuantizeCounters* counters) {
  if (job.quantizer.family != element_detail::kAffine) {
    run_span(job, begin, end, 0.0f, 0.0f, counters);
    return;
  }
  while (begin < end) {  // one span per affine range
    const std::int64_t which = begin / job.elements_per_range;
    const std::int64_t span_end = std::min(end, (which + 1) * job.elements_per_range);
    const AffineRange range = job.affine_ranges[which];
    run_span(job, begin, span_end, range.minimum, range.maximum, counters);
    begin = span_end;
  }
}

constexpr std::int64_t kChunkElements = 1 << 16;

}  // namespace

void quantize_cpu(const QuantizeCall& call, const NumberFormat& format, const RoundingOptions& rounding) {
  check_quantize_call(call, format, rounding);
  if (format.family == FormatFamily::affine)
    check_affine_ranges(call.affine_ranges, call.count, call.elements_per_range);
  Job job{call.input, call.output, call.first_element_index, call.affine_ranges,
          call.elements_per_range > 0 ? call.elements_per_range : std::max<std::int64_t>(call.count, 1),
          make_element_quantizer(format, rounding)};
  const std::int64_t chunks = (call.count + kChunkElements - 1) / kChunkElements;
  if (chunks <= 1) {
    run_chunk(job, 0, call.count, call.counters);
    return;
  }
  QuantizeCounters total;
  QuantizeCounters* counters = call.counters != nullptr ? &total : nullptr;
#pragma omp parallel
  {
    QuantizeCounters mine;
#pragma omp for schedule(static)
    for (std::int64_t chunk = 0; chunk < chunks; ++chunk) {
      const std::int64_t begin = chunk * kChunkElements;
      run_chunk(job, begin, std::min(call.count, begin + kChunkElements), counters != nullptr ? &mine : nullptr);
    }
    if (counters != nullptr) {
#pragma omp critical(repro_quantize_counters)
      total += mine;
    }
  }
  if (call.counters != nullptr) *call.counters += total;
}

}  // namespace repro::kernels
