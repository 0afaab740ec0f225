#include "common/run_options.h"

#include <cstdlib>

#include "base/errors.h"

#ifndef REPRO_SOURCE_DIR
#define REPRO_SOURCE_DIR "."
#endif

namespace repro {

std::string to_string(DeviceKind device) { return device == DeviceKind::cpu ? "cpu" : "cuda"; }

DeviceKind parse_device(const std::string& name, const std::string& option_name, bool cuda_available) {
  if (name == "cpu") return DeviceKind::cpu;
  if (name == "cuda") return DeviceKind::cuda;
  if (name == "auto") return cuda_available ? DeviceKind::cuda : DeviceKind::cpu;
  throw InputError(option_name + ": unknown device '" + name + "' (expected cpu, cuda or auto)");
}

std::filesystem::path default_papers_dir() {
  if (const char* from_environment = std::getenv("REPRO_PAPERS_DIR")) return from_environment;
  return std::filesystem::path(REPRO_SOURCE_DIR) / "papers";
}

std::filesystem::path default_data_dir() {
  if (const char* from_environment = std::getenv("REPRO_DATA_DIR")) return from_environment;
  return {};
}

}  // namespace repro
