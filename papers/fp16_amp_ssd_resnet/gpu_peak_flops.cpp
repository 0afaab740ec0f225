#include "papers/fp16_amp_ssd_resnet/gpu_peak_flops.h"

#include <array>
#include <cstdio>
#include <memory>
#include <vector>

namespace repro::fp16_amp_ssd_resnet {
namespace {

struct Row {
  std::vector<std::string> must_contain;  // every substring must occur in the device name
  GpuPeak peak;
};

// Data sheets: H100 (SXM5 / PCIe), H200, A100, A10, L4, L40S, V100, T4, RTX 4090 and 3090.
const std::vector<Row>& peak_table() {
  static const std::vector<Row> rows{
      {{"H200"}, {"H200", 67.0, 494.7, 989.4, 989.4}},
      {{"H100", "HBM3"}, {"H100 SXM", 67.0, 494.7, 989.4, 989.4}},
      {{"H100", "SXM"}, {"H100 SXM", 67.0, 494.7, 989.4, 989.4}},
      {{"H100", "NVL"}, {"H100 NVL", 60.0, 417.5, 835.5, 835.5}},
      {{"H100"}, {"H100 PCIe", 51.2, 378.0, 756.0, 756.0}},
      {{"A100"}, {"A100", 19.5, 156.0, 312.0, 312.0}},
      {{"A10"}, {"A10", 31.2, 62.5, 125.0, 125.0}},
      {{"L40S"}, {"L40S", 91.6, 183.0, 362.0, 362.0}},
      {{"L4"}, {"L4", 30.3, 60.0, 121.0, 121.0}},
      {{"V100"}, {"V100 SXM2", 15.7, 0.0, 125.0, 0.0}},
      {{"T4"}, {"T4", 8.1, 0.0, 65.0, 0.0}},
      {{"4090"}, {"RTX 4090", 82.6, 82.6, 165.2, 165.2}},
      {{"3090"}, {"RTX 3090", 35.6, 35.6, 71.0, 71.0}},
  };
  return rows;
}

}  // namespace

double GpuPeak::peak_tflops(training::PrecisionMode mode) const {
  switch (mode) {
    case training::PrecisionMode::fp32: return fp32_tflops;
    case training::PrecisionMode::tf32: return tf32_tflops > 0 ? tf32_tflops : fp32_tflops;
    case training::PrecisionMode::fp16:
    case training::PrecisionMode::amp_fp16: return fp16_tflops;
    case training::PrecisionMode::amp_bf16: return bf16_tflops;
  }
  return 0;
}

std::optional<GpuPeak> find_gpu_peak(const std::string& device_name) {
  for (const Row& row : peak_table()) {
    bool matches = true;
    for (const std::string& part : row.must_contain) matches = matches && device_name.find(part) != std::string::npos;
    if (matches) return row.peak;
  }
  return std::nullopt;
}

std::string cuda_device_name() {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(
      popen("nvidia-smi --query-gpu=name --format=csv,noheader -i 0 2>/dev/null", "r"), pclose);
  if (!pipe) return "";
  std::array<char, 256> buffer{};
  std::string name;
  if (fgets(buffer.data(), static_cast<int>(buffer.size()), pipe.get()) != nullptr) name = buffer.data();
  while (!name.empty() && (name.back() == '\n' || name.back() == '\r' || name.back() == ' ')) name.pop_back();
  return name;
}

}  // namespace repro::fp16_amp_ssd_resnet
