// papers/<study>/expectations.json: the expected verdicts established by runs (basis
// "measured"). Each entry holds one claim at one tier and the verdicts of runs on two disjoint
// seed sets; where they disagree the expectation is unstable (either verdict passes).
//   {"study": "<id>",
//    "entries": [{"claim": "<id>", "tier": "reduced",
//                 "runs": [{"seed": 0, "verdict": "reproduced"}, {"seed": 1000, "verdict": "reproduced"}],
//                 "commit": "<git commit>", "date": "<UTC date>", "machine": "<host, CPU, cores>"}]}
// Written by `repro expectations record`; never edited by hand after seeing a result.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/expectation.h"
#include "common/tier.h"
#include "common/verdict.h"

namespace repro {

struct SeedVerdict {
  std::uint64_t seed = 0;
  Verdict verdict = Verdict::skipped;
};

struct MeasuredEntry {
  std::string claim;
  Tier tier = Tier::smoke;
  std::vector<SeedVerdict> runs;
  std::string commit, date, machine;
  Expectation expectation() const;
};

class MeasuredExpectations {
 public:
  // An absent file is no entries. Throws InputError naming the file and element for a malformed
  // file, another study's, an entry with fewer than two runs or repeated seeds.
  static MeasuredExpectations load(const std::filesystem::path& path, const std::string& study_id);

  std::optional<Expectation> find(const std::string& claim, Tier tier) const;
  const std::vector<MeasuredEntry>& entries() const { return entries_; }
  // Replaces every entry of `tier` with `entries`.
  void replace_tier(Tier tier, std::vector<MeasuredEntry> entries);
  // Replaces the entries of `tier` for the claims of `entries` only, keeping the tier's others (a
  // partial run's record: the claims it skipped keep what they had).
  void replace_claims(Tier tier, std::vector<MeasuredEntry> entries);
  nlohmann::json to_json(const std::string& study_id) const;

 private:
  std::vector<MeasuredEntry> entries_;
};

}  // namespace repro
