// Dense peak throughput of common NVIDIA GPUs by precision (NVIDIA data sheets, without
// structured sparsity), for model FLOPs utilisation. Keyed by a substring of the device name
// that nvidia-smi reports ("NVIDIA H100 80GB HBM3" matches "H100" + "HBM3" → SXM).
#pragma once

#include <optional>
#include <string>

#include "common/training/precision_mode.h"

namespace repro::fp16_amp_ssd_resnet {

struct GpuPeak {
  std::string name;          // the table row, e.g. "H100 SXM"
  double fp32_tflops = 0;    // FP32 on CUDA cores
  double tf32_tflops = 0;    // TF32 tensor cores (0: none)
  double fp16_tflops = 0;    // FP16 tensor cores with FP32 accumulation
  double bf16_tflops = 0;    // BF16 tensor cores (0: none)
  // The peak that bounds `mode`: fp32 → FP32, tf32 → TF32, fp16 / amp-fp16 → FP16, amp-bf16 → BF16.
  double peak_tflops(training::PrecisionMode mode) const;
};

// The row for `device_name`, or nothing for a GPU not in the table.
std::optional<GpuPeak> find_gpu_peak(const std::string& device_name);

// The first GPU's name from `nvidia-smi --query-gpu=name`, or "" when there is none.
std::string cuda_device_name();

}  // namespace repro::fp16_amp_ssd_resnet
