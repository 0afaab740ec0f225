// Runs many (configuration, seed) trainings, concurrently on CPU, and collects their results by
// configuration.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include <torch/types.h>

#include "common/run_units.h"
#include "common/training/training_numerics.h"
#include "papers/fixed_point_fashion_mnist/fashion_data.h"
#include "papers/fixed_point_fashion_mnist/training_run.h"

namespace repro::fixed_point_fashion_mnist {

struct RunJob {
  Configuration configuration;
  std::uint64_t seed = 1;
};

// Results grouped by configuration name, each group ordered by seed.
class ResultSet {
 public:
  void add(RunResult result);
  bool has(const std::string& configuration) const { return runs_.count(configuration) > 0; }
  // REQUIRES: has(configuration) (else std::out_of_range).
  const std::vector<RunResult>& runs(const std::string& configuration) const;
  // Final test accuracies in percent, in seed order.
  std::vector<double> accuracies_percent(const std::string& configuration) const;
  // Test accuracy (percent) after epoch e, in seed order.
  std::vector<double> epoch_accuracies_percent(const std::string& configuration,
                                               std::size_t epoch) const;
  // Correct and total test images summed over seeds.
  std::int64_t pooled_correct(const std::string& configuration) const;
  std::int64_t pooled_total(const std::string& configuration) const;

 private:
  std::map<std::string, std::vector<RunResult>> runs_;
};

// The numerics of every quantized run of `configurations` (in that order, seeds ascending), for
// training::report_numerics; FP32 runs (no telemetry) are left out.
std::vector<training::RunNumerics> run_numerics(const ResultSet& results,
                                                const std::vector<std::string>& configurations);

// The study's numerics report: plots and table of the headline configurations and their
// variants (the sweeps' runs are in results.json only: one line per configuration and role would
// be hundreds).
training::NumericsReportOptions numerics_report_options(const StudyConfigurations& configurations);

// Trains every job. On CPU with worker_threads > 1, that many jobs train at once, each with one
// intra-op thread (small batches parallelize poorly inside an operation); otherwise one at a time.
// Logs one line per finished run, with done/total. With `units`, each job is a run unit
// (run_unit.h) of `tier`: a finished one is reused instead of trained, and each trained one is
// written there as soon as it finishes, so a killed run resumes where it stopped.
ResultSet run_jobs(const std::vector<RunJob>& jobs, const FashionData& data,
                   const torch::Device& device, int worker_threads, std::ostream& log,
                   const UnitStore* units = nullptr, Tier tier = Tier::smoke);

}  // namespace repro::fixed_point_fashion_mnist
