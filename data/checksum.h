// SHA-256 and MD5 digests (OpenSSL EVP), streaming over files; lower-case hex strings.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

namespace repro::data {

enum class DigestAlgorithm { sha256, md5 };

// Hex digest of `size` bytes at `bytes`.
std::string digest_hex(DigestAlgorithm algorithm, const void* bytes, std::size_t size);

// Hex digest of a file's bytes, read in 1 MiB chunks. Throws InputError naming a missing file.
std::string file_digest_hex(DigestAlgorithm algorithm, const std::filesystem::path& path);

inline std::string sha256_hex(const void* bytes, std::size_t size) { return digest_hex(DigestAlgorithm::sha256, bytes, size); }
inline std::string md5_hex(const void* bytes, std::size_t size) { return digest_hex(DigestAlgorithm::md5, bytes, size); }
inline std::string file_sha256(const std::filesystem::path& path) { return file_digest_hex(DigestAlgorithm::sha256, path); }
inline std::string file_md5(const std::filesystem::path& path) { return file_digest_hex(DigestAlgorithm::md5, path); }

}  // namespace repro::data
