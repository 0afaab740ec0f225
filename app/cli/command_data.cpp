// `repro data list [--data-dir DIR]`, `repro data fetch <name> [--to DIR] [--url-base URL]`,
// `repro data verify <name> [--data-dir DIR]`: the registered data sets, downloading them with
// resume and checksum verification (atomic rename, no partial file under the final name), and
// checking a user's copy. DIR defaults to $REPRO_DATA_DIR, else ./datasets.
// Exit 0 when everything checks out; 2 on bad input: an unknown data set, a failed download,
// a missing file or a checksum mismatch (each named).
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "app/cli/commands.h"
#include "base/errors.h"
#include "data/dataset_fetch.h"
#include "data/dataset_registry.h"
#include "data/dataset_verify.h"

namespace repro::cli {
namespace {

std::string default_data_dir() {
  const char* value = std::getenv("REPRO_DATA_DIR");
  return value != nullptr && value[0] != '\0' ? value : "datasets";
}

struct DataArguments {
  std::string name;
  std::string directory = default_data_dir();
  std::string url_base;
  bool no_resume = false;
};

void print_verification(const data::DatasetVerification& verification) {
  if (verification.location.found) {
    std::cout << "location: " << verification.location.directory.string() << " (" << verification.location.source
              << ")\n";
  }
  for (const data::FileVerification& file : verification.files) {
    std::cout << "  " << data::to_string(file.status) << "  " << file.path.string();
    if (!file.detail.empty()) std::cout << "  " << file.detail;
    std::cout << "\n";
  }
}

int report_verification(const std::string& name, const data::DatasetVerification& verification) {
  print_verification(verification);
  if (verification.ok()) {
    std::cout << name << ": verified\n";
    return 0;
  }
  for (const data::FileVerification& file : verification.files) {
    if (file.status == data::FileStatus::missing || file.status == data::FileStatus::mismatch) {
      std::cerr << "repro: " << file.path.string() << ": " << data::to_string(file.status)
                << (file.detail.empty() ? "" : " (" + file.detail + ")") << "\n";
    }
  }
  return 2;
}

}  // namespace

void add_data_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand("data", "Data sets: list, fetch (verified download), verify");
  command->require_subcommand(1);

  auto list_arguments = std::make_shared<DataArguments>();
  auto* list = command->add_subcommand("list", "List the registered data sets and where they are installed");
  list->add_option("--data-dir", list_arguments->directory, "Data directory")->capture_default_str();
  list->callback([list_arguments, &exit_code]() {
    for (const data::DatasetInfo& info : data::dataset_registry()) {
      const data::DatasetLocation location = data::locate_dataset(info.name, list_arguments->directory);
      std::cout << info.name << "\t" << (location.found ? location.directory.string() : "(absent)") << "\t"
                << info.description << "\n";
    }
    exit_code = 0;
  });

  auto fetch_arguments = std::make_shared<DataArguments>();
  auto* fetch = command->add_subcommand("fetch", "Download a data set, verify its checksums, unpack archives");
  fetch->add_option("name", fetch_arguments->name, "Data set (see `repro data list`)")->required();
  fetch->add_option("--to", fetch_arguments->directory, "Data directory to download into")->capture_default_str();
  fetch->add_option("--url-base", fetch_arguments->url_base, "Fetch every file from URL/<file> instead (a mirror)");
  fetch->add_flag("--no-resume", fetch_arguments->no_resume, "Discard partial downloads instead of resuming them");
  fetch->callback([fetch_arguments, &exit_code]() {
    const data::DownloadOptions options = data::DownloadOptions().resume_partial(!fetch_arguments->no_resume).progress(true);
    const data::DatasetVerification verification =
        data::fetch_dataset(fetch_arguments->name, fetch_arguments->directory, options, fetch_arguments->url_base);
    exit_code = report_verification(fetch_arguments->name, verification);
  });

  auto verify_arguments = std::make_shared<DataArguments>();
  auto* verify = command->add_subcommand("verify", "Check an installed data set against its checksums");
  verify->add_option("name", verify_arguments->name, "Data set (see `repro data list`)")->required();
  verify->add_option("--data-dir", verify_arguments->directory, "Data directory")->capture_default_str();
  verify->callback([verify_arguments, &exit_code]() {
    const data::DatasetVerification verification = data::verify_dataset(verify_arguments->name, verify_arguments->directory);
    if (!verification.location.found) {
      throw InputError(verify_arguments->name + ": not found under " + verify_arguments->directory +
                       " (missing: " + (verification.location.missing.empty() ? std::string("?") : verification.location.missing.front()) +
                       (verification.location.missing.size() > 1 ? ", ..." : "") + ")");
    }
    exit_code = report_verification(verify_arguments->name, verification);
  });
}

}  // namespace repro::cli
