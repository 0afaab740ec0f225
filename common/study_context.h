// What a running study sees: its options, its published numbers, and where its decisions,
// plots, tables and timings go.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/claim.h"
#include "common/published_numbers.h"
#include "common/run_options.h"
#include "common/run_units.h"
#include "common/study_definition.h"

namespace repro {

class StudyContext {
 public:
  // `unit_progress`: where the run units' progress lines go (default: `log`).
  StudyContext(const StudyDefinition& study, RunOptions options, PublishedNumbers published,
               std::ostream& log, std::ostream* unit_progress = nullptr);

  const StudyDefinition& study() const { return study_; }
  const RunOptions& options() const { return options_; }
  Tier tier() const { return options_.tier; }
  // The device the run actually uses (cpu when cuda was asked for but is not available).
  DeviceKind device() const { return options_.device; }
  std::uint64_t seed() const { return options_.seed; }
  const std::filesystem::path& data_dir() const { return options_.data_dir; }
  // <out>/<study>/: a study may write its own files (checkpoints, logs) here.
  std::filesystem::path study_output_dir() const;
  // The study's run units, <out>/<study>/units (finished ones reused unless the run is --fresh),
  // in the run's unit pass. Every call returns a handle to the same store.
  const UnitStore& units() const { return units_; }
  const PublishedNumbers& published() const { return published_; }
  std::ostream& log() { return log_; }

  // True when the runner scheduled this claim at this tier (not skipped) and it is undecided.
  bool should_decide(ClaimId claim) const;
  // True when should_decide holds for any of `claims`: whether an experiment deciding these
  // claims has anything to do.
  bool should_decide_any(const std::vector<ClaimId>& claims) const;
  // Records the decision. Throws std::logic_error for an undeclared, skipped or decided claim.
  // In a partial run (RunOptions::units_of) a decision made after the run stood in for an
  // unfinished unit is recorded as skipped instead, with what is missing (unfinished_units_reason):
  // a study obtains the units a claim rests on before deciding it, so this never decides on
  // stand-ins (it may skip a claim that did not need them, when a study decides it late).
  void decide(ClaimId claim, Decision decision);
  // Skips a scheduled claim with a reason found while running (e.g. a weights file is absent).
  void skip(ClaimId claim, const std::string& reason);

  // Mechanics checks: true when scheduled at this tier and not yet recorded.
  bool should_check(CheckId check) const;
  // Records a check's outcome. Throws std::logic_error for an undeclared, unscheduled or
  // recorded check. In a partial run, skipped as decide() says.
  void record_check(CheckId check, CheckOutcome outcome);

  // A plot {id, title, x_label, y_label, kind, series: [...]} or a table {id, title, columns, rows}
  // in results.json's form (common/study_results.h). Throws std::logic_error naming it when it is
  // malformed (a study's error, caught where it is made rather than by a later report).
  // In a partial run, plots, tables, timings and numerics added after a stand-in are left out (logged):
  // they would show stand-in numbers.
  void add_plot(const nlohmann::json& plot);
  void add_table(const nlohmann::json& table);
  void add_timing(const std::string& id, const std::string& unit, std::vector<double> samples);
  // One run's numerical-health telemetry (see common/quantization/README.md, "numerics").
  void add_numerics(nlohmann::json run_numerics);
  // A data file the run read; its SHA-256 goes into the manifest.
  void record_data_file(const std::filesystem::path& path);

  // Used by the runner.
  void schedule(const std::string& claim_id) { scheduled_.insert({claim_id, std::nullopt}); }
  void schedule_check(const std::string& check_id) { scheduled_checks_.insert({check_id, std::nullopt}); }
  const std::map<std::string, std::optional<Decision>>& decisions() const { return scheduled_; }
  const std::map<std::string, std::optional<CheckOutcome>>& check_outcomes() const { return scheduled_checks_; }
  const std::vector<PlotSpec>& plots() const { return plots_; }
  const std::vector<ResultTable>& tables() const { return tables_; }
  const std::vector<TimingSamples>& timings() const { return timings_; }
  const nlohmann::json& numerics() const { return numerics_; }
  const std::vector<std::filesystem::path>& data_files() const { return data_files_; }
  // Claims and checks a partial run skipped for unfinished units: id -> reason.
  const std::map<std::string, std::string>& skipped_for_unfinished_units() const { return unfinished_skips_; }

 private:
  const StudyDefinition& study_;
  RunOptions options_;
  PublishedNumbers published_;
  std::ostream& log_;
  UnitStore units_;
  std::map<std::string, std::optional<Decision>> scheduled_;
  std::map<std::string, std::optional<CheckOutcome>> scheduled_checks_;
  std::vector<PlotSpec> plots_;
  std::vector<ResultTable> tables_;
  std::vector<TimingSamples> timings_;
  nlohmann::json numerics_ = nlohmann::json::array();
  std::vector<std::filesystem::path> data_files_;
  std::map<std::string, std::string> unfinished_skips_;

  // Why a decision or check made now cannot stand: a partial run has stood in for unfinished units.
  // "" when it can.
  std::string unfinished_units_reason() const;
  // True (and logged) when a partial run leaves out `what`, added after a stand-in.
  bool left_out_of_partial_run(const std::string& what);
};

}  // namespace repro
