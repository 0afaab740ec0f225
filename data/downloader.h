// Verified downloads over HTTP(S) with libcurl: resume with a Range request, verify the
// checksum, then rename atomically. A failed or corrupt download never leaves a file under the
// final name.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace repro::data {

struct DownloadOptions {
  std::int64_t connect_timeout_s = 30;
  // Abort a transfer slower than 1 byte/s for this long.
  std::int64_t stall_timeout_s = 60;
  bool resume = true;       // continue an existing DESTINATION.part with a Range request
  bool show_progress = false;

  DownloadOptions& connect_timeout(std::int64_t seconds) { connect_timeout_s = seconds; return *this; }
  DownloadOptions& stall_timeout(std::int64_t seconds) { stall_timeout_s = seconds; return *this; }
  DownloadOptions& resume_partial(bool value) { resume = value; return *this; }
  DownloadOptions& progress(bool value) { show_progress = value; return *this; }
};

// What the downloaded file must be. At least one of sha256 / md5 should be set; size_bytes 0
// means not checked.
struct ExpectedDigest {
  std::string sha256;
  std::string md5;
  std::int64_t size_bytes = 0;
};

// The name of the partial file a download writes before it is verified: DESTINATION.part.
std::filesystem::path partial_download_path(const std::filesystem::path& destination);

// Downloads to `destination` from the first of `urls` that works (mirrors after the canonical
// location). Bytes go to DESTINATION.part (resumed with Range when it exists and resume is
// set); once complete the file is checked against `expected` and renamed to `destination`.
// If `destination` already exists with the right checksum nothing is transferred.
// Throws InputError naming the file and URL when every URL fails (the .part stays, for a later
// resume) or the checksum disagrees (the .part is deleted).
void download_verified(const std::vector<std::string>& urls, const std::filesystem::path& destination,
                       const ExpectedDigest& expected, const DownloadOptions& options = DownloadOptions());

// Checks `path` against `expected`; returns "" when it matches, else a description of the mismatch.
std::string describe_digest_mismatch(const std::filesystem::path& path, const ExpectedDigest& expected);

}  // namespace repro::data
