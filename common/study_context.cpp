#include "common/study_context.h"

#include <algorithm>
#include <ostream>
#include <stdexcept>

#include <fmt/format.h>

#include "base/errors.h"
#include "common/unit_schedule.h"

namespace repro {

StudyContext::StudyContext(const StudyDefinition& study, RunOptions options,
                           PublishedNumbers published, std::ostream& log, std::ostream* unit_progress)
    : study_(study),
      options_(std::move(options)),
      published_(std::move(published)),
      log_(log),
      units_(options_.output_dir / study_.id() / "units", options_.fresh, options_.unit_pass,
             unit_progress != nullptr ? unit_progress : &log) {
  if (options_.units_of) {
    units_.compute_only_experiments(std::set<std::string>(options_.units_of->begin(), options_.units_of->end()));
  }
}

std::string StudyContext::unfinished_units_reason() const {
  if (!options_.units_of || options_.unit_pass != UnitPass::run) return "";
  const auto stood_in = units_.stood_in_by_experiment();
  if (stood_in.empty()) return "";
  int units = 0;
  double seconds = 0.0;
  std::string parts;
  for (const auto& [experiment, tally] : stood_in) {
    units += tally.units;
    seconds += tally.estimated_seconds;
    parts += fmt::format("{}{} {}", parts.empty() ? "" : ", ", tally.units, experiment);
  }
  const std::string computed = fmt::format("{}", fmt::join(*options_.units_of, ","));
  return fmt::format("not decided: this partial run (--units-of {}) left {} run unit(s) asked for before this "
                     "decision unfinished ({}; about {} of work by this machine's estimates); finish them "
                     "(repro run without --units-of, or shards) to decide it",
                     computed.empty() ? "none" : computed, units, parts, work_time_text(seconds));
}

std::filesystem::path StudyContext::study_output_dir() const {
  return options_.output_dir / study_.id();
}

bool StudyContext::should_decide_any(const std::vector<ClaimId>& claims) const {
  return std::any_of(claims.begin(), claims.end(), [&](ClaimId claim) { return should_decide(claim); });
}

void StudyContext::skip(ClaimId claim, const std::string& reason) {
  decide(claim, Decision(Verdict::skipped).reason(reason));
}

bool StudyContext::should_decide(ClaimId claim) const {
  auto found = scheduled_.find(claim.str());
  return found != scheduled_.end() && !found->second.has_value();
}

void StudyContext::decide(ClaimId claim, Decision decision) {
  const std::string claim_id = claim.str();
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
  if (decision.verdict() != Verdict::skipped) {
    if (std::string reason = unfinished_units_reason(); !reason.empty()) {
      decision = Decision(Verdict::skipped).reason(reason);
      unfinished_skips_[claim_id] = std::move(reason);
    }
  }
  log_ << "  " << claim_id << ": " << to_string(decision.verdict()) << " — " << decision.reason()
       << "\n";
  found->second = std::move(decision);
}

bool StudyContext::should_check(CheckId check) const {
  auto found = scheduled_checks_.find(check.str());
  return found != scheduled_checks_.end() && !found->second.has_value();
}

void StudyContext::record_check(CheckId check, CheckOutcome outcome) {
  const std::string check_id = check.str();
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
  if (outcome.status() != CheckStatus::skipped) {
    if (std::string reason = unfinished_units_reason(); !reason.empty()) {
      outcome = CheckOutcome(CheckStatus::skipped).reason(reason);
      unfinished_skips_[check_id] = std::move(reason);
    }
  }
  log_ << "  check " << check_id << ": " << to_string(outcome.status()) << " — " << outcome.reason()
       << "\n";
  found->second = std::move(outcome);
}

namespace {

// `parse(json, source)`, a malformed part reported as the study's error.
template <typename Parse>
auto parsed_part(Parse parse, const nlohmann::json& part, const std::string& study, const char* what) {
  try {
    const auto id = part.is_object() ? part.find("id") : part.end();
    const std::string name = id != part.end() && id->is_string() ? " '" + id->get<std::string>() + "'" : "";
    return parse(part, "study " + study + ", " + what + name);
  } catch (const InputError& error) {
    throw std::logic_error(error.what());
  }
}

}  // namespace

bool StudyContext::left_out_of_partial_run(const std::string& what) {
  if (unfinished_units_reason().empty()) return false;
  log_ << "  left out of this partial run (made after a unit it did not compute): " << what << "\n";
  return true;
}

void StudyContext::add_plot(const nlohmann::json& plot) {
  PlotSpec parsed = parsed_part(parse_plot_spec, plot, study_.id(), "plot");
  if (!left_out_of_partial_run("plot " + parsed.id)) plots_.push_back(std::move(parsed));
}

void StudyContext::add_table(const nlohmann::json& table) {
  ResultTable parsed = parsed_part(parse_result_table, table, study_.id(), "table");
  if (!left_out_of_partial_run("table " + parsed.id)) tables_.push_back(std::move(parsed));
}

void StudyContext::add_timing(const std::string& id, const std::string& unit,
                              std::vector<double> samples) {
  if (!left_out_of_partial_run("timing " + id)) timings_.push_back({id, unit, std::move(samples)});
}

void StudyContext::add_numerics(nlohmann::json run_numerics) {
  if (!left_out_of_partial_run("a run's numerics")) numerics_.push_back(std::move(run_numerics));
}

void StudyContext::record_data_file(const std::filesystem::path& path) {
  if (std::find(data_files_.begin(), data_files_.end(), path) == data_files_.end()) {
    data_files_.push_back(path);
  }
}

}  // namespace repro
