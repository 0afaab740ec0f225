#include "base/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "base/errors.h"

namespace repro {
namespace {

std::string system_error_text() { return std::strerror(errno); }

}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view contents) {
  std::error_code error;
  if (path.has_parent_path()) {
    std::filesystem::create_directories(path.parent_path(), error);
    if (error) {
      throw InputError("cannot create directory '" + path.parent_path().string() +
                       "': " + error.message());
    }
  }
  std::string temporary = path.string() + ".tmp.XXXXXX";
  int descriptor = ::mkstemp(temporary.data());
  if (descriptor < 0) {
    throw InputError("cannot write '" + path.string() + "': " + system_error_text());
  }
  const char* cursor = contents.data();
  std::size_t remaining = contents.size();
  while (remaining > 0) {
    ssize_t written = ::write(descriptor, cursor, remaining);
    if (written < 0) {
      if (errno == EINTR) continue;
      std::string why = system_error_text();
      ::close(descriptor);
      ::unlink(temporary.c_str());
      throw InputError("cannot write '" + path.string() + "': " + why);
    }
    cursor += written;
    remaining -= static_cast<std::size_t>(written);
  }
  ::fchmod(descriptor, 0644);
  if (::fsync(descriptor) != 0 || ::close(descriptor) != 0) {
    std::string why = system_error_text();
    ::unlink(temporary.c_str());
    throw InputError("cannot write '" + path.string() + "': " + why);
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    std::string why = system_error_text();
    ::unlink(temporary.c_str());
    throw InputError("cannot write '" + path.string() + "': " + why);
  }
}

std::string read_whole_file(const std::filesystem::path& path) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) throw InputError("cannot read '" + path.string() + "'");
  std::ostringstream buffer;
  buffer << stream.rdbuf();
  if (stream.bad()) throw InputError("cannot read '" + path.string() + "'");
  return buffer.str();
}

}  // namespace repro
