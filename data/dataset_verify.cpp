#include "data/dataset_verify.h"

#include "data/checksum.h"
#include "data/file_bytes.h"

namespace repro::data {

std::string to_string(FileStatus status) {
  switch (status) {
    case FileStatus::ok: return "ok";
    case FileStatus::mismatch: return "MISMATCH";
    case FileStatus::missing: return "MISSING";
    case FileStatus::not_recorded: return "present (no checksum recorded)";
  }
  return "?";
}

bool DatasetVerification::ok() const {
  if (!location.found) return false;
  for (const FileVerification& file : files) {
    if (file.status == FileStatus::mismatch || file.status == FileStatus::missing) return false;
  }
  return true;
}

FileVerification verify_dataset_file(const DatasetFile& file, const std::filesystem::path& directory) {
  FileVerification result;
  result.relative_path = file.relative_path;
  result.path = installed_file_path(file, directory);
  if (file.is_directory) {
    if (std::filesystem::is_directory(result.path) && !std::filesystem::is_empty(result.path)) {
      result.status = FileStatus::not_recorded;
      result.detail = "folder present";
    } else {
      result.detail = "folder missing or empty";
    }
    return result;
  }
  if (!std::filesystem::is_regular_file(result.path)) {
    result.detail = "file missing";
    return result;
  }
  const bool is_raw_copy = !file.raw_alternative.empty() && result.path.filename() == file.raw_alternative;
  if (is_raw_copy) {
    if (file.content_sha256.empty()) {
      result.status = FileStatus::not_recorded;
      return result;
    }
    const std::string actual = file_sha256(result.path);
    result.status = actual == file.content_sha256 ? FileStatus::ok : FileStatus::mismatch;
    result.detail = "decompressed copy, sha256 " + actual + (result.status == FileStatus::ok ? "" : ", expected " + file.content_sha256);
    return result;
  }
  if (!file.sha256.empty()) {
    const std::string actual = file_sha256(result.path);
    if (actual == file.sha256) {
      result.status = FileStatus::ok;
      result.detail = "sha256 " + actual;
      return result;
    }
    if (!file.content_sha256.empty()) {
      const std::vector<std::uint8_t> content = read_maybe_gzip_file(result.path);
      const std::string content_digest = sha256_hex(content.data(), content.size());
      if (content_digest == file.content_sha256) {
        result.status = FileStatus::ok;
        result.detail = "gzip header differs (sha256 " + actual + "), decompressed content matches sha256 " + content_digest;
        return result;
      }
    }
    result.status = FileStatus::mismatch;
    result.detail = "sha256 " + actual + ", expected " + file.sha256;
    return result;
  }
  if (!file.md5.empty()) {
    const std::string actual = file_md5(result.path);
    result.status = actual == file.md5 ? FileStatus::ok : FileStatus::mismatch;
    result.detail = "md5 " + actual + (result.status == FileStatus::ok ? "" : ", expected " + file.md5);
    return result;
  }
  if (file.size_bytes > 0) {
    const auto size = static_cast<std::int64_t>(std::filesystem::file_size(result.path));
    result.status = size == file.size_bytes ? FileStatus::not_recorded : FileStatus::mismatch;
    result.detail = "size " + std::to_string(size) + " bytes" +
                    (size == file.size_bytes ? "" : ", expected " + std::to_string(file.size_bytes));
    return result;
  }
  result.status = FileStatus::not_recorded;
  return result;
}

DatasetVerification verify_dataset(const std::string& name, const std::filesystem::path& data_dir) {
  const DatasetInfo& info = find_dataset(name);
  DatasetVerification verification;
  verification.location = locate_dataset(name, data_dir);
  const std::filesystem::path directory =
      verification.location.found ? verification.location.directory : data_dir / info.folder;
  for (const DatasetFile& file : info.files) verification.files.push_back(verify_dataset_file(file, directory));
  return verification;
}

}  // namespace repro::data
