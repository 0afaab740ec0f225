#include "papers/fixed_point_fashion_mnist/study_experiment.h"

#include <algorithm>
#include <chrono>
#include <optional>

#include <fmt/format.h>
#include <torch/types.h>

#include "common/study_context.h"
#include "data/dataset_registry.h"
#include "papers/fixed_point_fashion_mnist/configuration.h"
#include "papers/fixed_point_fashion_mnist/experiment_plan.h"
#include "papers/fixed_point_fashion_mnist/headline_claims.h"
#include "papers/fixed_point_fashion_mnist/run_grid.h"
#include "papers/fixed_point_fashion_mnist/sweep_claims.h"

namespace repro::fixed_point_fashion_mnist {
namespace {

bool any_training_claim_scheduled(const StudyContext& context) {
  return context.should_decide_any(headline_claim_ids()) || context.should_decide_any(sweep_claim_ids());
}

std::optional<FashionData> study_data(StudyContext& context, const ExperimentPlan& plan) {
  if (!context.data_dir().empty() && data::dataset_available("fashion-mnist", context.data_dir())) {
    const auto location = data::locate_dataset("fashion-mnist", context.data_dir());
    FashionData data = load_fashion_mnist(location.directory, plan.train_images, plan.test_images);
    for (const auto& file : data.files) context.record_data_file(file);
    return data;
  }
  if (context.tier() != Tier::smoke) return std::nullopt;
  return synthetic_fashion_data(plan.train_images, plan.test_images, 2022);
}

}  // namespace

void run_experiment(StudyContext& context) {
  if (context.tier() != Tier::smoke && !any_training_claim_scheduled(context)) return;
  const ExperimentPlan plan = experiment_plan(context.tier());
  const std::optional<FashionData> data = study_data(context, plan);
  if (!data) return;

  const auto& published = context.published();
  const StudyConfigurations configurations = study_configurations(
      plan, role_formats_from_json(published.value("baseline_formats"), "published baseline_formats"),
      role_formats_from_json(published.value("optimized_formats"), "published optimized_formats"),
      static_cast<std::int64_t>(published.number("batch_size")), published.number("learning_rate"));
  std::vector<RunJob> jobs;
  std::vector<std::string> names;
  for (const auto& configuration : configurations.all()) {
    names.push_back(configuration.name);
    // Seeds base + 1 .. base + seeds: base seeds 0 and 1000 give disjoint seed sets.
    for (int seed = 1; seed <= plan.seeds; ++seed) {
      jobs.push_back({configuration, context.seed() + static_cast<std::uint64_t>(seed)});
    }
  }
  const torch::Device device =
      context.device() == DeviceKind::cuda ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
  context.log() << fmt::format(
      "fixed_point_fashion_mnist: {} runs ({} configurations x {} seeds) on {}: {} training and {} "
      "test images, {} epochs\n",
      jobs.size(), names.size(), plan.seeds, data->source, data->train_images.size(0),
      data->test_images.size(0), plan.epochs);
  const auto start = std::chrono::steady_clock::now();
  // Each (configuration, seed) is a run unit under <out>/<study>/units: resumed after a kill.
  const UnitStore units = context.units();
  const ResultSet results = run_jobs(jobs, *data, device, plan.worker_threads, context.log(), &units, context.tier());
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  context.add_timing("training_wall_time", "s", {seconds});
  std::vector<double> run_seconds;
  for (const auto& name : names) {
    for (const auto& run : results.runs(name)) run_seconds.push_back(run.duration_ms / 1000.0);
  }
  context.add_timing("seconds_per_training_run", "s", run_seconds);

  training::report_numerics(context, run_numerics(results, names),
                            numerics_report_options(configurations));
  decide_headline_claims(context, training_budget(plan), results, names);
  decide_sweep_claims(context, results, configurations);
}

}  // namespace repro::fixed_point_fashion_mnist
