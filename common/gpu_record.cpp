#include "common/gpu_record.h"

#include <dlfcn.h>

#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <sstream>
#include <utility>
#include <vector>

#include <ATen/Context.h>
#include <ATen/detail/CUDAHooksInterface.h>
#include <torch/cuda.h>

#include "base/utc_timestamp.h"

namespace repro {
namespace {

struct SmiField {
  const char* json_name;
  const char* query;  // nvidia-smi --query-gpu name
};

const std::vector<SmiField> kMachineFields = {
    {"name", "name"},
    {"uuid", "uuid"},
    {"compute_capability", "compute_cap"},
    {"memory_total_mib", "memory.total"},
    {"driver_version", "driver_version"},
    {"sm_clock_mhz", "clocks.sm"},
    {"memory_clock_mhz", "clocks.mem"},
    {"application_sm_clock_mhz", "clocks.applications.graphics"},
    {"application_memory_clock_mhz", "clocks.applications.memory"},
    {"max_sm_clock_mhz", "clocks.max.sm"},
    {"max_memory_clock_mhz", "clocks.max.mem"},
    {"power_limit_w", "power.limit"},
    {"ecc_mode", "ecc.mode.current"},
    {"mig_mode", "mig.mode.current"},
    {"persistence_mode", "persistence_mode"},
};

const std::vector<SmiField> kSnapshotFields = {
    {"sm_clock_mhz", "clocks.sm"},
    {"memory_clock_mhz", "clocks.mem"},
    {"temperature_c", "temperature.gpu"},
    {"power_draw_w", "power.draw"},
    {"memory_used_mib", "memory.used"},
    {"throttle_reasons", "clocks_throttle_reasons.active"},
};

// Why there is no GPU to describe, or "" when there is one.
std::string no_gpu_reason() {
  if (!at::globalContext().hasCUDA()) return "no CUDA device: LibTorch was built without CUDA or sees no device";
  if (!torch::cuda::is_available()) return "no CUDA device: torch::cuda::is_available() is false";
  return "";
}

// nvidia-smi's -i argument: the first entry of CUDA_VISIBLE_DEVICES, else 0.
std::string device_selector() {
  const char* visible = std::getenv("CUDA_VISIBLE_DEVICES");
  std::string first = visible != nullptr ? std::string(visible).substr(0, std::string(visible).find(',')) : "";
  for (char c : first)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-')) return "0";  // never pass odd text to a shell
  return first.empty() ? "0" : first;
}

std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> parts;
  std::stringstream stream(line);
  std::string part;
  while (std::getline(stream, part, ',')) {
    const auto begin = part.find_first_not_of(' ');
    parts.push_back(begin == std::string::npos ? "" : part.substr(begin, part.find_last_not_of(' ') - begin + 1));
  }
  return parts;
}

// One nvidia-smi value: a number when it reads as one, else the text; "[N/A]", "[Not Supported]" and
// empty give null with the reason.
void put_value(nlohmann::json& record, const std::string& name, const std::string& text) {
  if (text.empty() || text.front() == '[') {
    record[name] = nullptr;
    record["null_reasons"][name] = "nvidia-smi reports " + (text.empty() ? std::string("nothing") : text);
    return;
  }
  char* end = nullptr;
  const double number = std::strtod(text.c_str(), &end);
  if (end != text.c_str() && *end == '\0' && text.rfind("0x", 0) != 0) record[name] = number;
  else record[name] = text;
}

std::string smi_query(const std::string& fields) {
  return command_output_line("nvidia-smi --query-gpu=" + fields + " --format=csv,noheader,nounits -i " +
                             device_selector() + " 2>/dev/null");
}

// Fills `record` with the fields: one nvidia-smi call; when that fails (an old driver rejects a field
// name), one call per field, so that one unknown field does not null the others.
void put_smi_fields(nlohmann::json& record, const std::vector<SmiField>& fields) {
  std::string names;
  for (const SmiField& f : fields) names += (names.empty() ? "" : ",") + std::string(f.query);
  const std::vector<std::string> values = split_csv(smi_query(names));
  if (values.size() == fields.size()) {
    for (std::size_t i = 0; i < fields.size(); ++i) put_value(record, fields[i].json_name, values[i]);
    return;
  }
  for (const SmiField& f : fields) {
    const std::string value = smi_query(f.query);
    if (value.empty() || value.find("not a valid field") != std::string::npos) {
      record[f.json_name] = nullptr;
      record["null_reasons"][f.json_name] = std::string("nvidia-smi gave no value for ") + f.query;
    } else {
      put_value(record, f.json_name, value);
    }
  }
}

void put_null(nlohmann::json& record, const std::vector<SmiField>& fields, const std::string& reason) {
  for (const SmiField& f : fields) {
    record[f.json_name] = nullptr;
    record["null_reasons"][f.json_name] = reason;
  }
}

// A version read from a CUDA library already loaded into this process, by symbol (LibTorch's libraries
// are loaded with it; were two cudart copies loaded, the first in the global scope answers); null with
// the reason when none is loaded.
void put_library_version(nlohmann::json& record, const std::string& name, const char* symbol,
                         const std::function<nlohmann::json(void*)>& read) {
  void* function = ::dlsym(RTLD_DEFAULT, symbol);
  if (function == nullptr) {
    record[name] = nullptr;
    record["null_reasons"][name] = std::string(symbol) + " is not loaded in this process (no CUDA LibTorch)";
    return;
  }
  record[name] = read(function);
}

nlohmann::json cuda_int_version(void* function) {  // cudaRuntimeGetVersion / cudaDriverGetVersion
  int version = 0;
  if (reinterpret_cast<int (*)(int*)>(function)(&version) != 0) return nullptr;
  return std::to_string(version / 1000) + "." + std::to_string(version % 1000 / 10);
}

nlohmann::json cublas_version(void* function) {  // cublasGetProperty(MAJOR_VERSION = 0, MINOR = 1, PATCH = 2)
  auto get = reinterpret_cast<int (*)(int, int*)>(function);
  std::array<int, 3> parts{};
  for (int p = 0; p < 3; ++p)
    if (get(p, &parts[p]) != 0) return nullptr;
  return std::to_string(parts[0]) + "." + std::to_string(parts[1]) + "." + std::to_string(parts[2]);
}

void put_library_versions(nlohmann::json& record) {
  put_library_version(record, "cuda_runtime_version", "cudaRuntimeGetVersion", cuda_int_version);
  put_library_version(record, "cuda_driver_api_version", "cudaDriverGetVersion", cuda_int_version);
  put_library_version(record, "cublas_version", "cublasGetProperty", cublas_version);
  const auto& hooks = at::detail::getCUDAHooks();
  if (hooks.hasCuDNN()) {
    record["cudnn_version"] = hooks.versionCuDNN();
  } else {
    record["cudnn_version"] = nullptr;
    record["null_reasons"]["cudnn_version"] = "LibTorch has no cuDNN (CPU-only build or no CUDA)";
  }
}

}  // namespace

