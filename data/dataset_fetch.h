// `repro data fetch`: downloads a registered data set into a data directory and verifies it.
#pragma once

#include <filesystem>
#include <string>

#include "data/dataset_verify.h"
#include "data/downloader.h"

namespace repro::data {

// Downloads every file of data set `name` into to_dir / folder (each verified before an atomic
// rename; archives are then unpacked there with `tar -xf`), and verifies the result.
// `url_override_base`, when set, replaces the registry's locations: file F is fetched from
// url_override_base + "/" + F (for mirrors and tests). Throws InputError when the data set
// cannot be downloaded directly (Dogs vs. Cats: the message says how), on a failed download,
// a checksum mismatch or a failed extraction.
DatasetVerification fetch_dataset(const std::string& name, const std::filesystem::path& to_dir,
                                  const DownloadOptions& options = DownloadOptions(),
                                  const std::string& url_override_base = "");

// Unpacks a tar archive (optionally compressed) into `directory` with the system's `tar`.
// Throws InputError naming the archive when tar fails.
void extract_tar_archive(const std::filesystem::path& archive, const std::filesystem::path& directory);

}  // namespace repro::data
