#include "data/downloader.h"

#include <curl/curl.h>

#include <cstdio>
#include <memory>
#include <mutex>

#include "base/errors.h"
#include "data/checksum.h"

namespace repro::data {

namespace {

void initialise_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::int64_t file_size_or_zero(const std::filesystem::path& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  return error ? 0 : static_cast<std::int64_t>(size);
}

std::size_t write_to_file(char* data, std::size_t size, std::size_t count, void* file) {
  return std::fwrite(data, size, count, static_cast<std::FILE*>(file)) * size;
}

struct TransferResult {
  CURLcode code = CURLE_OK;
  long http_status = 0;
  std::string error;
};

// Appends the bytes of `url` from offset `resume_from` to `partial`.
TransferResult transfer(const std::string& url, const std::filesystem::path& partial, std::int64_t resume_from,
                        const DownloadOptions& options) {
  TransferResult result;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(partial.c_str(), resume_from > 0 ? "ab" : "wb"),
                                                       std::fclose);
  if (!file) throw InputError(partial.string() + ": cannot create file for download");
  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) throw std::runtime_error("curl_easy_init failed");
  char error_buffer[CURL_ERROR_SIZE] = {0};
  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(handle, CURLOPT_FAILONERROR, 1L);
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, write_to_file);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, file.get());
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, static_cast<long>(options.connect_timeout_s));
  curl_easy_setopt(handle, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(handle, CURLOPT_LOW_SPEED_TIME, static_cast<long>(options.stall_timeout_s));
  curl_easy_setopt(handle, CURLOPT_NOPROXY, "localhost,127.0.0.1,::1");
  curl_easy_setopt(handle, CURLOPT_NOPROGRESS, options.show_progress ? 0L : 1L);
  curl_easy_setopt(handle, CURLOPT_USERAGENT, "precision-repro/0.1 (libcurl)");
  if (resume_from > 0) curl_easy_setopt(handle, CURLOPT_RESUME_FROM_LARGE, static_cast<curl_off_t>(resume_from));
  result.code = curl_easy_perform(handle);
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &result.http_status);
  if (std::fflush(file.get()) != 0 && result.code == CURLE_OK) result.code = CURLE_WRITE_ERROR;
  if (result.code != CURLE_OK) {
    result.error = error_buffer[0] != 0 ? error_buffer : curl_easy_strerror(result.code);
  }
  return result;
}

}  // namespace

std::filesystem::path partial_download_path(const std::filesystem::path& destination) {
  return destination.string() + ".part";
}

std::string describe_digest_mismatch(const std::filesystem::path& path, const ExpectedDigest& expected) {
  if (expected.size_bytes > 0) {
    const std::int64_t size = file_size_or_zero(path);
    if (size != expected.size_bytes) {
      return "size " + std::to_string(size) + " bytes, expected " + std::to_string(expected.size_bytes);
    }
  }
  if (!expected.sha256.empty()) {
    const std::string actual = file_sha256(path);
    if (actual != expected.sha256) return "sha256 " + actual + ", expected " + expected.sha256;
  }
  if (!expected.md5.empty()) {
    const std::string actual = file_md5(path);
    if (actual != expected.md5) return "md5 " + actual + ", expected " + expected.md5;
  }
  return "";
}

void download_verified(const std::vector<std::string>& urls, const std::filesystem::path& destination,
                       const ExpectedDigest& expected, const DownloadOptions& options) {
  if (urls.empty()) throw InputError(destination.string() + ": no download location known");
  if (std::filesystem::is_regular_file(destination) && describe_digest_mismatch(destination, expected).empty()) {
    return;
  }
  initialise_curl_once();
  if (destination.has_parent_path()) std::filesystem::create_directories(destination.parent_path());
  const std::filesystem::path partial = partial_download_path(destination);
  if (!options.resume) std::filesystem::remove(partial);

  std::string failures;
  for (const std::string& url : urls) {
    std::int64_t resume_from = file_size_or_zero(partial);
    const bool already_complete = expected.size_bytes > 0 && resume_from == expected.size_bytes;
    TransferResult result;
    if (!already_complete) {
      if (expected.size_bytes > 0 && resume_from > expected.size_bytes) resume_from = 0;  // longer than the file: restart
      result = transfer(url, partial, resume_from, options);
      const bool range_refused =
          resume_from > 0 && (result.code == CURLE_RANGE_ERROR || result.http_status == 416 ||
                              result.code == CURLE_BAD_DOWNLOAD_RESUME);
      if (range_refused) result = transfer(url, partial, 0, options);  // server cannot resume: start over
    }
    if (result.code != CURLE_OK) {
      failures += "\n  " + url + ": " + result.error + (result.http_status ? " (HTTP " + std::to_string(result.http_status) + ")" : "");
      continue;
    }
    const std::string mismatch = describe_digest_mismatch(partial, expected);
    if (!mismatch.empty()) {
      std::filesystem::remove(partial);
      throw InputError(destination.string() + ": checksum mismatch after download from " + url + ": " + mismatch +
                       " (the download was deleted)");
    }
    std::filesystem::rename(partial, destination);  // atomic within one folder
    return;
  }
  throw InputError(destination.string() + ": download failed from every location:" + failures +
                   (std::filesystem::exists(partial) ? "\n  partial data kept in " + partial.string() +
                                                           " for a later resume"
                                                     : ""));
}

}  // namespace repro::data
