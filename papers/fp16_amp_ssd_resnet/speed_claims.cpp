#include "papers/fp16_amp_ssd_resnet/speed_claims.h"

#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include <fmt/format.h>
#include <torch/torch.h>

#include "common/gpu_record.h"
#include "common/study_context.h"
#include "papers/fp16_amp_ssd_resnet/claim_ids.h"
#include "papers/fp16_amp_ssd_resnet/gpu_peak_flops.h"
#include "papers/fp16_amp_ssd_resnet/precision_setup.h"
#include "papers/fp16_amp_ssd_resnet/speed_benchmark.h"
#include "papers/fp16_amp_ssd_resnet/speed_ratio_rule.h"

namespace repro::fp16_amp_ssd_resnet {
namespace {

using training::PrecisionMode;

struct RatioInterval {
  double median = 0, lower = 0, upper = 0;
};

// Conservative interval of a ratio of medians: each median's distribution-free interval, the
// numerator's ends over the denominator's opposite ends.
RatioInterval ratio_of(const IterationTiming& mode, const IterationTiming& baseline) {
  const auto& a = mode.timing.summary_ms;
  const auto& b = baseline.timing.summary_ms;
  return {a.median / b.median, a.median_interval.lower / b.median_interval.upper,
          a.median_interval.upper / b.median_interval.lower};
}

struct ClaimPlan {
  ClaimId id;
  BenchmarkModel model;
  PrecisionMode mode;
  std::string published_key;
};

}  // namespace

void run_speed_claims(StudyContext& context) {
  const std::vector<ClaimPlan> plans{
      {kResnet18HalfSpeedRatio, BenchmarkModel::resnet18, PrecisionMode::fp16, "resnet18_ratio_half_to_single"},
      {kResnet18AmpSpeedRatio, BenchmarkModel::resnet18, PrecisionMode::amp_fp16, "resnet18_ratio_amp_to_single"},
      {kSsd300HalfSpeedRatio, BenchmarkModel::ssd300, PrecisionMode::fp16, "ssd300_ratio_half_to_single"},
      {kSsd300AmpSpeedRatio, BenchmarkModel::ssd300, PrecisionMode::amp_fp16, "ssd300_ratio_amp_to_single"}};
  std::vector<ClaimId> ids;
  for (const auto& plan : plans) ids.push_back(plan.id);
  if (!context.should_decide_any(ids)) return;
  // Timings are measured by the deciding run on its own machine, not by a plan or shard pass
  // (whose decisions are discarded): they are not run units.
  if (context.options().unit_pass != UnitPass::run) return;
  const torch::Device device(torch::kCUDA);
  const std::string gpu = cuda_device_name();
  const std::optional<GpuPeak> peak = find_gpu_peak(gpu);
  const SpeedBenchmarkOptions options =
      SpeedBenchmarkOptions().device(device).seed(context.seed()).method(training::BenchmarkMethodOptions());
  const std::map<BenchmarkModel, double> iterations_per_epoch{
      {BenchmarkModel::resnet18, std::ceil(50000.0 / 128.0)}, {BenchmarkModel::ssd300, std::ceil(16551.0 / 8.0)}};

  std::map<std::pair<BenchmarkModel, PrecisionMode>, IterationTiming> timings;
  nlohmann::json rows = nlohmann::json::array();
  for (BenchmarkModel model : {BenchmarkModel::resnet18, BenchmarkModel::ssd300}) {
    for (PrecisionMode mode : study_precision_modes()) {
      context.log() << "  timing " << to_string(model) << " " << training::to_string(mode) << " on " << gpu << "\n";
      nlohmann::json before = gpu_state_snapshot();
      IterationTiming timing = time_training_iteration(model, mode, options);
      timing.conditions = gpu_timing_conditions(std::move(before));
      context.add_timing(to_string(model) + "_" + training::to_string(mode) + "_ms_per_iteration", "ms",
                         timing.timing.samples_ms);
      timings.emplace(std::make_pair(model, mode), std::move(timing));
    }
    for (PrecisionMode mode : study_precision_modes()) {
      const IterationTiming& timing = timings.at({model, mode});
      const auto& summary = timing.timing.summary_ms;
      const RatioInterval to_fp32 = ratio_of(timing, timings.at({model, PrecisionMode::fp32}));
      const RatioInterval to_tf32 = ratio_of(timing, timings.at({model, PrecisionMode::tf32}));
      const double achieved_tflops = timing.flops_per_iteration / (summary.median * 1e-3) / 1e12;
      const double utilisation = peak ? achieved_tflops / peak->peak_tflops(mode) : -1.0;
      rows.push_back({to_string(model), training::to_string(mode), timing.batch_size,
                      fmt::format("{:.2f} [{:.2f}, {:.2f}]", summary.median, summary.median_interval.lower,
                                  summary.median_interval.upper),
                      fmt::format("{:.1f}", summary.median * 1e-3 * iterations_per_epoch.at(model)),
                      fmt::format("{:.3f} [{:.3f}, {:.3f}]", to_fp32.median, to_fp32.lower, to_fp32.upper),
                      fmt::format("{:.3f} [{:.3f}, {:.3f}]", to_tf32.median, to_tf32.lower, to_tf32.upper),
                      fmt::format("{:.1f}", achieved_tflops),
                      peak ? fmt::format("{:.1f} %", 100.0 * utilisation) : "no peak for " + gpu});
    }
  }
  context.add_table({{"id", "speed_per_mode"},
                     {"title", "Time per training iteration on " + gpu + " (synthetic data, " +
                                   std::to_string(options.method()->timed_windows()) +
                                   " timed windows after warm-up until stable, " +
                                   timings.begin()->second.timing.clock + ", cudnn.benchmark " +
                                   (options.cudnn_benchmark() ? "on" : "off") + ")"},
                     {"columns", {"model", "mode", "batch", "ms/iteration median [95% interval]", "s/epoch",
                                  "ratio to fp32", "ratio to tf32", "achieved TFLOP/s", "model FLOPs utilisation"}},
                     {"rows", rows}});

  // Each timing's circumstances (common/gpu_record.h): clocks, temperature, throttling, flags.
  nlohmann::json condition_rows = nlohmann::json::array();
  for (const auto& [key, timing] : timings) {
    const nlohmann::json& before = timing.conditions["before"];
    const nlohmann::json& after = timing.conditions["after"];
    condition_rows.push_back({to_string(key.first), training::to_string(key.second), before["sm_clock_mhz"],
                              after["sm_clock_mhz"], before["temperature_c"], after["temperature_c"],
                              after["throttle_reasons"], after["precision_flags"]["tf32_matmul"],
                              after["precision_flags"]["cudnn_benchmark"], timing.windows.warmup_window_ms.size(),
                              timing.windows.warmup_stable});
  }
  context.add_table({{"id", "speed_conditions"},
                     {"title", "GPU state before and after each timing (nvidia-smi; null where not reported)"},
                     {"columns", {"model", "mode", "SM MHz before", "SM MHz after", "°C before", "°C after",
                                  "throttle reasons after", "TF32 matmul", "cudnn.benchmark", "warm-up windows",
                                  "warm-up settled"}},
                     {"rows", condition_rows}});

  for (const ClaimPlan& plan : plans) {
    if (!context.should_decide(plan.id)) continue;
    const double published = context.published().number(plan.published_key);
    const IterationTiming& timing = timings.at({plan.model, plan.mode});
    const RatioInterval to_fp32 = ratio_of(timing, timings.at({plan.model, PrecisionMode::fp32}));
    const RatioInterval to_tf32 = ratio_of(timing, timings.at({plan.model, PrecisionMode::tf32}));
    const auto& summary = timing.timing.summary_ms;
    context.decide(
        plan.id,
        speed_ratio_rule(fmt::format("time({}) / time(single, TF32 off) of {}", training::to_string(plan.mode),
                                     to_string(plan.model)),
                         published,
                         {to_fp32.median, {to_fp32.lower, to_fp32.upper},
                          "ratio of medians, conservative interval from the medians' distribution-free intervals"})
            .measured({{"gpu", gpu},
                       {"ratio_to_fp32", {{"median", to_fp32.median}, {"lower", to_fp32.lower}, {"upper", to_fp32.upper}}},
                       {"ratio_to_tf32", {{"median", to_tf32.median}, {"lower", to_tf32.lower}, {"upper", to_tf32.upper}}},
                       {"ms_per_iteration_median", summary.median},
                       {"seconds_per_epoch", summary.median * 1e-3 * iterations_per_epoch.at(plan.model)},
                       {"fp32_ms_per_iteration_median", timings.at({plan.model, PrecisionMode::fp32}).timing.summary_ms.median}}));
  }
}

}  // namespace repro::fp16_amp_ssd_resnet
