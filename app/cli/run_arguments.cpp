#include "app/cli/run_arguments.h"

#include <filesystem>

#include <CLI/CLI.hpp>

#include "app/run_manifest.h"
#include "base/errors.h"
#include "common/study_registry.h"

namespace repro::cli {

void add_run_arguments(CLI::App& command, RunArguments& arguments) {
  command.add_option("study", arguments.study, "Study id, or all")->required();
  command.add_option("--tier", arguments.tier, "smoke, reduced or full")->capture_default_str();
  command.add_option("--device", arguments.device,
                     "cpu, cuda (exit 2 when no CUDA device is usable) or auto (cuda when usable)")
      ->capture_default_str();
  command.add_flag("--fresh", arguments.fresh,
                   "Treat the finished run units under OUT/<study>/units as absent: run redoes (and "
                   "overwrites) them instead of reusing them (resuming after a kill); plan counts them as left");
  command.add_option("--data-dir", arguments.data_dir, "Directory of real data sets (default: $REPRO_DATA_DIR)");
  command.add_option("--out", arguments.output_dir, "Output directory")->capture_default_str();
  command.add_option("--papers-dir", arguments.papers_dir,
                     "Directory holding <study>/published.json (default: the source tree's papers/)");
  command.add_option("--seed", arguments.seed, "Base seed")->capture_default_str();
}

RunOptions run_options_from(const RunArguments& arguments) {
  RunOptions options;
  options.with_tier(parse_tier(arguments.tier))
      .with_device(parse_device(arguments.device, "--device", cuda_device_available()))
      .with_fresh(arguments.fresh)
      .with_output_dir(arguments.output_dir)
      .with_seed(arguments.seed)
      .with_papers_dir(arguments.papers_dir.empty() ? default_papers_dir()
                                                    : std::filesystem::path(arguments.papers_dir))
      .with_data_dir(arguments.data_dir.empty() ? default_data_dir()
                                                : std::filesystem::path(arguments.data_dir));
  if (!arguments.data_dir.empty() && !std::filesystem::is_directory(options.data_dir)) {
    throw InputError("--data-dir: '" + options.data_dir.string() + "' is not a directory");
  }
  return options;
}

std::vector<std::string> parse_units_of(const std::string& text) {
  if (text == "none") return {};
  std::vector<std::string> names;
  std::size_t begin = 0;
  while (true) {
    const std::size_t end = text.find(',', begin);
    const std::string name = text.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
    if (name.empty() || name == "none") {
      throw InputError("--units-of: '" + text + "' is not a comma-separated list of experiment names (or none)");
    }
    names.push_back(name);
    if (end == std::string::npos) return names;
    begin = end + 1;
  }
}

std::vector<const StudyDefinition*> studies_named(const std::string& study) {
  if (study == "all") return registered_studies();
  return {&find_study(study)};
}

}  // namespace repro::cli
