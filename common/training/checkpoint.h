// Checkpoints of a training run, and loading of weight (state dict) files.
//
// A checkpoint holds the module's parameters and buffers, the optimizer's state, the position in
// training (iteration, epoch, batch in epoch), the shuffle seed, the loss scaler's state, the
// torch default CPU generator state (dropout, random init), and caller tensors (the trainer keeps
// its history there). It is written to a temporary file next to the target and renamed over it,
// so a crash never leaves a half-written checkpoint. Restoring into a fresh module + optimizer of
// the same architecture and continuing gives bit-identical results on CPU to a run that was never
// interrupted (tested).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include <torch/torch.h>

#include "common/training/loss_scaler.h"

namespace repro::training {

struct CheckpointState {
  std::int64_t iteration = 0;       // iterations completed
  std::int64_t epoch = 0;           // epoch in progress (0-based)
  std::int64_t batch_in_epoch = 0;  // next batch within that epoch
  std::uint64_t shuffle_seed = 0;   // the trainer's permutations are a function of (seed, epoch)
  std::optional<LossScalerState> loss_scaler;
  std::map<std::string, torch::Tensor> extra_tensors;  // caller data, saved on CPU
};

// Writes atomically (temporary file + rename). `optimizer` may be null. Throws InputError naming
// the path when it cannot be written.
void save_checkpoint(const std::filesystem::path& path, const torch::nn::Module& module,
                     const torch::optim::Optimizer* optimizer, const CheckpointState& state);

// Restores parameters and buffers into `module` (same architecture; tensors keep their device),
// the optimizer state into `optimizer` (when not null; it must be built over module's
// parameters in the same order) and, when restore_random_state, the torch default CPU generator.
// Throws InputError naming the file when it is missing, truncated, corrupt, or does not match the
// module (the message names the missing key or mismatched shape).
CheckpointState load_checkpoint(const std::filesystem::path& path, torch::nn::Module& module,
                                torch::optim::Optimizer* optimizer,
                                bool restore_random_state = true);

// Weight files: a dictionary {parameter or buffer name: tensor} written with torch::pickle_save
// (readable by Python's torch.load; Python's torch.save(dict(model.state_dict()), path) writes
// one this loader reads). Written atomically.
void save_state_dict(const std::filesystem::path& path, const torch::nn::Module& module);

struct StateDictLoadOptions {
  // Strict: every module key must be in the file and every file key in the module.
  TORCH_ARG(bool, strict) = true;
};

struct StateDictLoadReport {
  std::vector<std::string> loaded_keys;
  std::vector<std::string> missing_keys;     // in the module, not in the file (non-strict only)
  std::vector<std::string> unexpected_keys;  // in the file, not in the module (non-strict only)
};

// Copies the file's tensors into the module's parameters and buffers (converted to each
// parameter's dtype and device). Throws InputError naming the file and listing missing or
// unexpected keys (strict), or naming the key and both shapes on a shape mismatch, or when the
// file cannot be read or is not a dictionary of tensors.
StateDictLoadReport load_state_dict(const std::filesystem::path& path, torch::nn::Module& module,
                                    const StateDictLoadOptions& options = StateDictLoadOptions());

}  // namespace repro::training
