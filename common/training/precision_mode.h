// Training precision modes of the mixed-precision studies and how to prepare a model for each.
#pragma once

#include <optional>
#include <string>

#include <torch/torch.h>

namespace repro::training {

enum class PrecisionMode {
  fp32,      // float32 everywhere, TF32 tensor-core math off
  tf32,      // float32 storage, TF32 allowed in cuBLAS/cuDNN matmuls and convolutions
  fp16,      // model in half, batch norm kept in float32, inputs half, no loss scaling
  amp_fp16,  // float32 model, autocast to float16, dynamic loss scaling
  amp_bf16,  // float32 model, autocast to bfloat16, no loss scaling
};

// "fp32", "tf32", "fp16", "amp-fp16", "amp-bf16"; InputError naming the value otherwise.
PrecisionMode parse_precision_mode(const std::string& name);
std::string to_string(PrecisionMode mode);

// kHalf for fp16, kFloat otherwise: the dtype inputs must have when fed to the prepared model.
torch::ScalarType input_dtype(PrecisionMode mode);
// kHalf for amp_fp16, kBFloat16 for amp_bf16, nullopt otherwise.
std::optional<torch::ScalarType> autocast_dtype(PrecisionMode mode);
// Only amp_fp16 uses a dynamic loss scaler.
bool uses_loss_scaler(PrecisionMode mode);

// Moves `module` to `device` and to the mode's parameter dtype (half for fp16, with every
// BatchNorm1d/2d/3d module kept in float32), and sets the process-wide TF32 flags
// (at::globalContext().setAllowTF32CuBLAS / setAllowTF32CuDNN): on for tf32, off otherwise.
void prepare_model_for_precision(torch::nn::Module& module, PrecisionMode mode,
                                 const torch::Device& device);

}  // namespace repro::training
