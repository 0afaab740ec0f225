// Writing files so that a crash never leaves a half-written one under the final name.
#pragma once

#include <filesystem>
#include <string_view>

namespace repro {

// Writes `contents` to a temporary file in the same directory, flushes it to disk, then renames
// it over `path`. Creates missing parent directories. Throws InputError naming the path when the
// directory cannot be created or written.
void write_file_atomically(const std::filesystem::path& path, std::string_view contents);

// Reads a whole file. Throws InputError naming the path when it cannot be read.
std::string read_whole_file(const std::filesystem::path& path);

}  // namespace repro
