#include "common/study_context.h"

#include <algorithm>
#include <ostream>
#include <stdexcept>

namespace repro {

StudyContext::StudyContext(const StudyDefinition& study, RunOptions options,
                           PublishedNumbers published, std::ostream& log, std::ostream* unit_progress)
    : study_(study),
      options_(std::move(options)),
      published_(std::move(published)),
      log_(log),
      units_(options_.output_dir / study_.id() / "units", options_.fresh, options_.unit_pass,
             unit_progress != nullptr ? unit_progress : &log) {}

std::filesystem::path StudyContext::study_output_dir() const {
  return options_.output_dir / study_.id();
}


bool StudyContext::should_decide(const std::string& claim_id) const {
  auto found = scheduled_.find(claim_id);
  return found != scheduled_.end() && !found->second.has_value();
}

bool StudyContext::should_decide_any(const std::vector<std::string>& claim_ids) const {
  for (const std::string& claim_id : claim_ids) {
    if (should_decide(claim_id)) return true;
  }
  return false;
}

void StudyContext::decide(const std::string& claim_id, Decision decision) {
  if (study_.find_claim(claim_id) == nullptr) {
    throw std::logic_error("study " + study_.id() + " decided undeclared claim " + claim_id);
  }
  auto found = scheduled_.find(claim_id);
  if (found == scheduled_.end()) {
    throw std::logic_error("study " + study_.id() + " decided claim " + claim_id +
                           ", which is not scheduled at this tier");
  }
  if (found->second.has_value()) {
    throw std::logic_error("study " + study_.id() + " decided claim " + claim_id + " twice");
  }
  const ClaimSpec& spec = *study_.find_claim(claim_id);
  if (decision.verdict() != Verdict::skipped && decision.rule_id() != spec.rule_id()) {
    throw std::logic_error("study " + study_.id() + " decided claim " + claim_id + " by rule '" +
                           decision.rule_id() + "', but it declares rule '" + spec.rule_id() + "'");
  }
  log_ << "  " << claim_id << ": " << to_string(decision.verdict()) << " — " << decision.reason()
       << "\n";
  found->second = std::move(decision);
}

void StudyContext::skip(const std::string& claim_id, const std::string& reason) {
  decide(claim_id, Decision(Verdict::skipped).reason(reason));
}

bool StudyContext::should_check(const std::string& check_id) const {
  auto found = scheduled_checks_.find(check_id);
  return found != scheduled_checks_.end() && !found->second.has_value();
}

void StudyContext::record_check(const std::string& check_id, CheckOutcome outcome) {
  if (study_.find_check(check_id) == nullptr) {
    throw std::logic_error("study " + study_.id() + " recorded undeclared check " + check_id);
  }
  auto found = scheduled_checks_.find(check_id);
  if (found == scheduled_checks_.end()) {
    throw std::logic_error("study " + study_.id() + " recorded check " + check_id +
                           ", which is not scheduled at this tier");
  }
  if (found->second.has_value()) {
    throw std::logic_error("study " + study_.id() + " recorded check " + check_id + " twice");
  }
  log_ << "  check " << check_id << ": " << to_string(outcome.status()) << " — " << outcome.reason()
       << "\n";
  found->second = std::move(outcome);
}

void StudyContext::add_plot(nlohmann::json plot) { plots_.push_back(std::move(plot)); }

void StudyContext::add_table(nlohmann::json table) { tables_.push_back(std::move(table)); }

void StudyContext::add_timing(const std::string& id, const std::string& unit,
                              std::vector<double> samples) {
  timings_.push_back({{"id", id}, {"unit", unit}, {"samples", std::move(samples)}});
}

void StudyContext::record_data_file(const std::filesystem::path& path) {
  if (std::find(data_files_.begin(), data_files_.end(), path) == data_files_.end()) {
    data_files_.push_back(path);
  }
}

}  // namespace repro
