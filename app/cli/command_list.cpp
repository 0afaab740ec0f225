// `repro list`: studies, their claims, and the tiers each claim is decided at.
#include <iostream>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "app/cli/commands.h"
#include "common/study_registry.h"

namespace repro::cli {

void add_list_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand("list", "List studies, their claims and the tiers each claim is decided at");
  auto* as_json = command->add_flag("--json", "Print JSON instead of text");
  command->callback([&exit_code, as_json]() {
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
                              {"device", test.cuda ? "cuda" : "cpu"}});
      }
      listing.push_back({{"id", study->id()},
                         {"title", study->title()},
                         {"tiers", tiers},
                         {"gpu_tiers", gpu_tiers},
                         {"tier_tests", tier_tests},
                         {"claims", claims},
                         {"checks", checks}});
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
