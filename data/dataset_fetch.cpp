#include "data/dataset_fetch.h"

#include <spawn.h>
#include <sys/wait.h>

#include <vector>

#include "base/errors.h"

extern char** environ;

namespace repro::data {

void extract_tar_archive(const std::filesystem::path& archive, const std::filesystem::path& directory) {
  std::filesystem::create_directories(directory);
  std::vector<std::string> arguments = {"tar", "-xf", archive.string(), "-C", directory.string()};
  std::vector<char*> argv;
  for (std::string& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, "tar", nullptr, nullptr, argv.data(), environ) != 0) {
    throw InputError(archive.string() + ": cannot run tar to extract it");
  }
  int status = 0;
  if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw InputError(archive.string() + ": tar extraction into " + directory.string() + " failed");
  }
}

DatasetVerification fetch_dataset(const std::string& name, const std::filesystem::path& to_dir,
                                  const DownloadOptions& options, const std::string& url_override_base) {
  const DatasetInfo& info = find_dataset(name);
  if (info.downloads.empty()) {
    throw InputError("data set '" + name + "' cannot be downloaded directly: " + info.manual_download);
  }
  const std::filesystem::path directory = to_dir / info.folder;
  for (const DatasetDownload& download : info.downloads) {
    ExpectedDigest expected;
    expected.sha256 = download.sha256;
    expected.md5 = download.md5;
    expected.size_bytes = download.size_bytes;
    std::vector<std::string> urls = download.urls;
    if (!url_override_base.empty()) urls = {url_override_base + "/" + download.file_name};
    const std::filesystem::path destination = directory / download.file_name;
    download_verified(urls, destination, expected, options);
    if (download.extract_tar) extract_tar_archive(destination, directory);
  }
  DatasetVerification verification;
  verification.location.found = true;
  verification.location.directory = directory;
  verification.location.source = "data directory";
  for (const DatasetFile& file : info.files) verification.files.push_back(verify_dataset_file(file, directory));
  return verification;
}

}  // namespace repro::data
