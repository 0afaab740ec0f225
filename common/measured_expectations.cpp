#include "common/measured_expectations.h"

#include <algorithm>
#include <fstream>
#include <set>

#include "base/errors.h"

namespace repro {
namespace {

std::string where(const std::filesystem::path& path, const std::string& element) {
  return path.string() + ": " + element;
}

const nlohmann::json& required(const nlohmann::json& object, const std::string& key,
                               const std::filesystem::path& path, const std::string& element) {
  if (!object.is_object() || !object.contains(key)) {
    throw InputError(where(path, element) + " lacks \"" + key + "\"");
  }
  return object.at(key);
}

std::string required_string(const nlohmann::json& object, const std::string& key,
                            const std::filesystem::path& path, const std::string& element) {
  const auto& value = required(object, key, path, element);
  if (!value.is_string()) throw InputError(where(path, element + "." + key) + " must be a string");
  return value.get<std::string>();
}

MeasuredEntry parse_entry(const nlohmann::json& item, const std::filesystem::path& path,
                          const std::string& element) {
  MeasuredEntry entry;
  entry.claim = required_string(item, "claim", path, element);
  entry.tier = parse_tier(required_string(item, "tier", path, element), where(path, element + ".tier"));
  entry.commit = required_string(item, "commit", path, element);
  entry.date = required_string(item, "date", path, element);
  entry.machine = required_string(item, "machine", path, element);
  const auto& runs = required(item, "runs", path, element);
  if (!runs.is_array() || runs.size() < 2) {
    throw InputError(where(path, element + ".runs") +
                     " must list at least two runs (two disjoint seed sets)");
  }
  std::set<std::uint64_t> seeds;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const std::string run_element = element + ".runs[" + std::to_string(i) + "]";
    const auto& seed = required(runs[i], "seed", path, run_element);
    if (!seed.is_number_unsigned()) throw InputError(where(path, run_element + ".seed") + " must be a whole number");
    SeedVerdict run{seed.get<std::uint64_t>(),
                    parse_verdict(required_string(runs[i], "verdict", path, run_element),
                                  where(path, run_element + ".verdict"))};
    if (!seeds.insert(run.seed).second) {
      throw InputError(where(path, run_element + ".seed") + " repeats seed " + std::to_string(run.seed));
    }
    entry.runs.push_back(run);
  }
  return entry;
}

}  // namespace

Expectation MeasuredEntry::expectation() const {
  std::vector<Verdict> verdicts;
  std::string seeds;
  for (const SeedVerdict& run : runs) {
    verdicts.push_back(run.verdict);
    seeds += (seeds.empty() ? "" : ", ") + std::to_string(run.seed) + ": " + to_string(run.verdict);
  }
  return Expectation::measured(verdicts, "base seeds " + seeds + "; commit " + commit + ", " + date +
                                             ", " + machine);
}

MeasuredExpectations MeasuredExpectations::load(const std::filesystem::path& path,
                                                const std::string& study_id) {
  MeasuredExpectations expectations;
  if (!std::filesystem::exists(path)) return expectations;
  std::ifstream in(path);
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& error) {
    throw InputError(path.string() + ": not valid JSON: " + error.what());
  }
  if (required_string(document, "study", path, "document") != study_id) {
    throw InputError(where(path, "study") + " names '" + document.at("study").get<std::string>() +
                     "', not '" + study_id + "'");
  }
  const auto& entries = required(document, "entries", path, "document");
  if (!entries.is_array()) throw InputError(where(path, "entries") + " must be an array");
  std::set<std::pair<std::string, Tier>> seen;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string element = "entries[" + std::to_string(i) + "]";
    MeasuredEntry entry = parse_entry(entries[i], path, element);
    if (!seen.insert({entry.claim, entry.tier}).second) {
      throw InputError(where(path, element) + " repeats claim " + entry.claim + " at tier " +
                       to_string(entry.tier));
    }
    expectations.entries_.push_back(std::move(entry));
  }
  return expectations;
}

std::optional<Expectation> MeasuredExpectations::find(const std::string& claim, Tier tier) const {
  for (const MeasuredEntry& entry : entries_) {
    if (entry.claim == claim && entry.tier == tier) return entry.expectation();
  }
  return std::nullopt;
}

namespace {

// Removes the entries `replaced` selects, appends `entries` and keeps the tiers in order.
template <typename Replaced>
void replace_entries(std::vector<MeasuredEntry>& all, std::vector<MeasuredEntry> entries, Replaced&& replaced) {
  all.erase(std::remove_if(all.begin(), all.end(), replaced), all.end());
  for (MeasuredEntry& entry : entries) all.push_back(std::move(entry));
  std::stable_sort(all.begin(), all.end(), [](const MeasuredEntry& a, const MeasuredEntry& b) { return a.tier < b.tier; });
}

}  // namespace

void MeasuredExpectations::replace_tier(Tier tier, std::vector<MeasuredEntry> entries) {
  replace_entries(entries_, std::move(entries), [tier](const MeasuredEntry& entry) { return entry.tier == tier; });
}

void MeasuredExpectations::replace_claims(Tier tier, std::vector<MeasuredEntry> entries) {
  std::set<std::string> claims;
  for (const MeasuredEntry& entry : entries) claims.insert(entry.claim);
  replace_entries(entries_, std::move(entries), [&](const MeasuredEntry& entry) {
    return entry.tier == tier && claims.count(entry.claim) != 0;
  });
}

nlohmann::json MeasuredExpectations::to_json(const std::string& study_id) const {
  nlohmann::json entries = nlohmann::json::array();
  for (const MeasuredEntry& entry : entries_) {
    nlohmann::json runs = nlohmann::json::array();
    for (const SeedVerdict& run : entry.runs) runs.push_back({{"seed", run.seed}, {"verdict", to_string(run.verdict)}});
    entries.push_back({{"claim", entry.claim},
                       {"tier", to_string(entry.tier)},
                       {"runs", runs},
                       {"commit", entry.commit},
                       {"date", entry.date},
                       {"machine", entry.machine}});
  }
  return {{"study", study_id},
          {"note", "Measured expectations: each written by `repro expectations record` from runs on "
                   "two disjoint base seeds; never edited by hand."},
          {"entries", entries}};
}

}  // namespace repro
