#include "common/study_registry.h"

#include <algorithm>
#include <map>
#include <memory>
#include <stdexcept>

#include "base/errors.h"

namespace repro {
namespace {

std::map<std::string, std::unique_ptr<StudyDefinition>>& registry() {
  static std::map<std::string, std::unique_ptr<StudyDefinition>> studies;
  return studies;
}

}  // namespace

StudyDefinition* StudyDefinition::claim(ClaimSpec spec) {
  if (find_claim(spec.id()) != nullptr || find_check(spec.id()) != nullptr) {
    throw std::logic_error("study " + id_ + " declares claim " + spec.id() + " twice");
  }
  claims_.push_back(std::move(spec));
  return this;
}

StudyDefinition* StudyDefinition::claims(std::vector<ClaimSpec> specs) {
  for (ClaimSpec& spec : specs) claim(std::move(spec));
  return this;
}

StudyDefinition* StudyDefinition::check(CheckSpec spec) {
  if (find_claim(spec.id()) != nullptr || find_check(spec.id()) != nullptr) {
    throw std::logic_error("study " + id_ + " declares " + spec.id() + " twice");
  }
  checks_.push_back(std::move(spec));
  return this;
}

StudyDefinition* StudyDefinition::checks(std::vector<CheckSpec> specs) {
  for (CheckSpec& spec : specs) check(std::move(spec));
  return this;
}

const CheckSpec* StudyDefinition::find_check(const std::string& check_id) const {
  for (const CheckSpec& spec : checks_) {
    if (spec.id() == check_id) return &spec;
  }
  return nullptr;
}

const ClaimSpec* StudyDefinition::find_claim(const std::string& claim_id) const {
  for (const ClaimSpec& spec : claims_) {
    if (spec.id() == claim_id) return &spec;
  }
  return nullptr;
}

StudyDefinition* StudyDefinition::test_minutes(Tier tier, double minutes) {
  if (!(minutes >= 0.0)) {
    throw std::logic_error("study " + id_ + ": test_minutes of tier " + to_string(tier) + " must be >= 0");
  }
  test_minutes_[tier] = minutes;
  return this;
}

std::vector<StudyDefinition::TierTest> StudyDefinition::tier_tests() const {
  for (Tier tier : gpu_tiers_) {
    if (std::find(tiers_.begin(), tiers_.end(), tier) == tiers_.end()) {
      throw std::logic_error("study " + id_ + ": GPU tier " + to_string(tier) + " is not one of its tiers");
    }
  }
  for (const auto& [tier, minutes] : test_minutes_) {
    if (std::find(tiers_.begin(), tiers_.end(), tier) == tiers_.end()) {
      throw std::logic_error("study " + id_ + ": test_minutes given for tier " + to_string(tier) +
                             ", not one of its tiers");
    }
  }
  std::vector<TierTest> tests;
  for (Tier tier : tiers_) {
    const bool cuda = std::find(gpu_tiers_.begin(), gpu_tiers_.end(), tier) != gpu_tiers_.end();
    const auto declared = test_minutes_.find(tier);
    const double minutes = declared == test_minutes_.end() ? 0.0 : declared->second;
    if (cuda) {
      tests.push_back({"study." + id_ + "." + to_string(tier) + ".cuda", tier, true, minutes});
    } else if (tier == Tier::smoke || tier == Tier::reduced) {
      tests.push_back({"study." + id_ + "." + to_string(tier), tier, false, minutes});
    }
  }
  return tests;
}

StudyDefinition* register_study(const std::string& id, StudyDefinition::RunFunction run) {
  auto& studies = registry();
  if (studies.count(id) != 0) throw std::logic_error("study " + id + " is registered twice");
  auto definition = std::make_unique<StudyDefinition>(id, std::move(run));
  StudyDefinition* pointer = definition.get();
  studies.emplace(id, std::move(definition));
  return pointer;
}

std::vector<const StudyDefinition*> registered_studies() {
  std::vector<const StudyDefinition*> studies;
  for (const auto& [id, definition] : registry()) studies.push_back(definition.get());
  return studies;
}

const StudyDefinition& find_study(const std::string& id) {
  auto& studies = registry();
  auto found = studies.find(id);
  if (found == studies.end()) {
    std::string known;
    for (const auto& [name, definition] : studies) known += (known.empty() ? "" : ", ") + name;
    throw InputError("unknown study '" + id + "' (known: " + known + ", or all)");
  }
  return *found->second;
}

}  // namespace repro
