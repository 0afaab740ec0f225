// Checks the files of an installed data set against the registry's checksums.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "data/dataset_registry.h"

namespace repro::data {

enum class FileStatus { ok, mismatch, missing, not_recorded };

// "ok", "MISMATCH", "MISSING", "present (no checksum recorded)".
std::string to_string(FileStatus status);

struct FileVerification {
  std::string relative_path;
  std::filesystem::path path;  // what was checked
  FileStatus status = FileStatus::missing;
  std::string detail;          // the digests compared, or why
};

struct DatasetVerification {
  DatasetLocation location;
  std::vector<FileVerification> files;
  // True when the data set was found and no file is missing or mismatched.
  bool ok() const;
};

// Verifies data set `name` where locate_dataset finds it (data_dir first, then system folders).
// A file passes on its recorded SHA-256, else on its MD5; a gzip file whose header was
// rewritten (Debian) passes when its decompressed content matches content_sha256; a
// decompressed copy (raw_alternative) passes on content_sha256. Throws InputError only for
// an unknown name.
DatasetVerification verify_dataset(const std::string& name, const std::filesystem::path& data_dir);

// Verifies one file against the registry entry `file` (used by verify_dataset and fetch).
FileVerification verify_dataset_file(const DatasetFile& file, const std::filesystem::path& directory);

}  // namespace repro::data
