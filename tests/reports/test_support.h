// Helpers of the reports tests: the fixture directory, scratch directories, whole-file I/O.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

namespace repro::reports::testing {

inline std::filesystem::path fixtures_dir() { return std::filesystem::path(REPRO_REPORTS_FIXTURES_DIR); }

// The two studies of the "old" run: <fixtures>/old/<study>/results.json.
inline std::filesystem::path old_run_dir() { return fixtures_dir() / "old"; }
inline std::filesystem::path dogs_vs_cats_results() {
  return old_run_dir() / "dogs_vs_cats_mixed_precision" / "results.json";
}

// One study with every schema-2 field (comparison, margin, checks, numerics, captions, published
// series, reference lines): <fixtures>/schema2/fixed_point_fashion_mnist/results.json.
inline std::filesystem::path schema2_run_dir() { return fixtures_dir() / "schema2"; }
inline std::filesystem::path schema2_results() {
  return schema2_run_dir() / "fixed_point_fashion_mnist" / "results.json";
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream stream(path, std::ios::binary);
  std::ostringstream contents;
  contents << stream.rdbuf();
  return contents.str();
}

inline void write_text(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

inline nlohmann::json read_json(const std::filesystem::path& path) { return nlohmann::json::parse(read_text(path)); }

// A fresh directory under the system temporary directory, removed with its contents at scope end.
class ScratchDirectory {
 public:
  explicit ScratchDirectory(const std::string& purpose) {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("repro-reports-" + purpose + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Copies the fixture "old" run into `directory` (as <directory>/<study>/results.json).
inline void copy_old_run(const std::filesystem::path& directory) {
  std::filesystem::copy(old_run_dir(), directory, std::filesystem::copy_options::recursive);
}

}  // namespace repro::reports::testing
