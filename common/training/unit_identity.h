// What a run unit's key (common/run_units.h) says about a training's inputs beyond its options: the
// data by content, so that shards on machines holding the data elsewhere agree, and the device,
// so that a result computed on one GPU model is never reused for another (float results and
// timings differ between them).
#pragma once

#include <string>
#include <vector>

#include <torch/types.h>

namespace repro::training {

// SHA-256 (hex) of the SHA-256s of each tensor's bytes (contiguous, on the CPU), in order. Equal
// for equal dtypes, shapes' element counts and contents.
std::string tensors_sha256(const std::vector<torch::Tensor>& tensors);

// device.str() ("cpu"); on CUDA followed by the GPU's model name from gpu_machine_record()
// ("cuda:0 NVIDIA H200"), looked up once per process.
std::string device_identity(const torch::Device& device);

}  // namespace repro::training
