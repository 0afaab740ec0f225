// The manifest of a run: everything needed to tell two runs' circumstances apart.
#pragma once

#include <filesystem>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/utc_timestamp.h"
#include "common/run_options.h"

namespace repro {

// {git_commit, date, host, cpu, cpu_threads, gpu (common/gpu_record.h: gpu_machine_record, every
//  field present, null with its reason where there is no GPU), cuda_version (the CUDA runtime loaded
//  with LibTorch, not the driver's; null without CUDA), libtorch_version, compiler, blas_libraries
//  (the BLAS/LAPACK shared libraries loaded, links resolved: CPU results depend on them),
//  precision_flags {tf32_matmul, tf32_cudnn, cudnn_benchmark, cudnn_deterministic, ...} (at the end of
//  the run: the flags of each timing are in that timing's conditions), seeds, data_files [{path, sha256, bytes}],
//  units_of (only in a partial run: the experiments whose units it computed, RunOptions::units_of)}
nlohmann::json collect_run_manifest(const RunOptions& options,
                                    const std::vector<std::filesystem::path>& data_files);

// What a run unit records of its making (common/run_units.h, UnitStore::set_provenance): {git_commit,
// host, cpu, device, gpu (its name; null without one), libtorch_version, compiler}.
nlohmann::json unit_provenance(const RunOptions& options);
// True when LibTorch was built with CUDA and a CUDA device is present.
bool cuda_device_available();

// "precision-repro 0.1.0 (commit abc1234), LibTorch 1.13.0, <compiler>": printed first by every run.
std::string version_banner();

}  // namespace repro
