#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "base/atomic_file.h"
#include "base/errors.h"

namespace repro {
namespace {

std::filesystem::path fresh_directory(const std::string& name) {
  auto directory = std::filesystem::temp_directory_path() /
                   ("repro_atomic_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(directory);
  std::filesystem::create_directories(directory);
  return directory;
}

TEST(AtomicFile, WritesContentsAndCreatesParents) {
  auto directory = fresh_directory("parents");
  auto path = directory / "a" / "b" / "results.json";
  write_file_atomically(path, "{\"x\": 1}\n");
  EXPECT_EQ(read_whole_file(path), "{\"x\": 1}\n");
  // No temporary file is left beside it.
  int entries = 0;
  for (const auto& entry : std::filesystem::directory_iterator(path.parent_path())) {
    (void)entry;
    ++entries;
  }
  EXPECT_EQ(entries, 1);
}

TEST(AtomicFile, ReplacesAnExistingFileWhole) {
  auto directory = fresh_directory("replace");
  auto path = directory / "file.txt";
  write_file_atomically(path, std::string(10000, 'a'));
  write_file_atomically(path, "short");
  EXPECT_EQ(read_whole_file(path), "short");
}

TEST(AtomicFile, FailureKeepsTheOldFileAndNamesThePath) {
  if (::geteuid() == 0) {
    // root ignores directory permissions; use a path under a regular file instead.
    auto directory = fresh_directory("blocked");
    write_file_atomically(directory / "plain", "x");
    try {
      write_file_atomically(directory / "plain" / "results.json", "y");
      FAIL() << "expected InputError";
    } catch (const InputError& error) {
      EXPECT_NE(std::string(error.what()).find("plain"), std::string::npos) << error.what();
    }
    EXPECT_EQ(read_whole_file(directory / "plain"), "x");
    return;
  }
  auto directory = fresh_directory("readonly");
  auto path = directory / "results.json";
  write_file_atomically(path, "old");
  ::chmod(directory.c_str(), 0555);
  EXPECT_THROW(write_file_atomically(path, "new"), InputError);
  ::chmod(directory.c_str(), 0755);
  EXPECT_EQ(read_whole_file(path), "old");
}

TEST(AtomicFile, ReadingAMissingFileNamesIt) {
  try {
    read_whole_file("/nonexistent/repro/file.json");
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("/nonexistent/repro/file.json"), std::string::npos);
  }
}

}  // namespace
}  // namespace repro
