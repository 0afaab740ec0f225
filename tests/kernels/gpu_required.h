// How a GPU test meets a machine without a usable CUDA device: it skips, with the reason, except
// under the `cuda` test preset (CMakePresets.json sets REPRO_REQUIRE_GPU=1), where it fails: a GPU
// run whose GPU tests all skipped would otherwise pass.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace repro::testing {

// True when REPRO_REQUIRE_GPU is set to a value other than "" or "0".
inline bool gpu_required() {
  const char* value = std::getenv("REPRO_REQUIRE_GPU");
  return value != nullptr && std::string(value) != "" && std::string(value) != "0";
}

}  // namespace repro::testing

// In a TEST body: unless `available`, fail (REPRO_REQUIRE_GPU) or skip, with `reason`.
#define REPRO_REQUIRE_GPU_OR_SKIP(available, reason)                                   \
  do {                                                                                 \
    if (!(available)) {                                                                \
      if (::repro::testing::gpu_required()) FAIL() << (reason) << " (REPRO_REQUIRE_GPU is set)"; \
      GTEST_SKIP() << (reason);                                                        \
    }                                                                                  \
  } while (false)
