// A claim of a paper as a study declares it, and the decision a run reaches on it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/tier.h"
#include "common/verdict.h"

namespace repro {

// Declared once per claim, with fluent setters:
//   ClaimSpec("vgg_discordant_total")
//       .text("Table 3's McNemar p for VGG implies 45 discordant images")
//       .published({"table3_vgg_mcnemar_statistic", "table3_vgg_mcnemar_p"})
//       .expect(Verdict::reproduced)
//       .requires_datasets({"mnist"});
class ClaimSpec {
 public:
  explicit ClaimSpec(std::string id) : id_(std::move(id)) {}

  ClaimSpec& text(std::string value) { text_ = std::move(value); return *this; }
  // Keys into the study's published.json whose numbers this claim checks.
  ClaimSpec& published(std::vector<std::string> keys) { published_keys_ = std::move(keys); return *this; }
  // The tiers at which a run decides this claim (default: every tier).
  ClaimSpec& decided_at(std::vector<Tier> tiers) { tiers_ = std::move(tiers); return *this; }
  // The verdict the suite expects at every tier; a run whose verdict differs fails.
  ClaimSpec& expect(Verdict verdict) { expected_ = verdict; return *this; }
  // Overrides the expected verdict at one tier.
  ClaimSpec& expect_at(Tier tier, Verdict verdict) { expected_by_tier_[tier] = verdict; return *this; }
  ClaimSpec& requires_gpu(bool value = true) { requires_gpu_ = value; return *this; }
  // Data set names of the data registry (e.g. "mnist"); skipped with a reason when absent.
  ClaimSpec& requires_datasets(std::vector<std::string> names) { datasets_ = std::move(names); return *this; }

  const std::string& id() const { return id_; }
  const std::string& text() const { return text_; }
  const std::vector<std::string>& published_keys() const { return published_keys_; }
  const std::vector<Tier>& tiers() const { return tiers_; }
  bool decided_at_tier(Tier tier) const;
  Verdict expected_verdict(Tier tier) const;
  bool needs_gpu() const { return requires_gpu_; }
  const std::vector<std::string>& datasets() const { return datasets_; }

 private:
  std::string id_;
  std::string text_;
  std::vector<std::string> published_keys_;
  std::vector<Tier> tiers_{Tier::smoke, Tier::reduced, Tier::full};
  Verdict expected_ = Verdict::reproduced;
  std::map<Tier, Verdict> expected_by_tier_;
  bool requires_gpu_ = false;
  std::vector<std::string> datasets_;
};

// What a study concludes about a claim:
//   Decision(Verdict::reproduced).measured({{"p_value", p}}).rule("...").reason("...")
class Decision {
 public:
  explicit Decision(Verdict verdict) : verdict_(verdict) {}
  Decision& measured(nlohmann::json value) { measured_ = std::move(value); return *this; }
  Decision& rule(std::string value) { rule_ = std::move(value); return *this; }
  Decision& reason(std::string value) { reason_ = std::move(value); return *this; }

  Verdict verdict() const { return verdict_; }
  const nlohmann::json& measured() const { return measured_; }
  const std::string& rule() const { return rule_; }
  const std::string& reason() const { return reason_; }

 private:
  Verdict verdict_;
  nlohmann::json measured_;
  std::string rule_;
  std::string reason_;
};

// Reproduced when `condition` holds, not reproduced otherwise.
inline Decision decide_by(bool condition) {
  return Decision(condition ? Verdict::reproduced : Verdict::not_reproduced);
}

// One row of results.json's "claims".
struct ClaimResult {
  std::string id;
  std::string text;
  nlohmann::json published;  // {key: {value, unit, provenance}}
  nlohmann::json measured;
  std::string rule;
  Verdict verdict = Verdict::skipped;
  Verdict expected_verdict = Verdict::skipped;
  std::string reason;
  std::vector<Tier> decided_at_tiers;

  bool matches_expectation() const { return verdict == expected_verdict; }
};

nlohmann::json to_json(const ClaimResult& result);

}  // namespace repro
