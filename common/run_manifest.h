// The manifest of a run: everything needed to tell two runs' circumstances apart.
#pragma once

#include <filesystem>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/run_options.h"

namespace repro {

// {git_commit, date, host, cpu, gpu, gpu_driver, cuda_version, libtorch_version, compiler,
//  precision_flags {tf32_matmul, tf32_cudnn, cudnn_benchmark, cudnn_deterministic, ...},
//  seeds, data_files [{path, sha256, bytes}]}
nlohmann::json collect_run_manifest(const RunOptions& options,
                                    const std::vector<std::filesystem::path>& data_files);

// The current UTC time as "2026-11-23T09:00:00Z".
std::string utc_timestamp_now();

// True when LibTorch was built with CUDA and a CUDA device is present.
bool cuda_device_available();

// "precision-repro 0.1.0 (commit abc1234), LibTorch 1.13.0, <compiler>": printed first by every run.
std::string version_banner();

}  // namespace repro
