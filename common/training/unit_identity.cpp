#include "common/training/unit_identity.h"

#include <nlohmann/json.hpp>

#include "common/gpu_record.h"
#include "data/checksum.h"

namespace repro::training {

std::string tensors_sha256(const std::vector<torch::Tensor>& tensors) {
  std::string digests;
  for (const torch::Tensor& tensor : tensors) {
    const torch::Tensor bytes = tensor.detach().to(torch::kCPU).contiguous();
    digests += data::sha256_hex(bytes.data_ptr(), static_cast<std::size_t>(bytes.numel() * bytes.element_size()));
  }
  return data::sha256_hex(digests.data(), digests.size());
}

std::string device_identity(const torch::Device& device) {
  if (!device.is_cuda()) return device.str();
  static const std::string gpu_name = [] {
    const nlohmann::json gpu = gpu_machine_record();
    const nlohmann::json name = gpu.value("name", nlohmann::json());
    return name.is_string() ? name.get<std::string>() : std::string("unknown GPU");
  }();
  return device.str() + " " + gpu_name;
}

}  // namespace repro::training
