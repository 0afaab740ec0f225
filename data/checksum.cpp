#include "data/checksum.h"

#include <openssl/evp.h>

#include <fstream>
#include <memory>
#include <stdexcept>
#include <vector>

#include "base/errors.h"

namespace repro::data {

namespace {

class DigestContext {
 public:
  explicit DigestContext(DigestAlgorithm algorithm) : context_(EVP_MD_CTX_new(), EVP_MD_CTX_free) {
    const EVP_MD* md = algorithm == DigestAlgorithm::sha256 ? EVP_sha256() : EVP_md5();
    if (!context_ || EVP_DigestInit_ex(context_.get(), md, nullptr) != 1) {
      throw std::runtime_error("OpenSSL digest initialisation failed");
    }
  }
  void update(const void* bytes, std::size_t size) {
    if (EVP_DigestUpdate(context_.get(), bytes, size) != 1) throw std::runtime_error("OpenSSL digest update failed");
  }
  std::string finish_hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(context_.get(), digest, &length) != 1) throw std::runtime_error("OpenSSL digest failed");
    static const char* digits = "0123456789abcdef";
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) {
      hex += digits[digest[i] >> 4];
      hex += digits[digest[i] & 15];
    }
    return hex;
  }

 private:
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> context_;
};

}  // namespace

std::string digest_hex(DigestAlgorithm algorithm, const void* bytes, std::size_t size) {
  DigestContext context(algorithm);
  context.update(bytes, size);
  return context.finish_hex();
}

std::string file_digest_hex(DigestAlgorithm algorithm, const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string() + ": cannot open file for checksum (missing or unreadable)");
  DigestContext context(algorithm);
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const std::streamsize got = in.gcount();
    if (got > 0) context.update(buffer.data(), static_cast<std::size_t>(got));
  }
  if (in.bad()) throw InputError(path.string() + ": read failed during checksum");
  return context.finish_hex();
}

}  // namespace repro::data
