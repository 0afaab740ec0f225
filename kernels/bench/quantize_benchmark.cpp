// CPU throughput of the quantizers on 64 MiB tensors (16 Mi floats), as bytes read + written per second,
// beside a plain copy (std::memcpy split over the same OpenMP threads) measured in the same run. The memory
// bandwidth of a shared machine drifts between runs, so every quantizer iteration is paired with a copy
// iteration right before it: counter `of_copy` = copy time / quantize time over the same pairs.
//   build-*/kernels/bench/kernels_quantize_benchmark --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>
#include <omp.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "kernels/quantize.h"

namespace {

using repro::kernels::AffineRange;
using repro::kernels::QuantizeCall;
using repro::kernels::Rounding;
using repro::kernels::RoundingOptions;

constexpr std::int64_t kElements = (64 << 20) / sizeof(float);

std::vector<float>& input_tensor() {
  static std::vector<float> input = [] {
    std::vector<float> values(kElements);
#pragma omp parallel for
    for (std::int64_t i = 0; i < kElements; ++i) values[i] = std::sin(0.001f * static_cast<float>(i)) * 4.0f;
    return values;
  }();
  return input;
}

void report(benchmark::State& state) {
  state.SetBytesProcessed(state.iterations() * kElements * 2 * static_cast<std::int64_t>(sizeof(float)));
}

void copy_in_parallel(const std::vector<float>& input, std::vector<float>& output) {
#pragma omp parallel
  {
    const std::int64_t threads = omp_get_num_threads(), me = omp_get_thread_num();
    const std::int64_t begin = kElements * me / threads, end = kElements * (me + 1) / threads;
    std::memcpy(output.data() + begin, input.data() + begin, (end - begin) * sizeof(float));
  }
}

void BM_Copy(benchmark::State& state) {
  const std::vector<float>& input = input_tensor();
  std::vector<float> output(kElements, 1.0f);
  for (auto _ : state) {
    copy_in_parallel(input, output);
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  report(state);
}
BENCHMARK(BM_Copy)->UseRealTime()->Unit(benchmark::kMillisecond);

double seconds_of(const std::function<void()>& work) {
  const auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void BM_Quantize(benchmark::State& state, const std::string& spec, Rounding mode, bool reference) {
  const std::vector<float>& input = input_tensor();
  std::vector<float> output(kElements, 1.0f);
  const auto format = repro::kernels::parse_number_format(spec);
  const RoundingOptions rounding = RoundingOptions().with_mode(mode).with_seed(1);
  const AffineRange range{-4.0f, 4.0f};
  QuantizeCall call{input.data(), output.data(), reference ? kElements / 16 : kElements, 0, &range, 0, nullptr};
  double copy_seconds = 0.0, quantize_seconds = 0.0;
  for (auto _ : state) {
    if (!reference) copy_seconds += seconds_of([&] { copy_in_parallel(input, output); });
    const double seconds = seconds_of([&] {
      if (reference) repro::kernels::quantize_ref(call, format, rounding);
      else repro::kernels::quantize_cpu(call, format, rounding);
    });
    quantize_seconds += seconds;
    state.SetIterationTime(seconds);
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() * call.count * 2 * static_cast<std::int64_t>(sizeof(float)));
  if (!reference) state.counters["of_copy"] = copy_seconds / quantize_seconds;
}

void register_all() {
  struct Case { const char* spec; Rounding mode; const char* mode_name; };
  const Case cases[] = {
      {"fp16", Rounding::nearest_even, "nearest"},     {"bf16", Rounding::nearest_even, "nearest"},
      {"e4m3", Rounding::nearest_even, "nearest"},     {"fp16", Rounding::nearest_away, "nearest-away"},
      {"fp16", Rounding::toward_zero, "toward-zero"},  {"fp16", Rounding::down, "down"},
      {"fp16", Rounding::up, "up"},                    {"fp16", Rounding::stochastic, "stochastic"},
      {"bf16", Rounding::stochastic, "stochastic"},    {"mask:16", Rounding::toward_zero, "-"},
      {"fixed:16:8", Rounding::nearest_even, "nearest"}, {"fixed:8:4:wrap", Rounding::nearest_even, "nearest"},
      {"fixed:16:8", Rounding::stochastic, "stochastic"}, {"affine:8", Rounding::nearest_even, "nearest"},
      {"affine:8", Rounding::stochastic, "stochastic"},
  };
  for (const Case& c : cases) {
    benchmark::RegisterBenchmark((std::string("BM_QuantizeCpu/") + c.spec + "/" + c.mode_name).c_str(), BM_Quantize,
                                 std::string(c.spec), c.mode, false)
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond);
  }
  for (const char* spec : {"fp16", "fixed:16:8"})
    benchmark::RegisterBenchmark((std::string("BM_QuantizeRef/") + spec + "/nearest (4 MiB)").c_str(), BM_Quantize,
                                 std::string(spec), Rounding::nearest_even, true)
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond);
}

}  // namespace

int main(int argc, char** argv) {
  register_all();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
