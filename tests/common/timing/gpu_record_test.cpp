// The GPU record of the manifest: every field present; on a machine without a GPU each is null with a
// reason; a missing or failing nvidia-smi never throws.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include <torch/cuda.h>

#include "common/gpu_record.h"

namespace repro {
namespace {

void expect_field(const nlohmann::json& record, const std::string& field) {
  ASSERT_TRUE(record.contains(field)) << field;
  if (record[field].is_null()) {
    ASSERT_TRUE(record["null_reasons"].contains(field)) << field << " is null without a reason";
    EXPECT_FALSE(record["null_reasons"][field].get<std::string>().empty()) << field;
  }
}

TEST(GpuRecord, MachineRecordHasEveryFieldNullWithAReasonOrAValue) {
  const nlohmann::json record = gpu_machine_record();
  for (const char* field :
       {"name", "uuid", "compute_capability", "memory_total_mib", "driver_version", "cuda_driver_api_version",
        "cuda_runtime_version", "cudnn_version", "cublas_version", "sm_clock_mhz", "memory_clock_mhz",
        "application_sm_clock_mhz", "application_memory_clock_mhz", "max_sm_clock_mhz", "max_memory_clock_mhz",
        "power_limit_w", "ecc_mode", "mig_mode", "persistence_mode", "name_and_driver"})
    expect_field(record, field);
  ASSERT_TRUE(record.contains("count"));
  if (!torch::cuda::is_available()) {
    EXPECT_EQ(record["count"], 0);
    EXPECT_TRUE(record["name"].is_null());
    EXPECT_TRUE(record["uuid"].is_null());
    EXPECT_NE(record["null_reasons"]["uuid"].get<std::string>().find("no CUDA device"), std::string::npos);
  } else {
    EXPECT_TRUE(record["name"].is_string());
  }
}

TEST(GpuRecord, SnapshotHasStateAndPrecisionFlags) {
  const nlohmann::json snapshot = gpu_state_snapshot();
  for (const char* field :
       {"sm_clock_mhz", "memory_clock_mhz", "temperature_c", "power_draw_w", "memory_used_mib", "throttle_reasons"})
    expect_field(snapshot, field);
  EXPECT_TRUE(snapshot["taken_at"].is_string());
  for (const char* flag : {"tf32_matmul", "tf32_cudnn", "cudnn_benchmark", "cudnn_deterministic",
                           "deterministic_algorithms"})
    EXPECT_TRUE(snapshot["precision_flags"][flag].is_boolean()) << flag;
  const nlohmann::json conditions = gpu_timing_conditions(snapshot);
  EXPECT_EQ(conditions["before"], snapshot);
  EXPECT_TRUE(conditions["after"].is_object());
}

TEST(GpuRecord, MissingNvidiaSmiNeverThrows) {
  const char* path = std::getenv("PATH");
  const std::string saved = path != nullptr ? path : "";
  ::setenv("PATH", "/nonexistent", 1);
  nlohmann::json record;
  EXPECT_NO_THROW(record = gpu_machine_record());
  EXPECT_NO_THROW(gpu_state_snapshot());
  ::setenv("PATH", saved.c_str(), 1);
  EXPECT_TRUE(record.contains("name"));
  EXPECT_EQ(command_output_line("exit 3"), "");
  EXPECT_EQ(command_output_line("printf 'a\\nb\\n'"), "a");
}

}  // namespace
}  // namespace repro
