#include "app/study_runner.h"

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "base/atomic_file.h"
#include "base/errors.h"
#include "common/measured_expectations.h"
#include "common/published_numbers.h"
#include "app/run_manifest.h"
#include "common/study_context.h"
#include "data/dataset_registry.h"

namespace repro {
namespace {

// Why something declared with these requirements cannot be decided in this run, or "".
template <typename Spec>
std::string missing_requirement(const Spec& spec, const RunOptions& options) {
  if (spec.needs_gpu() && options.device != DeviceKind::cuda) {
    return "needs a CUDA GPU (run with --device cuda on a machine with one)";
  }
  for (const std::string& dataset : spec.datasets()) {
    if (options.data_dir.empty()) {
      return "needs data set " + dataset + ": no --data-dir given and REPRO_DATA_DIR is unset";
    }
    if (!data::dataset_available(dataset, options.data_dir)) {
      return "needs data set " + dataset + ", not found under " + options.data_dir.string() +
             " (get it with: repro data fetch " + dataset + " --to " + options.data_dir.string() + ")";
    }
  }
  return "";
}

template <typename Spec>
std::string not_at_tier(const Spec& spec, Tier tier) {
  if (spec.decided_at_tier(tier)) return "";
  return "decided at tier " + join_tiers(spec.tiers()) + ", not at " + to_string(tier);
}

nlohmann::json published_entries(const ClaimSpec& claim, const PublishedNumbers& published) {
  nlohmann::json entries = nlohmann::json::object();
  for (const std::string& key : claim.published_keys()) entries[key] = published.entry(key);
  return entries;
}

struct Schedule {
  std::map<std::string, std::string> off_tier;      // id -> reason
  std::map<std::string, std::string> missing;       // id -> reason (counts against the run)
};

template <typename Spec, typename ScheduleFunction>
void schedule_all(const std::vector<Spec>& specs, const RunOptions& options, Schedule& schedule,
                  ScheduleFunction&& schedule_one) {
  for (const Spec& spec : specs) {
    if (std::string reason = not_at_tier(spec, options.tier); !reason.empty()) {
      schedule.off_tier[spec.id()] = reason;
    } else if (std::string missing = missing_requirement(spec, options); !missing.empty()) {
      schedule.missing[spec.id()] = missing;
    } else {
      schedule_one(spec.id());
    }
  }
}

// The expectation and the verdict of `claim` at the run's tier, and the decision behind it.
ClaimResult decided_claim(const ClaimSpec& claim, const StudyContext& context, const Schedule& schedule,
                          const MeasuredExpectations& measured, const PublishedNumbers& published,
                          const std::string& failure) {
  const Tier tier = context.tier();
  const nlohmann::json entries = published_entries(claim, published);
  if (auto off = schedule.off_tier.find(claim.id()); off != schedule.off_tier.end()) {
    return claim_result(claim, entries, Verdict::skipped, Expectation::not_scheduled(off->second), off->second,
                        nullptr);
  }
  std::optional<Expectation> found = measured.find(claim.id(), tier);
  if (!found && tier == Tier::full && claim.decided_at_tier(Tier::smoke)) {
    // A claim decided at every tier (an audit of printed numbers) that no full-tier run has
    // measured yet takes its smoke measurement, saying so.
    found = measured.find(claim.id(), Tier::smoke);
    if (found) found->detail = "measured at smoke (no full-tier measurement; decided at every tier): " + found->detail;
  }
  const Expectation expected = found ? *found : claim.declared_expectation(tier);
  if (auto missing = schedule.missing.find(claim.id()); missing != schedule.missing.end()) {
    return claim_result(claim, entries, Verdict::skipped, expected, missing->second, nullptr);
  }
  const auto& decision = context.decisions().at(claim.id());
  if (decision.has_value()) {
    return claim_result(claim, entries, decision->verdict(), expected, decision->reason(), &*decision);
  }
  return claim_result(claim, entries, Verdict::inconclusive, expected,
                      failure.empty() ? "the study did not decide this claim"
                                      : "the study failed before deciding: " + failure,
                      nullptr);
}

CheckResult recorded_check(const CheckSpec& check, const StudyContext& context, const Schedule& schedule,
                           const std::string& failure) {
  if (auto off = schedule.off_tier.find(check.id()); off != schedule.off_tier.end()) {
    return check_result(check, CheckOutcome(CheckStatus::skipped).reason(off->second));
  }
  if (auto missing = schedule.missing.find(check.id()); missing != schedule.missing.end()) {
    return check_result(check, CheckOutcome(CheckStatus::skipped).reason(missing->second));
  }
  const auto& outcome = context.check_outcomes().at(check.id());
  if (outcome.has_value()) return check_result(check, *outcome);
  return check_result(check, CheckOutcome(CheckStatus::failed)
                                 .reason(failure.empty() ? "the study did not record this check"
                                                         : "the study failed before recording: " + failure));
}

}  // namespace

int StudyRunOutcome::exit_code() const {
  if (shard) return !failure.empty() || (!allow_skipped && skipped_for_requirements > 0) ? 1 : 0;
  if (mismatched_claims > 0 || failed_checks > 0 || !failure.empty()) return 1;
  if (!allow_skipped && (skipped_for_requirements > 0 || decided_claims == 0)) return 1;
  return 0;
}

namespace {

// What every pass of a study's run starts from: its published numbers and expectations, a context
// and the claims and checks scheduled at the tier.
struct PreparedRun {
  PublishedNumbers published;
  MeasuredExpectations measured;
  std::unique_ptr<StudyContext> context;
  Schedule schedule;
};

PreparedRun prepare_run(const StudyDefinition& study, const RunOptions& options, std::ostream& log,
                        std::ostream* unit_progress) {
  if (options.device == DeviceKind::cuda && !cuda_device_available()) {
    throw InputError("--device cuda: no usable CUDA device (this LibTorch reports none); run on a "
                     "machine with one, or use --device cpu or --device auto");
  }
  const auto study_dir = options.papers_dir / study.id();
  PreparedRun prepared{PublishedNumbers::load(study_dir / "published.json", study.id()),
                       MeasuredExpectations::load(study_dir / "expectations.json", study.id()), nullptr, {}};
  // Every claim's published keys must exist, whatever the tier: a typo is bad input.
  for (const ClaimSpec& claim : study.claims()) published_entries(claim, prepared.published);
  prepared.context = std::make_unique<StudyContext>(study, options, prepared.published, log, unit_progress);
  StudyContext& context = *prepared.context;
  context.units().set_provenance(unit_provenance(options));
  schedule_all(study.claims(), options, prepared.schedule, [&](const std::string& id) { context.schedule(id); });
  schedule_all(study.checks(), options, prepared.schedule,
               [&](const std::string& id) { context.schedule_check(id); });
  return prepared;
}

bool has_work(const StudyContext& context) {
  return !context.decisions().empty() || !context.check_outcomes().empty();
}

void log_missing(const Schedule& schedule, const RunOptions& options, std::ostream& log) {
  for (const auto& [id, reason] : schedule.missing) {
    log << (options.allow_skipped ? "  skipped (allowed): " : "  error: cannot decide ") << id << ": " << reason
        << "\n";
  }
}

// Runs the study's code when something is scheduled. Returns its error ("" when none); bad input
// (InputError) propagates.
std::string run_study_code(const StudyDefinition& study, StudyContext& context) {
  if (!has_work(context)) return "";
  try {
    study.run(context);
  } catch (const InputError&) {
    throw;
  } catch (const std::exception& error) {
    return error.what();
  }
  return "";
}

// A stream that discards everything: the study's log in plan and shard passes, whose decisions
// are made on stand-ins.
std::ostream& discarding_stream() {
  static std::ostream stream(nullptr);
  return stream;
}

// A partial run's --units-of names experiments of the study's plan. Throws InputError otherwise.
void check_units_of(const StudyPlan& plan, const RunOptions& options) {
  if (!options.units_of || !plan.declares_units) return;
  std::set<std::string> experiments;
  for (const PlannedUnit& unit : plan.units) experiments.insert(unit.key.experiment);
  for (const std::string& name : *options.units_of) {
    if (experiments.count(name) != 0) continue;
    const std::string known = fmt::format("{}", fmt::join(experiments, ", "));
    throw InputError("--units-of: study " + plan.study + " has no run unit of experiment '" + name + "' at tier " +
                     to_string(plan.tier) + " (its experiments: " + (known.empty() ? "none" : known) + ")");
  }
}

// A shard pass: this shard's units of the plan, nothing decided, no results.json.
StudyRunOutcome run_shard(const StudyDefinition& study, const RunOptions& options, std::ostream& log) {
  const StudyPlan plan = plan_study(study, options);
  if (!plan.failure.empty()) {
    throw std::runtime_error("study " + study.id() + ": the plan pass failed: " + plan.failure);
  }
  check_units_of(plan, options);
  PreparedRun prepared = prepare_run(study, options, discarding_stream(), &log);
  StudyContext& context = *prepared.context;
  const UnitStore::PlanShare share = context.units().set_plan(plan.units, options.shard);
  log << "study " << study.id() << ", tier " << to_string(options.tier) << ", shard " << options.shard.to_string()
      << ": " << share.units << " of " << plan.units.size() << " units (" << share.finished << " finished; about "
      << static_cast<long long>(share.seconds_to_compute + 0.5) << " s of work left by the plan)\n";
  StudyRunOutcome outcome;
  outcome.allow_skipped = options.allow_skipped;
  outcome.skipped_for_requirements = static_cast<int>(prepared.schedule.missing.size());
  outcome.shard = true;
  log_missing(prepared.schedule, options, log);
  outcome.failure = run_study_code(study, context);
  const std::string& failure = outcome.failure;
  if (!failure.empty()) {
    log << "error: study " << study.id() << " failed in shard " << options.shard.to_string() << ": " << failure << "\n";
  }
  log << "  shard " << options.shard.to_string() << " of " << study.id() << ": computed "
      << context.units().computed() << " unit(s), reused " << context.units().reused()
      << "; the other shards' units are left to them (decide with a plain repro run over the same --out)\n";
  return outcome;
}

}  // namespace

StudyPlan plan_study(const StudyDefinition& study, const RunOptions& options) {
  StudyPlan plan;
  plan.study = study.id();
  plan.tier = options.tier;
  plan.declares_units = study.declares_run_units();
  if (!plan.declares_units) return plan;
  RunOptions plan_options = options;
  plan_options.with_unit_pass(UnitPass::plan);
  PreparedRun prepared = prepare_run(study, plan_options, discarding_stream(), nullptr);
  for (const auto& [id, reason] : prepared.schedule.missing) plan.missing.push_back(id + ": " + reason);
  plan.failure = run_study_code(study, *prepared.context);
  plan.units = prepared.context->units().planned();
  return plan;
}

StudyRunOutcome run_study(const StudyDefinition& study, const RunOptions& options, std::ostream& log) {
  if (options.unit_pass == UnitPass::plan) throw std::logic_error("run_study: a plan pass is plan_study's");
  if (options.unit_pass == UnitPass::shard) return run_shard(study, options, log);
  const auto started = std::chrono::steady_clock::now();
  const std::string started_at = utc_timestamp_now();
  // A long run (a full tier) learns its units first, for its progress lines' ETA; a partial run,
  // to check the experiments it names.
  std::optional<StudyPlan> plan;
  if ((options.tier == Tier::full || options.units_of) && study.declares_run_units()) {
    plan = plan_study(study, options);
    check_units_of(*plan, options);
    if (!plan->failure.empty()) {
      log << "note: no progress estimate for " << study.id() << ": its plan pass failed: " << plan->failure << "\n";
      plan.reset();
    }
  }
  PreparedRun prepared = prepare_run(study, options, log, &log);
  const PublishedNumbers& published = prepared.published;
  const MeasuredExpectations& measured = prepared.measured;
  StudyContext& context = *prepared.context;
  const Schedule& schedule = prepared.schedule;
  if (plan) context.units().set_plan(plan->units, std::nullopt);

  log << "study " << study.id() << " (" << study.title() << ")\n"
      << "  tier " << to_string(options.tier) << ", device " << to_string(options.device)
      << ", seed " << options.seed << ", data dir '" << options.data_dir.string() << "', out '"
      << options.output_dir.string() << "'\n"
      << "  " << context.decisions().size() << " of " << study.claims().size() << " claims and "
      << context.check_outcomes().size() << " of " << study.checks().size()
      << " checks scheduled at this tier\n";
  if (options.units_of) {
    const std::string experiments = fmt::format("{}", fmt::join(*options.units_of, ", "));
    log << "  partial run: computes the unfinished run units of " << (experiments.empty() ? "no experiment" : experiments)
        << " only; a claim decided after a unit it does not compute is skipped\n";
  }
  log_missing(schedule, options, log);

  const std::string failure = run_study_code(study, context);
  if (!failure.empty()) log << "error: study " << study.id() << " failed: " << failure << "\n";

  StudyRunOutcome outcome;
  outcome.failure = failure;
  outcome.allow_skipped = options.allow_skipped;
  outcome.skipped_for_requirements = static_cast<int>(schedule.missing.size());
  StudyResults& results = outcome.results;
  StudyOutcome summary;
  const std::map<std::string, std::string>& unfinished = context.skipped_for_unfinished_units();
  for (const ClaimSpec& claim : study.claims()) {
    ClaimResult result = decided_claim(claim, context, schedule, measured, published, failure);
    const bool missing = schedule.missing.count(claim.id()) != 0 || unfinished.count(claim.id()) != 0;
    if (result.verdict != to_string(Verdict::skipped)) ++outcome.decided_claims;
    if (!result.matches_expected() && !missing) {
      ++outcome.mismatched_claims;
      summary.mismatched_claims.push_back(result.id);
    }
    results.claims.push_back(std::move(result));
  }
  for (const CheckSpec& check : study.checks()) {
    CheckResult result = recorded_check(check, context, schedule, failure);
    if (result.status == to_string(CheckStatus::failed)) {
      ++outcome.failed_checks;
      summary.failed_checks.push_back(check.id());
    }
    results.checks.push_back(std::move(result));
  }
  for (const auto& [id, reason] : schedule.missing) summary.skipped_for_requirements.push_back({id, reason});
  for (const auto& [id, reason] : unfinished) {
    summary.skipped_for_requirements.push_back({id, reason});
    outcome.skipped_for_unfinished_units.push_back(id);
  }
  outcome.skipped_for_requirements += static_cast<int>(unfinished.size());
  summary.exit_code = outcome.exit_code();
  summary.allow_skipped = options.allow_skipped;
  summary.decided_claims = outcome.decided_claims;
  summary.failure = failure;

  const double wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  results.schema_version = 2;
  results.study = study.id();
  results.title = study.title();
  results.paper = published.paper();
  results.tier = to_string(options.tier);
  results.device = to_string(options.device);
  results.seed = static_cast<std::int64_t>(options.seed);
  results.started_at = started_at;
  results.wall_seconds = wall_seconds;
  results.manifest = collect_run_manifest(options, context.data_files());
  results.plots = context.plots();
  results.tables = context.tables();
  results.timings = context.timings();
  results.numerics = context.numerics();
  results.outcome = std::move(summary);
  write_file_atomically(context.study_output_dir() / "results.json", to_json(results).dump(2) + "\n");
  log << "  wrote " << (context.study_output_dir() / "results.json").string() << " ("
      << outcome.mismatched_claims << " claim(s) differ from the expected verdict, "
      << outcome.failed_checks << " check(s) failed, " << outcome.skipped_for_requirements
      << " skipped for a missing GPU or data set or unfinished run units" << (options.allow_skipped ? " (allowed)" : "")
      << ", " << outcome.decided_claims << " claim(s) decided, " << wall_seconds << " s)\n";
  if (outcome.decided_claims == 0 && !options.allow_skipped) {
    log << "  error: this tier decided no claim of " << study.id()
        << " (pass --allow-skipped where that is by design)\n";
  }
  return outcome;
}

}  // namespace repro
