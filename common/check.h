// A mechanics check: the suite's own machinery works (a model trains, a scaler backs off, a
// formula recomputed). Checks pass or fail; they are not claims of the paper and are listed
// apart in results.json ("checks") and in the report. A failed check fails the run.
//   CheckSpec(kSmokeLossScalerBacksOff).text("...").decided_at({Tier::smoke})
//   context.record_check(kSmokeLossScalerBacksOff, check_that(ok).measured({...}));
// (kSmokeLossScalerBacksOff: a CheckId of the study's claim_ids.h, common/claim_id.h)
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/claim_id.h"
#include "common/study_results.h"
#include "common/tier.h"

namespace repro {

enum class CheckStatus { passed, failed, skipped };
std::string to_string(CheckStatus status);

class CheckSpec {
 public:
  explicit CheckSpec(CheckId id) : id_(id.str()) {}
  CheckSpec& text(std::string value) { text_ = std::move(value); return *this; }
  CheckSpec& decided_at(std::vector<Tier> tiers) { tiers_ = std::move(tiers); return *this; }
  CheckSpec& requires_gpu(bool value = true) { requires_gpu_ = value; return *this; }
  CheckSpec& requires_datasets(std::vector<std::string> names) { datasets_ = std::move(names); return *this; }

  const std::string& id() const { return id_; }
  const std::string& text() const { return text_; }
  const std::vector<Tier>& tiers() const { return tiers_; }
  bool decided_at_tier(Tier tier) const;
  bool needs_gpu() const { return requires_gpu_; }
  const std::vector<std::string>& datasets() const { return datasets_; }

 private:
  std::string id_;
  std::string text_;
  std::vector<Tier> tiers_{Tier::smoke, Tier::reduced, Tier::full};
  bool requires_gpu_ = false;
  std::vector<std::string> datasets_;
};

class CheckOutcome {
 public:
  explicit CheckOutcome(CheckStatus status) : status_(status) {}
  CheckOutcome& measured(nlohmann::json value) { measured_ = std::move(value); return *this; }
  CheckOutcome& rule(std::string value) { rule_ = std::move(value); return *this; }
  CheckOutcome& reason(std::string value) { reason_ = std::move(value); return *this; }

  CheckStatus status() const { return status_; }
  const nlohmann::json& measured() const { return measured_; }
  const std::string& rule() const { return rule_; }
  const std::string& reason() const { return reason_; }

 private:
  CheckStatus status_;
  nlohmann::json measured_;
  std::string rule_;
  std::string reason_;
};

// Passed when `condition` holds, failed otherwise.
inline CheckOutcome check_that(bool condition) {
  return CheckOutcome(condition ? CheckStatus::passed : CheckStatus::failed);
}

// One row of results.json's "checks".
CheckResult check_result(const CheckSpec& spec, const CheckOutcome& outcome);

}  // namespace repro