std::string command_output_line(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
  if (!pipe) return "";
  std::array<char, 1024> buffer{};
  std::string line;
  if (std::fgets(buffer.data(), buffer.size(), pipe.get()) != nullptr) line = buffer.data();
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  return line;
}

nlohmann::json precision_flags_now() {
  auto& context = at::globalContext();
  return {{"tf32_matmul", context.allowTF32CuBLAS()},
          {"tf32_cudnn", context.allowTF32CuDNN()},
          {"cudnn_benchmark", context.benchmarkCuDNN()},
          {"cudnn_deterministic", context.deterministicCuDNN()},
          {"deterministic_algorithms", context.deterministicAlgorithms()}};
}

nlohmann::json gpu_machine_record() {
  nlohmann::json record = {{"null_reasons", nlohmann::json::object()}};
  const std::string reason = no_gpu_reason();
  record["count"] = reason.empty() ? torch::cuda::device_count() : 0;
  if (reason.empty()) put_smi_fields(record, kMachineFields);
  else put_null(record, kMachineFields, reason);
  put_library_versions(record);
  record["name_and_driver"] = record["name"].is_string() && record["driver_version"].is_string()
                                  ? nlohmann::json(record["name"].get<std::string>() + ", driver " +
                                                   record["driver_version"].get<std::string>())
                                  : nlohmann::json(nullptr);
  if (record["name_and_driver"].is_null()) record["null_reasons"]["name_and_driver"] = "no GPU name or driver";
  return record;
}

nlohmann::json gpu_state_snapshot() {
  nlohmann::json record = {{"null_reasons", nlohmann::json::object()}, {"taken_at", utc_timestamp_now()}};
  const std::string reason = no_gpu_reason();
  if (reason.empty()) put_smi_fields(record, kSnapshotFields);
  else put_null(record, kSnapshotFields, reason);
  record["precision_flags"] = precision_flags_now();
  return record;
}

nlohmann::json gpu_timing_conditions(nlohmann::json before) {
  return {{"before", std::move(before)}, {"after", gpu_state_snapshot()}};
}

}  // namespace repro
