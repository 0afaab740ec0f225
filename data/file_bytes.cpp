#include "data/file_bytes.h"

#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <memory>

#include "base/errors.h"

namespace repro::data {

std::vector<std::uint8_t> read_file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string() + ": cannot open file (missing or unreadable)");
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size < 0 ? 0 : size));
  if (!bytes.empty() && !in.read(reinterpret_cast<char*>(bytes.data()), size)) {
    throw InputError(path.string() + ": read failed");
  }
  return bytes;
}

namespace {

bool has_gzip_magic(const std::vector<std::uint8_t>& bytes) {
  return bytes.size() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;
}

std::vector<std::uint8_t> gunzip(const std::vector<std::uint8_t>& compressed, const std::string& name) {
  z_stream stream{};
  if (inflateInit2(&stream, 15 + 32) != Z_OK) throw InputError(name + ": zlib initialisation failed");
  std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&stream, inflateEnd);
  std::vector<std::uint8_t> out;
  out.reserve(compressed.size() * 4);
  stream.next_in = const_cast<Bytef*>(compressed.data());
  stream.avail_in = static_cast<uInt>(compressed.size());
  std::uint8_t chunk[1 << 16];
  while (true) {
    stream.next_out = chunk;
    stream.avail_out = sizeof(chunk);
    const int status = inflate(&stream, Z_NO_FLUSH);
    out.insert(out.end(), chunk, chunk + (sizeof(chunk) - stream.avail_out));
    if (status == Z_STREAM_END) {
      // Concatenated gzip members are legal; continue with the next one if bytes remain.
      if (stream.avail_in == 0) break;
      if (inflateReset(&stream) != Z_OK) throw InputError(name + ": zlib reset failed");
      continue;
    }
    if (status == Z_OK) continue;
    if (status == Z_BUF_ERROR && stream.avail_in == 0) {
      throw InputError(name + ": truncated gzip stream (ends at compressed offset " +
                       std::to_string(compressed.size()) + ", decompressed offset " +
                       std::to_string(out.size()) + ")");
    }
    throw InputError(name + ": corrupt gzip stream at compressed offset " +
                     std::to_string(compressed.size() - stream.avail_in) + ": " +
                     (stream.msg ? stream.msg : "zlib error " + std::to_string(status)));
  }
  return out;
}

}  // namespace

std::vector<std::uint8_t> read_maybe_gzip_file(const std::filesystem::path& path) {
  std::vector<std::uint8_t> bytes = read_file_bytes(path);
  if (!has_gzip_magic(bytes)) return bytes;
  return gunzip(bytes, path.string());
}

void write_file_bytes(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes, bool gzip) {
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  if (gzip) {
    gzFile file = gzopen(path.string().c_str(), "wb9");
    if (file == nullptr) throw InputError(path.string() + ": cannot create file");
    const int written = bytes.empty() ? 0 : gzwrite(file, bytes.data(), static_cast<unsigned>(bytes.size()));
    const int closed = gzclose(file);
    if (written != static_cast<int>(bytes.size()) || closed != Z_OK) {
      throw InputError(path.string() + ": gzip write failed");
    }
    return;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw InputError(path.string() + ": cannot create file");
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw InputError(path.string() + ": write failed");
}

}  // namespace repro::data
