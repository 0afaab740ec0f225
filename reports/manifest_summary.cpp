#include "reports/manifest_summary.h"

#include <fmt/format.h>

#include "reports/key_numbers.h"

namespace repro::reports {
namespace {

std::string text_of(const nlohmann::json& manifest, const char* key) {
  const auto found = manifest.find(key);
  if (found == manifest.end() || found->is_null()) return "";
  if (found->is_string()) return found->get<std::string>();
  return plain_value_text(*found);
}

// "host, cpu (n threads)".
std::string machine_text(const nlohmann::json& manifest) {
  std::string text = text_of(manifest, "host");
  const std::string cpu = text_of(manifest, "cpu");
  if (!cpu.empty()) text += (text.empty() ? "" : ", ") + cpu;
  const std::string threads = text_of(manifest, "cpu_threads");
  if (!threads.empty()) text += " (" + threads + (threads == "1" ? " thread)" : " threads)");
  return text;
}

// "cuda, NVIDIA H200" / "cpu" (the study's device, then the GPU when there is one).
std::string device_text(const StudyResults& study) {
  std::string text = text_of(study.manifest, "device");
  if (text.empty()) text = study.device;
  const auto gpu = study.manifest.find("gpu");
  if (gpu != study.manifest.end() && gpu->is_object() && gpu->value("count", 0) > 0) {
    const std::string name = text_of(*gpu, "name");
    text += ", " + (name.empty() ? text_of(*gpu, "name_and_driver") : name);
  } else if (gpu != study.manifest.end() && gpu->is_string()) {
    text += ", " + gpu->get<std::string>();
  }
  return text;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> manifest_summary(const StudyResults& study) {
  std::vector<std::pair<std::string, std::string>> rows;
  if (!study.manifest.is_object()) return rows;
  const nlohmann::json& manifest = study.manifest;
  std::string commit = text_of(manifest, "git_commit");
  if (commit.size() > 12) commit = commit.substr(0, 12);
  const std::pair<std::string, std::string> candidates[] = {
      {"commit", commit},
      {"date", text_of(manifest, "date")},
      {"machine", machine_text(manifest)},
      {"LibTorch", text_of(manifest, "libtorch_version")},
      {"compiler", text_of(manifest, "compiler")},
      {"device", device_text(study)},
      {"seeds", text_of(manifest, "seeds")},
  };
  for (const auto& row : candidates) {
    if (!row.second.empty()) rows.push_back(row);
  }
  return rows;
}

std::string run_line(const StudyResults& study) {
  std::string line = fmt::format("Tier {}, device {}", study.tier, study.device.empty() ? "unknown" : study.device);
  if (study.seed) line += fmt::format(", seed {}", *study.seed);
  if (!study.started_at.empty()) line += ", started " + study.started_at;
  if (study.wall_seconds) line += fmt::format(", {:.1f} s wall time", *study.wall_seconds);
  if (study.manifest.is_object() && study.manifest.contains("units_of") && study.manifest["units_of"].is_array()) {
    std::string experiments;
    for (const auto& name : study.manifest["units_of"]) {
      if (name.is_string()) experiments += (experiments.empty() ? "" : ",") + name.get<std::string>();
    }
    line += ", a partial run (--units-of " + (experiments.empty() ? std::string("none") : experiments) +
            ": claims decided after a unit it did not compute are skipped)";
  }
  return line + ". Results: " + study.source_path.string() + ".";
}

}  // namespace repro::reports
