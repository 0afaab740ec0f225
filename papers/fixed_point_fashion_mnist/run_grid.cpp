#include "papers/fixed_point_fashion_mnist/run_grid.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <thread>

#include <ATen/Parallel.h>
#include <fmt/format.h>

#include "papers/fixed_point_fashion_mnist/run_unit.h"

namespace repro::fixed_point_fashion_mnist {

void ResultSet::add(RunResult result) {
  auto& group = runs_[result.configuration];
  group.push_back(std::move(result));
  std::sort(group.begin(), group.end(),
            [](const RunResult& a, const RunResult& b) { return a.seed < b.seed; });
}

const std::vector<RunResult>& ResultSet::runs(const std::string& configuration) const {
  const auto found = runs_.find(configuration);
  if (found == runs_.end()) throw std::out_of_range("no runs of configuration " + configuration);
  return found->second;
}

std::vector<double> ResultSet::accuracies_percent(const std::string& configuration) const {
  std::vector<double> values;
  for (const auto& run : runs(configuration)) values.push_back(100.0 * run.accuracy());
  return values;
}

std::vector<double> ResultSet::epoch_accuracies_percent(const std::string& configuration,
                                                        std::size_t epoch) const {
  std::vector<double> values;
  for (const auto& run : runs(configuration)) {
    if (epoch < run.epoch_test_accuracy.size()) values.push_back(100.0 * run.epoch_test_accuracy[epoch]);
  }
  return values;
}

std::int64_t ResultSet::pooled_correct(const std::string& configuration) const {
  std::int64_t sum = 0;
  for (const auto& run : runs(configuration)) sum += run.test_correct;
  return sum;
}

std::int64_t ResultSet::pooled_total(const std::string& configuration) const {
  std::int64_t sum = 0;
  for (const auto& run : runs(configuration)) sum += run.test_total;
  return sum;
}

std::vector<training::RunNumerics> run_numerics(const ResultSet& results,
                                                const std::vector<std::string>& configurations) {
  std::vector<training::RunNumerics> numerics;
  for (const std::string& configuration : configurations) {
    if (!results.has(configuration)) continue;
    for (const RunResult& run : results.runs(configuration)) {
      if (run.numerics.empty()) continue;
      numerics.push_back({fmt::format("{} seed {}", run.configuration, run.seed), run.configuration,
                          run.seed, run.policy, run.numerics});
    }
  }
  return numerics;
}

training::NumericsReportOptions numerics_report_options(const StudyConfigurations& configurations) {
  training::NumericsReportOptions options;
  for (const auto* group : {&configurations.headline, &configurations.variants}) {
    for (const Configuration& configuration : *group) {
      options.plotted_configurations.push_back(configuration.name);
    }
  }
  return options;
}

ResultSet run_jobs(const std::vector<RunJob>& jobs, const FashionData& data,
                   const torch::Device& device, int worker_threads, std::ostream& log,
                   const UnitStore* units, Tier tier) {
  const int workers =
      device.is_cpu() ? std::max(1, std::min<int>(worker_threads, static_cast<int>(jobs.size()))) : 1;
  ResultSet results;
  std::mutex mutex;
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::size_t done = 0;
  const auto work = [&]() {
    if (workers > 1) at::set_num_threads(1);
    for (std::size_t index = next++; index < jobs.size(); index = next++) {
      try {
        const RunJob& job = jobs[index];
        const UnitKey key = run_unit_key(tier, job.configuration, data, job.seed, device.str());
        bool trained = false;
        const auto train = [&] {
          trained = true;
          return train_configuration(job.configuration, data, job.seed, device);
        };
        const auto stand_in = [&] { return stand_in_run_result(key, job.configuration, data, job.seed); };
        RunResult result = units ? obtain_unit(*units, key, estimated_run_seconds(job.configuration, data), train,
                                               stand_in, run_result_to_json, run_result_from_json)
                                 : train();
        const bool finished = !trained;
        std::lock_guard<std::mutex> lock(mutex);
        ++done;
        log << fmt::format("  [{}/{}] {:<28} seed {:>2}: {:6.2f} % ({} / {}){} {}\n", done, jobs.size(),
                           result.configuration, result.seed, 100.0 * result.accuracy(),
                           result.test_correct, result.test_total,
                           result.diverged ? " DIVERGED: " + result.divergence_reason : "",
                           finished ? std::string("(finished unit reused)")
                                    : fmt::format("in {:.1f} s", result.duration_ms / 1000.0))
            << std::flush;
        results.add(std::move(result));
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!failure) failure = std::current_exception();
        next = jobs.size();
      }
    }
  };
  if (workers == 1) {
    work();
  } else {
    std::vector<std::thread> threads;
    for (int i = 0; i < workers; ++i) threads.emplace_back(work);
    for (auto& thread : threads) thread.join();
  }
  if (failure) std::rethrow_exception(failure);
  return results;
}

}  // namespace repro::fixed_point_fashion_mnist
