// The data sets the studies use: where their files live under a data directory, where to
// download them, and their checksums. Used by `repro data fetch|verify|list` and by the study
// runner to skip claims whose data set is absent.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace repro::data {

// A file (or folder) that must be present once a data set is installed.
struct DatasetFile {
  std::string relative_path;   // relative to the data set's folder
  std::string raw_alternative; // an accepted decompressed variant ("" none), e.g. without ".gz"
  bool is_directory = false;   // a folder that must exist and be non-empty
  std::int64_t size_bytes = 0; // 0: not recorded
  std::string sha256;          // of the file as distributed ("" not recorded)
  std::string md5;             // as the usual lists publish it ("" not recorded)
  std::string content_sha256;  // of the gzip-decompressed content ("" not gzip / not recorded)
};

// One file to download; archives are extracted into the data set's folder.
struct DatasetDownload {
  std::string file_name;
  std::vector<std::string> urls;  // canonical location first, then mirrors
  std::int64_t size_bytes = 0;    // 0: not recorded
  std::string sha256;
  std::string md5;
  bool extract_tar = false;       // a .tar / .tar.gz to unpack with `tar -xf`
};

struct DatasetInfo {
  std::string name;         // e.g. "fashion-mnist"
  std::string folder;       // folder under the data directory, e.g. "fashion-mnist"
  std::string description;
  std::vector<DatasetFile> files;
  std::vector<DatasetDownload> downloads;  // empty: no direct download (see manual_download)
  std::string manual_download;             // how to get it when it cannot be fetched directly
  std::vector<std::filesystem::path> system_folders;  // other places it may be installed (Debian)
};

// All registered data sets, in a fixed order:
// mnist, fashion-mnist, cifar-10, cifar-100, voc2007, voc2012, dogs-vs-cats.
const std::vector<DatasetInfo>& dataset_registry();

// The entry named `name`. Throws InputError listing the known names when there is none.
const DatasetInfo& find_dataset(const std::string& name);

struct DatasetLocation {
  bool found = false;
  std::filesystem::path directory;    // the data set's folder when found
  std::string source;                 // "data directory" or "Debian package dataset-fashion-mnist" etc.
  std::vector<std::string> missing;   // files missing from the data directory's copy
};

// Where data set `name` is installed: data_dir / folder when every required file is there
// (a .gz file may be present decompressed instead), else a system folder (Debian's
// dataset-fashion-mnist installs into /usr/share/datasets/fashion-mnist). Throws InputError
// for an unknown name only; an absent data set gives found = false.
DatasetLocation locate_dataset(const std::string& name, const std::filesystem::path& data_dir);

// True when locate_dataset finds the data set.
bool dataset_available(const std::string& name, const std::filesystem::path& data_dir);

// The path of a required file inside a located data set: the file itself or its raw alternative.
std::filesystem::path installed_file_path(const DatasetFile& file, const std::filesystem::path& directory);

}  // namespace repro::data
