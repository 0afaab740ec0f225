#include "common/training/autocast.h"

#include <ATen/autocast_mode.h>
#include <torch/version.h>

#include "base/errors.h"

// LibTorch 2.4 replaced the per-backend autocast functions by ones taking a device type.
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
#define REPRO_AUTOCAST_DEVICE_TYPE_API 1
#else
#define REPRO_AUTOCAST_DEVICE_TYPE_API 0
#endif

namespace repro::training {
namespace {

void check_device_type(torch::DeviceType device_type) {
  if (device_type != torch::kCPU && device_type != torch::kCUDA) {
    throw InputError("autocast supports the cpu and cuda devices only, not " +
                     c10::DeviceTypeName(device_type, /*lower_case=*/true));
  }
}

void set_enabled(torch::DeviceType device_type, bool enabled) {
#if REPRO_AUTOCAST_DEVICE_TYPE_API
  at::autocast::set_autocast_enabled(device_type, enabled);
#else
  if (device_type == torch::kCUDA) {
    at::autocast::set_enabled(enabled);
  } else {
    at::autocast::set_cpu_enabled(enabled);
  }
#endif
}

void set_dtype(torch::DeviceType device_type, torch::ScalarType dtype) {
#if REPRO_AUTOCAST_DEVICE_TYPE_API
  at::autocast::set_autocast_dtype(device_type, dtype);
#else
  if (device_type == torch::kCUDA) {
    at::autocast::set_autocast_gpu_dtype(dtype);
  } else {
    at::autocast::set_autocast_cpu_dtype(dtype);
  }
#endif
}

}  // namespace

bool autocast_enabled(torch::DeviceType device_type) {
  check_device_type(device_type);
#if REPRO_AUTOCAST_DEVICE_TYPE_API
  return at::autocast::is_autocast_enabled(device_type);
#else
  return device_type == torch::kCUDA ? at::autocast::is_enabled()
                                     : at::autocast::is_cpu_enabled();
#endif
}

torch::ScalarType autocast_dtype(torch::DeviceType device_type) {
  check_device_type(device_type);
#if REPRO_AUTOCAST_DEVICE_TYPE_API
  return at::autocast::get_autocast_dtype(device_type);
#else
  return device_type == torch::kCUDA ? at::autocast::get_autocast_gpu_dtype()
                                     : at::autocast::get_autocast_cpu_dtype();
#endif
}

AutocastGuard::AutocastGuard(torch::DeviceType device_type, torch::ScalarType dtype,
                             bool enabled)
    : device_type_(device_type),
      previous_enabled_(autocast_enabled(device_type)),
      previous_dtype_(autocast_dtype(device_type)) {
  if (enabled) {
    const bool supported =
        device_type == torch::kCUDA
            ? (dtype == torch::kHalf || dtype == torch::kBFloat16)
            : (dtype == torch::kBFloat16
#if TORCH_VERSION_MAJOR >= 2
               || dtype == torch::kHalf
#endif
              );
    if (!supported) {
      throw InputError(std::string("autocast dtype ") + c10::toString(dtype) +
                       " is not supported on " +
                       c10::DeviceTypeName(device_type, /*lower_case=*/true));
    }
    set_dtype(device_type, dtype);
  }
  set_enabled(device_type, enabled);
  at::autocast::increment_nesting();
}

AutocastGuard::~AutocastGuard() {
  // As torch.autocast.__exit__: the outermost exit clears the cache of cast weights.
  if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
  set_enabled(device_type_, previous_enabled_);
  set_dtype(device_type_, previous_dtype_);
}

}  // namespace repro::training
