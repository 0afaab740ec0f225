// The GPU part of a run's manifest, and snapshots of the GPU's state taken around each timing.
//
// Every field is always present: a value, or null with its reason in "null_reasons" (field -> reason),
// e.g. {"name": null, ..., "null_reasons": {"name": "no CUDA device: LibTorch was built without CUDA"}}.
// Sources: nvidia-smi --query-gpu (through popen; a missing nvidia-smi or an unsupported field gives null
// with the reason, never an error) for the device's identity, clocks, power, ECC, MIG, persistence,
// temperature and throttle reasons; the CUDA libraries LibTorch loaded (looked up by symbol in the running
// process: cudaRuntimeGetVersion, cudaDriverGetVersion, cublasGetProperty) for the runtime, driver API and
// cuBLAS versions; LibTorch's CUDA hooks for cuDNN; at::globalContext() for the precision flags.
// The device is the first of CUDA_VISIBLE_DEVICES (an index or a GPU UUID) or nvidia-smi's index 0.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace repro {

// The first line a shell command prints (trailing newline removed), or "" when it cannot run.
std::string command_output_line(const std::string& command);

// What does not change during a run: {name, uuid, compute_capability, memory_total_mib, driver_version,
// cuda_driver_api_version, cuda_runtime_version, cudnn_version, cublas_version, clocks {sm, memory,
// application_sm, application_memory, max_sm, max_memory} (MHz), power_limit_w, ecc_mode, mig_mode,
// persistence_mode, count, name_and_driver, null_reasons}.
nlohmann::json gpu_machine_record();

// What can change between timings: {taken_at, sm_clock_mhz, memory_clock_mhz, temperature_c, power_draw_w,
// memory_used_mib, throttle_reasons (nvidia-smi's bit mask, "0x0000000000000000" = none), precision_flags
// {tf32_matmul, tf32_cudnn, cudnn_benchmark, cudnn_deterministic, deterministic_algorithms}, null_reasons}.
// A timing takes one before and one after (see gpu_timing_conditions); cheap enough for that (one
// nvidia-smi call, about 0.1 s), not for inside a timed window.
nlohmann::json gpu_state_snapshot();

// {"before": snapshot, "after": snapshot}: the record a timing stores. Call with the `before` snapshot
// taken just before the timed work, right after it.
nlohmann::json gpu_timing_conditions(nlohmann::json before);

// LibTorch's precision flags now: {tf32_matmul, tf32_cudnn, cudnn_benchmark, cudnn_deterministic,
// deterministic_algorithms}.
nlohmann::json precision_flags_now();

}  // namespace repro
