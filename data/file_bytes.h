// Whole-file reads, with transparent gzip decompression.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace repro::data {

// The bytes of `path`. Throws InputError naming the file when it is missing or unreadable.
std::vector<std::uint8_t> read_file_bytes(const std::filesystem::path& path);

// The bytes of `path`, decompressed when the file is gzip (detected by its magic bytes, not
// its name); raw files come back unchanged. A truncated or corrupt gzip stream throws
// InputError naming the file and the decompressed offset where the stream broke.
std::vector<std::uint8_t> read_maybe_gzip_file(const std::filesystem::path& path);

// Writes `bytes` to `path` (gzip-compressed when `gzip`), replacing any file there.
void write_file_bytes(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes,
                      bool gzip = false);

}  // namespace repro::data
