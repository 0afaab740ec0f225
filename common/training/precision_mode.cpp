#include "common/training/precision_mode.h"

#include <ATen/Context.h>

#include "base/errors.h"

namespace repro::training {

PrecisionMode parse_precision_mode(const std::string& name) {
  if (name == "fp32") return PrecisionMode::fp32;
  if (name == "tf32") return PrecisionMode::tf32;
  if (name == "fp16") return PrecisionMode::fp16;
  if (name == "amp-fp16") return PrecisionMode::amp_fp16;
  if (name == "amp-bf16") return PrecisionMode::amp_bf16;
  throw InputError("unknown precision mode '" + name +
                   "' (expected fp32, tf32, fp16, amp-fp16 or amp-bf16)");
}

std::string to_string(PrecisionMode mode) {
  switch (mode) {
    case PrecisionMode::fp32: return "fp32";
    case PrecisionMode::tf32: return "tf32";
    case PrecisionMode::fp16: return "fp16";
    case PrecisionMode::amp_fp16: return "amp-fp16";
    case PrecisionMode::amp_bf16: return "amp-bf16";
  }
  return "unknown";
}

torch::ScalarType input_dtype(PrecisionMode mode) {
  return mode == PrecisionMode::fp16 ? torch::kHalf : torch::kFloat;
}

std::optional<torch::ScalarType> autocast_dtype(PrecisionMode mode) {
  if (mode == PrecisionMode::amp_fp16) return torch::kHalf;
  if (mode == PrecisionMode::amp_bf16) return torch::kBFloat16;
  return std::nullopt;
}

bool uses_loss_scaler(PrecisionMode mode) { return mode == PrecisionMode::amp_fp16; }

namespace {

bool is_batch_norm(const torch::nn::Module& module) {
  return module.as<torch::nn::BatchNorm1d>() || module.as<torch::nn::BatchNorm2d>() ||
         module.as<torch::nn::BatchNorm3d>();
}

// Casts the floating-point parameters and buffers to `dtype` (integer buffers such as batch
// norm's num_batches_tracked keep theirs, unlike Module::to(dtype)); batch norm modules' tensors
// go to float32 when keep_batch_norm_in_float.
void cast_floating_tensors(torch::nn::Module& module, torch::ScalarType dtype,
                           bool keep_batch_norm_in_float) {
  torch::NoGradGuard no_grad;
  const torch::ScalarType own_dtype =
      keep_batch_norm_in_float && is_batch_norm(module) ? torch::kFloat : dtype;
  for (auto& parameter : module.parameters(/*recurse=*/false)) {
    if (parameter.is_floating_point()) parameter.set_data(parameter.to(own_dtype));
  }
  for (auto& buffer : module.buffers(/*recurse=*/false)) {
    if (buffer.is_floating_point()) buffer.set_data(buffer.to(own_dtype));
  }
  for (const auto& child : module.children()) {
    cast_floating_tensors(*child, dtype, keep_batch_norm_in_float);
  }
}

}  // namespace

void prepare_model_for_precision(torch::nn::Module& module, PrecisionMode mode,
                                 const torch::Device& device) {
  const bool allow_tf32 = mode == PrecisionMode::tf32;
  at::globalContext().setAllowTF32CuBLAS(allow_tf32);
  at::globalContext().setAllowTF32CuDNN(allow_tf32);
  module.to(device);
  cast_floating_tensors(module, mode == PrecisionMode::fp16 ? torch::kHalf : torch::kFloat,
                        /*keep_batch_norm_in_float=*/true);
}

}  // namespace repro::training
