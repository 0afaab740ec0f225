#include "common/study_runner.h"

#include <chrono>
#include <ostream>
#include <stdexcept>

#include "common/atomic_file.h"
#include "common/errors.h"
#include "common/published_numbers.h"
#include "common/run_manifest.h"
#include "common/study_context.h"
#include "data/dataset_registry.h"

namespace repro {
namespace {

// Why a claim cannot be decided in this run, or "" when it can.
std::string reason_to_skip(const ClaimSpec& claim, const RunOptions& options,
                           bool cuda_requested_but_absent) {
  if (!claim.decided_at_tier(options.tier)) {
    return "decided at tier " + join_tiers(claim.tiers()) + ", not at " + to_string(options.tier);
  }
  if (claim.needs_gpu() && options.device != DeviceKind::cuda) {
    return cuda_requested_but_absent
               ? "needs a CUDA GPU: --device cuda was asked for but no CUDA device is available"
               : "needs a CUDA GPU (run with --device cuda on a machine with one)";
  }
  for (const std::string& dataset : claim.datasets()) {
    if (options.data_dir.empty()) {
      return "needs data set " + dataset + ": no --data-dir given and REPRO_DATA_DIR is unset";
    }
    if (!data::dataset_available(dataset, options.data_dir)) {
      return "needs data set " + dataset + ", not found under " + options.data_dir.string() +
             " (get it with: repro data fetch " + dataset + " --to " + options.data_dir.string() +
             ")";
    }
  }
  return "";
}

nlohmann::json published_entries(const ClaimSpec& claim, const PublishedNumbers& published) {
  nlohmann::json entries = nlohmann::json::object();
  for (const std::string& key : claim.published_keys()) entries[key] = published.entry(key);
  return entries;
}

}  // namespace

StudyRunOutcome run_study(const StudyDefinition& study, const RunOptions& requested,
                          std::ostream& log) {
  const auto started = std::chrono::steady_clock::now();
  const std::string started_at = utc_timestamp_now();
  RunOptions options = requested;
  bool cuda_requested_but_absent = false;
  if (options.device == DeviceKind::cuda && !cuda_device_available()) {
    cuda_requested_but_absent = true;
    options.device = DeviceKind::cpu;
    log << "warning: --device cuda asked for, but no CUDA device is available; running on cpu\n";
  }
  const auto published_path = options.papers_dir / study.id() / "published.json";
  PublishedNumbers published = PublishedNumbers::load(published_path, study.id());
  // Every claim's published keys must exist, whatever the tier: a typo is bad input.
  for (const ClaimSpec& claim : study.claims()) published_entries(claim, published);

  StudyContext context(study, options, published, log);
  std::map<std::string, std::string> skip_reasons;
  for (const ClaimSpec& claim : study.claims()) {
    std::string reason = reason_to_skip(claim, options, cuda_requested_but_absent);
    if (reason.empty()) {
      context.schedule(claim.id());
    } else {
      skip_reasons[claim.id()] = reason;
    }
  }

  log << "study " << study.id() << " (" << study.title() << ")\n"
      << "  tier " << to_string(options.tier) << ", device " << to_string(options.device)
      << ", seed " << options.seed << ", data dir '" << options.data_dir.string() << "', out '"
      << options.output_dir.string() << "'\n"
      << "  " << context.decisions().size() << " of " << study.claims().size()
      << " claims scheduled at this tier\n";

  std::string failure;
  if (!context.decisions().empty()) {
    try {
      study.run(context);
    } catch (const InputError&) {
      throw;
    } catch (const std::exception& error) {
      failure = error.what();
      log << "error: study " << study.id() << " failed: " << failure << "\n";
    }
  }

  StudyRunOutcome outcome;
  nlohmann::json claims = nlohmann::json::array();
  nlohmann::json mismatched = nlohmann::json::array();
  for (const ClaimSpec& claim : study.claims()) {
    ClaimResult result;
    result.id = claim.id();
    result.text = claim.text();
    result.published = published_entries(claim, published);
    result.decided_at_tiers = claim.tiers();
    result.expected_verdict = claim.expected_verdict(options.tier);
    auto skipped = skip_reasons.find(claim.id());
    if (skipped != skip_reasons.end()) {
      result.verdict = Verdict::skipped;
      result.expected_verdict = Verdict::skipped;
      result.reason = skipped->second;
    } else {
      const auto& decision = context.decisions().at(claim.id());
      if (decision.has_value()) {
        result.verdict = decision->verdict();
        result.measured = decision->measured();
        result.rule = decision->rule();
        result.reason = decision->reason();
        if (result.verdict == Verdict::skipped) result.expected_verdict = Verdict::skipped;
      } else {
        result.verdict = Verdict::inconclusive;
        result.reason = failure.empty() ? "the study did not decide this claim"
                                        : "the study failed before deciding: " + failure;
      }
    }
    if (!result.matches_expectation()) {
      ++outcome.mismatched_claims;
      mismatched.push_back(result.id);
    }
    claims.push_back(to_json(result));
  }

  const double wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  outcome.results = {
      {"schema_version", 1},
      {"study", study.id()},
      {"title", study.title()},
      {"paper", published.paper()},
      {"tier", to_string(options.tier)},
      {"device", to_string(options.device)},
      {"seed", options.seed},
      {"started_at", started_at},
      {"wall_seconds", wall_seconds},
      {"manifest", collect_run_manifest(options, context.data_files())},
      {"claims", claims},
      {"plots", context.plots()},
      {"tables", context.tables()},
      {"timings", context.timings()},
      {"numerics", context.numerics()},
      {"outcome",
       {{"exit_code", outcome.mismatched_claims == 0 ? 0 : 1},
        {"mismatched_claims", mismatched},
        {"failure", failure}}},
  };
  write_file_atomically(context.study_output_dir() / "results.json",
                        outcome.results.dump(2) + "\n");
  log << "  wrote " << (context.study_output_dir() / "results.json").string() << " ("
      << outcome.mismatched_claims << " claim(s) differ from the expected verdict, "
      << wall_seconds << " s)\n";
  return outcome;
}

int exit_code_for(const StudyRunOutcome& outcome) {
  return outcome.mismatched_claims == 0 ? 0 : 1;
}

}  // namespace repro
