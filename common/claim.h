// A claim of a paper as a study declares it, and the decision a run reaches on it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/claim_id.h"
#include "common/comparison.h"
#include "common/expectation.h"
#include "common/study_results.h"
#include "common/tier.h"
#include "common/verdict.h"

namespace repro {

// Declared once per claim, with fluent setters:
//   ClaimSpec(kVggDiscordantTotal)        // papers/<study>/claim_ids.h: ClaimId kVggDiscordantTotal{"vgg_discordant_total"}
//       .text("Table 3's McNemar p for VGG implies 45 discordant images")
//       .published({"table3_vgg_mcnemar_statistic", "table3_vgg_mcnemar_p"})
//       .rule(kDiscordantTotalRule)
//       .predict(Verdict::not_reproduced, "why, written before the run")
//       .requires_datasets({"mnist"});
// The expected verdict at a tier comes, in this order, from a measured expectation in
// papers/<study>/expectations.json, a prediction given here, or the paper (reproduced).
class ClaimSpec {
 public:
  explicit ClaimSpec(ClaimId id) : id_(id.str()) {}

  ClaimSpec& text(std::string value) { text_ = std::move(value); return *this; }
  // Keys into the study's published.json whose numbers this claim checks.
  ClaimSpec& published(std::vector<std::string> keys) { published_keys_ = std::move(keys); return *this; }
  // The tiers at which a run decides this claim (default: every tier).
  ClaimSpec& decided_at(std::vector<Tier> tiers) { tiers_ = std::move(tiers); return *this; }
  // The named verdict rule that decides this claim (a rule id such as
  // "fixed_point.published_accuracy"); the decision must carry the same id, and the rule must
  // have unit tests giving each verdict (tests/papers/rule_coverage_test.cpp).
  ClaimSpec& rule(std::string rule_id) { rule_id_ = std::move(rule_id); return *this; }
  // A written prediction of the verdict at every tier (or at one), with its reason.
  ClaimSpec& predict(Verdict verdict, std::string reason);
  ClaimSpec& predict_at(Tier tier, Verdict verdict, std::string reason);
  ClaimSpec& requires_gpu(bool value = true) { requires_gpu_ = value; return *this; }
  // Data set names of the data registry (e.g. "mnist"); skipped with a reason when absent.
  ClaimSpec& requires_datasets(std::vector<std::string> names) { datasets_ = std::move(names); return *this; }

  const std::string& id() const { return id_; }
  const std::string& text() const { return text_; }
  const std::vector<std::string>& published_keys() const { return published_keys_; }
  const std::vector<Tier>& tiers() const { return tiers_; }
  const std::string& rule_id() const { return rule_id_; }
  bool decided_at_tier(Tier tier) const;
  // The prediction at `tier`, or the paper's verdict (reproduced) when there is none.
  Expectation declared_expectation(Tier tier) const;
  bool needs_gpu() const { return requires_gpu_; }
  const std::vector<std::string>& datasets() const { return datasets_; }

 private:
  std::string id_;
  std::string text_;
  std::vector<std::string> published_keys_;
  std::vector<Tier> tiers_{Tier::smoke, Tier::reduced, Tier::full};
  std::string rule_id_;
  std::optional<Expectation> prediction_;
  std::map<Tier, Expectation> prediction_by_tier_;
  bool requires_gpu_ = false;
  std::vector<std::string> datasets_;
};

// What a study concludes about a claim. Build it with decide_comparison (common/comparison.h)
// for every claim that compares a quantity; the fluent setters add what the rule measured:
//   decide_comparison(kRule, comparison, margin, detectable).measured({{"p_value", p}})
class Decision {
 public:
  explicit Decision(Verdict verdict) : verdict_(verdict) {}
  Decision& measured(nlohmann::json value) { measured_ = std::move(value); return *this; }
  Decision& rule(std::string value) { rule_ = std::move(value); return *this; }
  Decision& reason(std::string value) { reason_ = std::move(value); return *this; }
  Decision& rule_id(std::string value) { rule_id_ = std::move(value); return *this; }
  Decision& comparison(Comparison value) { comparison_ = std::move(value); return *this; }
  Decision& margin(Margin value) { margin_ = std::move(value); return *this; }
  Decision& detectable(DetectableEffect value) { detectable_ = std::move(value); return *this; }

  Verdict verdict() const { return verdict_; }
  const nlohmann::json& measured() const { return measured_; }
  const std::string& rule() const { return rule_; }
  const std::string& reason() const { return reason_; }
  const std::string& rule_id() const { return rule_id_; }
  const std::optional<Comparison>& comparison() const { return comparison_; }
  const std::optional<Margin>& margin() const { return margin_; }
  const std::optional<DetectableEffect>& detectable() const { return detectable_; }

 private:
  Verdict verdict_;
  nlohmann::json measured_;
  std::string rule_;
  std::string reason_;
  std::string rule_id_;
  std::optional<Comparison> comparison_;
  std::optional<Margin> margin_;
  std::optional<DetectableEffect> detectable_;
};

// One row of results.json's "claims" (common/study_results.h): the claim as declared, its
// published entries ({key: {value, unit, provenance, ...}} of published.json), the verdict with its
// expectation and reason, and the decision's rule, comparison, margin and measured values (none
// when `decision` is null: skipped or undecided).
ClaimResult claim_result(const ClaimSpec& spec, const nlohmann::json& published_entries, Verdict verdict,
                         const Expectation& expected, std::string reason, const Decision* decision);

}  // namespace repro
