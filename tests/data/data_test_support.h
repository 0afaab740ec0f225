// Helpers shared by the data tests: the real-data folder and scratch folders.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

namespace repro::data::testing {

// REPRO_DATA_DIR, or "" when unset.
inline std::filesystem::path real_data_dir() {
  const char* value = std::getenv("REPRO_DATA_DIR");
  return value != nullptr ? std::filesystem::path(value) : std::filesystem::path();
}

// A fresh empty folder under the system temporary folder, removed by the destructor.
class ScratchFolder {
 public:
  explicit ScratchFolder(const std::string& tag) {
    std::random_device device;
    path_ = std::filesystem::temp_directory_path() /
            ("repro-data-" + tag + "-" + std::to_string(device()) + std::to_string(device()));
    std::filesystem::create_directories(path_);
  }
  ~ScratchFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace repro::data::testing

// Skips the test when REPRO_DATA_DIR is unset or lacks `sub`.
#define REPRO_REQUIRE_REAL_DATA(sub)                                                                 \
  do {                                                                                               \
    if (::repro::data::testing::real_data_dir().empty())                                             \
      GTEST_SKIP() << "REPRO_DATA_DIR is not set; real-data test skipped";                           \
    if (!std::filesystem::exists(::repro::data::testing::real_data_dir() / (sub)))                   \
      GTEST_SKIP() << "REPRO_DATA_DIR has no " << (sub) << "; real-data test skipped";              \
  } while (0)
