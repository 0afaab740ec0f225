// GPU throughput of quantize_cuda on 64 MiB tensors, as bytes read + written per second, beside a
// device-to-device cudaMemcpy measured in the same run (CUDA events, manual time). Needs a GPU.
//   build-*/kernels/bench/kernels_quantize_cuda_benchmark --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>
#include <cuda_runtime.h>

#include <cstdio>
#include <string>
#include <vector>

#include "kernels/quantize.h"

namespace {

using repro::kernels::AffineRange;
using repro::kernels::QuantizeCall;
using repro::kernels::Rounding;
using repro::kernels::RoundingOptions;

constexpr std::int64_t kElements = (64 << 20) / sizeof(float);

struct DeviceBuffers {
  float* input = nullptr;
  float* output = nullptr;
  AffineRange* range = nullptr;
  DeviceBuffers() {
    cudaMalloc(&input, kElements * sizeof(float));
    cudaMalloc(&output, kElements * sizeof(float));
    cudaMalloc(&range, sizeof(AffineRange));
    std::vector<float> host(kElements);
    for (std::int64_t i = 0; i < kElements; ++i) host[i] = static_cast<float>(i % 1000) / 250.0f - 2.0f;
    cudaMemcpy(input, host.data(), kElements * sizeof(float), cudaMemcpyHostToDevice);
    const AffineRange r{-4.0f, 4.0f};
    cudaMemcpy(range, &r, sizeof r, cudaMemcpyHostToDevice);
  }
};

DeviceBuffers& buffers() {
  static DeviceBuffers b;
  return b;
}

template <typename Work>
void time_on_device(benchmark::State& state, Work work) {
  cudaEvent_t start, stop;
  cudaEventCreate(&start);
  cudaEventCreate(&stop);
  work();  // warm-up
  for (auto _ : state) {
    cudaEventRecord(start);
    work();
    cudaEventRecord(stop);
    cudaEventSynchronize(stop);
    float ms = 0;
    cudaEventElapsedTime(&ms, start, stop);
    state.SetIterationTime(ms / 1e3);
  }
  state.SetBytesProcessed(state.iterations() * kElements * 2 * static_cast<std::int64_t>(sizeof(float)));
  cudaEventDestroy(start);
  cudaEventDestroy(stop);
}

void BM_DeviceCopy(benchmark::State& state) {
  DeviceBuffers& b = buffers();
  time_on_device(state, [&] { cudaMemcpyAsync(b.output, b.input, kElements * sizeof(float), cudaMemcpyDeviceToDevice); });
}

void BM_QuantizeCuda(benchmark::State& state, const std::string& spec, Rounding mode) {
  DeviceBuffers& b = buffers();
  const auto format = repro::kernels::parse_number_format(spec);
  const RoundingOptions rounding = RoundingOptions().with_mode(mode).with_seed(1);
  const QuantizeCall call{b.input, b.output, kElements, 0, b.range, 0, nullptr};
  time_on_device(state, [&] { repro::kernels::quantize_cuda(call, format, rounding); });
}

}  // namespace

int main(int argc, char** argv) {
  if (!repro::kernels::cuda_device_available()) {
    std::fprintf(stderr, "no CUDA device: nothing to measure\n");
    return 0;
  }
  benchmark::RegisterBenchmark("BM_DeviceCopy", BM_DeviceCopy)->UseManualTime()->Unit(benchmark::kMicrosecond);
  struct Case { const char* spec; Rounding mode; const char* mode_name; };
  const Case cases[] = {{"fp16", Rounding::nearest_even, "nearest"},  {"bf16", Rounding::nearest_even, "nearest"},
                        {"e4m3", Rounding::nearest_even, "nearest"},  {"fp16", Rounding::toward_zero, "toward-zero"},
                        {"fp16", Rounding::stochastic, "stochastic"}, {"mask:16", Rounding::toward_zero, "-"},
                        {"fixed:16:8", Rounding::nearest_even, "nearest"},
                        {"fixed:16:8", Rounding::stochastic, "stochastic"},
                        {"affine:8", Rounding::nearest_even, "nearest"}};
  for (const Case& c : cases)
    benchmark::RegisterBenchmark((std::string("BM_QuantizeCuda/") + c.spec + "/" + c.mode_name).c_str(),
                                 BM_QuantizeCuda, std::string(c.spec), c.mode)
        ->UseManualTime()
        ->Unit(benchmark::kMicrosecond);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
