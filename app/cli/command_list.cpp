// `repro list [--json] [--tier T [--data-dir DIR]]`: studies, their claims, and the tiers each claim
// is decided at; with --tier, also each study's run units at that tier (`repro plan`'s units, with
// the data in --data-dir, default $REPRO_DATA_DIR: a unit whose data set is absent is not listed).
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "app/cli/commands.h"
#include "app/study_runner.h"
#include "base/errors.h"
#include "common/study_registry.h"

namespace repro::cli {

void add_list_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand("list", "List studies, their claims and the tiers each claim is decided at");
  auto* as_json = command->add_flag("--json", "Print JSON instead of text");
  auto tier_name = std::make_shared<std::string>();
  command->add_option("--tier", *tier_name,
                      "Also list each study's run units at this tier (nothing is trained)");
  auto data_dir = std::make_shared<std::string>();
  command->add_option("--data-dir", *data_dir,
                      "With --tier: the directory of real data sets the units need (default: $REPRO_DATA_DIR)");
  command->callback([&exit_code, as_json, tier_name, data_dir]() {
    std::optional<RunOptions> unit_options;
    if (!data_dir->empty() && !std::filesystem::is_directory(*data_dir)) {
      throw InputError("--data-dir: '" + *data_dir + "' is not a directory");
    }
    if (!tier_name->empty()) {
      unit_options = RunOptions().with_tier(parse_tier(*tier_name)).with_papers_dir(default_papers_dir())
                         .with_data_dir(data_dir->empty() ? default_data_dir() : std::filesystem::path(*data_dir));
    }
    nlohmann::json listing = nlohmann::json::array();
    for (const StudyDefinition* study : registered_studies()) {
      nlohmann::json claims = nlohmann::json::array();
      for (const ClaimSpec& claim : study->claims()) {
        nlohmann::json tiers = nlohmann::json::array();
        for (Tier tier : claim.tiers()) tiers.push_back(to_string(tier));
        claims.push_back({{"id", claim.id()},
                          {"text", claim.text()},
                          {"rule", claim.rule_id()},
                          {"tiers", tiers},
                          {"requires_gpu", claim.needs_gpu()},
                          {"requires_datasets", claim.datasets()}});
      }
      nlohmann::json checks = nlohmann::json::array();
      for (const CheckSpec& check : study->checks()) {
        nlohmann::json tiers = nlohmann::json::array();
        for (Tier tier : check.tiers()) tiers.push_back(to_string(tier));
        checks.push_back({{"id", check.id()}, {"text", check.text()}, {"tiers", tiers}});
      }
      nlohmann::json tiers = nlohmann::json::array(), gpu_tiers = nlohmann::json::array();
      for (Tier tier : study->tiers()) tiers.push_back(to_string(tier));
      for (Tier tier : study->gpu_tiers()) gpu_tiers.push_back(to_string(tier));
      nlohmann::json tier_tests = nlohmann::json::array();
      for (const auto& test : study->tier_tests()) {
        tier_tests.push_back({{"name", test.name}, {"tier", to_string(test.tier)},
                              {"device", test.cuda ? "cuda" : "cpu"}, {"minutes", test.minutes}});
      }
      nlohmann::json entry{{"id", study->id()},
                           {"title", study->title()},
                           {"tiers", tiers},
                           {"gpu_tiers", gpu_tiers},
                           {"tier_tests", tier_tests},
                           {"claims", claims},
                           {"checks", checks}};
      if (unit_options) {
        nlohmann::json units = nlohmann::json::array();
        if (std::find(study->tiers().begin(), study->tiers().end(), unit_options->tier) != study->tiers().end()) {
          for (const PlannedUnit& unit : plan_study(*study, *unit_options).units) {
            units.push_back({{"experiment", unit.key.experiment}, {"configuration", unit.key.configuration},
                             {"seed", unit.key.seed}, {"file_stem", unit.file_stem},
                             {"estimated_seconds", unit.estimated_seconds}});
          }
        }
        entry["units"] = units;
      }
      listing.push_back(std::move(entry));
    }
    if (*as_json) {
      std::cout << listing.dump(2) << "\n";
    } else {
      for (const auto& study : listing) {
        std::cout << study["id"].get<std::string>() << ": " << study["title"].get<std::string>()
                  << "\n  tiers: " << study["tiers"].dump() << " (GPU: " << study["gpu_tiers"].dump() << ")\n";
        for (const auto& claim : study["claims"]) {
          std::cout << "  - " << claim["id"].get<std::string>() << " [" ;
          bool first = true;
          for (const auto& tier : claim["tiers"]) {
            std::cout << (first ? "" : ", ") << tier.get<std::string>();
            first = false;
          }
          std::cout << "]" << (claim["requires_gpu"].get<bool>() ? " gpu" : "");
          for (const auto& dataset : claim["requires_datasets"]) {
            std::cout << " data:" << dataset.get<std::string>();
          }
          std::cout << "\n      " << claim["text"].get<std::string>() << "\n";
        }
        if (study.contains("units")) std::cout << "  run units at " << *tier_name << ": " << study["units"].size() << "\n";
        for (const auto& check : study["checks"]) {
          std::cout << "  - check " << check["id"].get<std::string>() << " " << check["tiers"].dump()
                    << "\n      " << check["text"].get<std::string>() << "\n";
        }
      }
    }
    exit_code = 0;
  });
}

}  // namespace repro::cli
