// The options `repro run` and `repro plan` share: which study or studies, the tier, device, data,
// output and papers folders, and the seed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/run_options.h"
#include "common/study_definition.h"

namespace CLI {
class App;
}

namespace repro::cli {

struct RunArguments {
  std::string study;
  std::string tier = "smoke";
  std::string device = "cpu";
  std::string data_dir;
  std::string output_dir = "repro-results";
  std::string papers_dir;
  std::uint64_t seed = 0;
  bool fresh = false;
};

// Adds the positional study and --tier, --device, --data-dir, --out, --papers-dir, --seed, --fresh.
void add_run_arguments(CLI::App& command, RunArguments& arguments);
// Throws InputError naming the option for a bad tier, device or data directory.
RunOptions run_options_from(const RunArguments& arguments);
// `--units-of`'s value: "a,b" -> {"a", "b"}; "none" -> {} (finished units only; RunOptions::units_of).
// Throws InputError naming --units-of for an empty name.
std::vector<std::string> parse_units_of(const std::string& text);
// The study named, or every registered study for "all". Throws InputError for an unknown id.
std::vector<const StudyDefinition*> studies_named(const std::string& study);

}  // namespace repro::cli
