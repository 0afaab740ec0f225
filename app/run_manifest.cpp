#include "app/run_manifest.h"

#include <link.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <ctime>
#include <fstream>
#include <string>
#include <utility>

#include <ATen/Context.h>
#include <ATen/Parallel.h>
#include <torch/cuda.h>
#include <torch/version.h>

#include "common/gpu_record.h"
#include "data/checksum.h"

#ifndef REPRO_SOURCE_DIR
#define REPRO_SOURCE_DIR "."
#endif
#ifndef REPRO_VERSION
#define REPRO_VERSION "unknown"
#endif

namespace repro {
namespace {

std::string git_commit() {
  std::string commit = command_output_line(std::string("git -C '") + REPRO_SOURCE_DIR +
                                             "' rev-parse HEAD 2>/dev/null");
  if (commit.empty()) return "unknown";
  std::string dirty = command_output_line(std::string("git -C '") + REPRO_SOURCE_DIR +
                                            "' status --porcelain --untracked-files=no 2>/dev/null");
  return dirty.empty() ? commit : commit + "-dirty";
}

std::string cpu_model() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("model name", 0) == 0) {
      auto colon = line.find(':');
      if (colon != std::string::npos) return line.substr(colon + 2);
    }
  }
  return "unknown";
}

std::string host_name() {
  std::array<char, 256> name{};
  if (::gethostname(name.data(), name.size()) != 0) return "unknown";
  return name.data();
}

int add_blas_library(struct dl_phdr_info* info, size_t, void* data) {
  auto& paths = *static_cast<std::vector<std::string>*>(data);
  const std::string name = info->dlpi_name != nullptr ? info->dlpi_name : "";
  std::string file = std::filesystem::path(name).filename().string();
  std::transform(file.begin(), file.end(), file.begin(), [](unsigned char c) { return std::tolower(c); });
  const bool blas = (file.find("blas") != std::string::npos || file.find("mkl") != std::string::npos ||
                     file.find("lapack") != std::string::npos) &&
                    file.find("cublas") == std::string::npos;
  if (!blas) return 0;
  std::error_code error;
  const std::filesystem::path resolved = std::filesystem::canonical(name, error);
  paths.push_back(error ? name : resolved.string());
  return 0;
}

// The BLAS and LAPACK libraries loaded into this process, symbolic links resolved (Debian's
// libblas.so.3 alternative: .../blas/libblas.so.3 is the reference BLAS, .../openblas-*/ OpenBLAS):
// CPU results depend on which one LibTorch's dense layers call.
nlohmann::json loaded_blas_libraries() {
  std::vector<std::string> paths;
  dl_iterate_phdr(add_blas_library, &paths);
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  return paths;
}

}  // namespace

bool cuda_device_available() { return torch::cuda::is_available(); }

nlohmann::json unit_provenance(const RunOptions& options) {
  return {{"git_commit", git_commit()},
          {"host", host_name()},
          {"cpu", cpu_model()},
          {"device", to_string(options.device)},
          {"gpu", gpu_machine_record()["name"]},
          {"libtorch_version", TORCH_VERSION},
          {"compiler", __VERSION__}};
}

std::string version_banner() {
  return std::string("precision-repro ") + REPRO_VERSION + " (commit " + git_commit() +
         "), LibTorch " + TORCH_VERSION + ", compiler " + __VERSION__;
}

nlohmann::json collect_run_manifest(const RunOptions& options,
                                    const std::vector<std::filesystem::path>& data_files) {
  nlohmann::json files = nlohmann::json::array();
  for (const auto& path : data_files) {
    std::error_code error;
    auto bytes = std::filesystem::file_size(path, error);
    files.push_back({{"path", path.string()},
                     {"sha256", data::file_sha256(path)},
                     {"bytes", error ? 0 : bytes}});
  }
  nlohmann::json gpu = gpu_machine_record();
  nlohmann::json cuda_version = gpu["cuda_runtime_version"];
  nlohmann::json manifest = {
      {"repro_version", REPRO_VERSION},
      {"git_commit", git_commit()},
      {"date", utc_timestamp_now()},
      {"host", host_name()},
      {"cpu", cpu_model()},
      {"cpu_threads", at::get_num_threads()},
      {"gpu", std::move(gpu)},
      {"cuda_version", std::move(cuda_version)},
      {"libtorch_version", TORCH_VERSION},
      {"compiler", __VERSION__},
      {"blas_libraries", loaded_blas_libraries()},
      {"precision_flags", precision_flags_now()},
      {"device", to_string(options.device)},
      {"seeds", {options.seed}},
      {"data_dir", options.data_dir.string()},
      {"data_files", files},
  };
  if (options.units_of) manifest["units_of"] = *options.units_of;  // a partial run (RunOptions::units_of)
  return manifest;
}

}  // namespace repro
