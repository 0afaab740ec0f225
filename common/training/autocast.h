// Automatic mixed precision (autocast) for LibTorch 1.13 and 2.x, like Python's torch.autocast.
//
//   {
//     repro::training::AutocastGuard autocast(torch::kCUDA, torch::kHalf);
//     auto logits = model->forward(images);          // matmuls/convs in fp16
//   }                                                // previous state restored, cache cleared
//
// The LibTorch API differs: 1.13 has per-backend functions (at::autocast::set_enabled for CUDA,
// set_cpu_enabled, set_autocast_gpu_dtype, set_autocast_cpu_dtype); 2.4+ takes a device type
// (set_autocast_enabled(at::kCUDA, true), set_autocast_dtype). The version is read from
// <torch/version.h>.
#pragma once

#include <torch/torch.h>

namespace repro::training {

// Whether autocast is enabled on this thread for the device type (kCPU or kCUDA).
bool autocast_enabled(torch::DeviceType device_type);
// The autocast dtype currently set for the device type.
torch::ScalarType autocast_dtype(torch::DeviceType device_type);

// RAII: enables autocast to `dtype` for `device_type` on construction (enabled = false disables
// it in the scope), restores the previous enabled flag and dtype on destruction; like
// torch.autocast it increments the autocast nesting on entry and clears the autocast weight
// cache when the outermost guard exits.
// REQUIRES: device_type kCPU or kCUDA; on CPU dtype kBFloat16 (LibTorch 1.13 CPU autocast
// supports bf16 only), on CUDA kHalf or kBFloat16 (else repro::InputError).
class AutocastGuard {
 public:
  AutocastGuard(torch::DeviceType device_type, torch::ScalarType dtype, bool enabled = true);
  AutocastGuard(const torch::Device& device, torch::ScalarType dtype, bool enabled = true)
      : AutocastGuard(device.type(), dtype, enabled) {}
  ~AutocastGuard();
  AutocastGuard(const AutocastGuard&) = delete;
  AutocastGuard& operator=(const AutocastGuard&) = delete;

 private:
  torch::DeviceType device_type_;
  bool previous_enabled_;
  torch::ScalarType previous_dtype_;
};

}  // namespace repro::training
