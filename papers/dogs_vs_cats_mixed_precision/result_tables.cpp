// Tables 2-5 of the thesis beside our measurements.
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/study_context.h"
#include "papers/dogs_vs_cats_mixed_precision/tiers.h"

namespace repro::dogs_vs_cats {
namespace {

std::string key(const std::string& prefix, const std::string& model, const std::string& suffix) {
  return prefix + "_" + model + "_" + suffix;
}

}  // namespace

training::PrecisionMode mixed_mode_for(const StudyContext& context) {
  return context.device() == DeviceKind::cuda ? training::PrecisionMode::amp_fp16
                                              : training::PrecisionMode::amp_bf16;
}

torch::Device torch_device(const StudyContext& context) {
  return context.device() == DeviceKind::cuda ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
}

void add_accuracy_table(StudyContext& context, const std::vector<PairResult>& pairs,
                        const std::string& scope) {
  const auto& published = context.published();
  nlohmann::json rows = nlohmann::json::array();
  nlohmann::json curves = nlohmann::json::array();
  for (const PairResult& pair : pairs) {
    const std::string model = pair.network.architecture();
    const stats::McNemarResult ours = author_mcnemar(pair.table);
    rows.push_back({model,
                    published.number(key("table2", model, "accuracy_single")),
                    published.number(key("table2", model, "accuracy_mixed")),
                    published.number(key("table3", model, "mcnemar_statistic")),
                    published.number(key("table3", model, "mcnemar_p")),
                    published.value(key("released_logs", model, "contingency")),
                    pair.network.describe(),
                    100.0 * pair.single.best.accuracy,
                    100.0 * pair.mixed.best.accuracy,
                    pair.mixed.precision,
                    fmt::format("{} / {}", pair.single.best_epoch, pair.mixed.best_epoch),
                    {pair.table.both_right, pair.table.only_single_right, pair.table.only_mixed_right,
                     pair.table.both_wrong},
                    stats::to_string(ours.method),
                    ours.statistic,
                    ours.p_value});
    for (const PrecisionRun* run : {&pair.single, &pair.mixed}) {
      nlohmann::json x = nlohmann::json::array(), y = nlohmann::json::array();
      for (std::size_t epoch = 0; epoch < run->epoch_accuracy.size(); ++epoch) {
        x.push_back(epoch + 1);
        y.push_back(100.0 * run->epoch_accuracy[epoch]);
      }
      curves.push_back({{"name", model + " " + run->precision}, {"x", x}, {"y", y}});
    }
  }
  context.add_table({{"id", "tables_2_3_beside_ours"},
                     {"title", "Tables 2 and 3 (validation accuracy, McNemar) beside ours: " + scope},
                     {"columns", {"model", "Table 2 single %", "Table 2 mixed %", "Table 3 statistic",
                                  "Table 3 p", "released logs [both, only single, only mixed, neither]",
                                  "our network", "our single %", "our mixed %", "our mixed precision",
                                  "best epoch single / mixed",
                                  "our [both, only single, only mixed, neither]", "our McNemar method",
                                  "our statistic", "our p"}},
                     {"rows", rows}});
  // Table 2's validation accuracies, drawn at our last epoch of each model.
  for (const PairResult& pair : pairs) {
    const std::string model = pair.network.architecture();
    for (const char* precision : {"single", "mixed"}) {
      curves.push_back({{"name", fmt::format("Table 2: {} {}", model, precision)},
                        {"x", {pair.single.epoch_accuracy.size()}},
                        {"y", {published.number(key("table2", model, std::string("accuracy_") + precision))}},
                        {"published", true}});
    }
  }
  context.add_plot({{"id", "validation_accuracy_per_epoch"},
                    {"title", "Validation accuracy after each epoch: " + scope},
                    {"x_label", "epoch"},
                    {"y_label", "validation accuracy (%)"},
                    {"kind", "line"},
                    {"series", curves},
                    {"caption", "Source: Table 2 (validation accuracy, single and mixed precision; open black "
                                "markers, drawn at our last epoch). Ours: one run per precision; no error bars."}});
}

void add_speed_table(StudyContext& context, const std::vector<SpeedResult>& speeds,
                     const std::string& scope) {
  const auto& published = context.published();
  nlohmann::json rows = nlohmann::json::array();
  nlohmann::json ours_training = {{"name", "ours, training"}, {"x", nlohmann::json::array()},
                                  {"y", nlohmann::json::array()}, {"y_lower", nlohmann::json::array()},
                                  {"y_upper", nlohmann::json::array()}};
  nlohmann::json ours_inference = ours_training;
  ours_inference["name"] = "ours, inference";
  nlohmann::json published_training = {{"name", "Table 4, training"}, {"x", nlohmann::json::array()},
                                       {"y", nlohmann::json::array()}, {"published", true}};
  nlohmann::json published_inference = published_training;
  published_inference["name"] = "Table 5, inference";
  for (std::size_t index = 0; index < speeds.size(); ++index) {
    const SpeedResult& speed = speeds[index];
    const std::string model = speed.network.architecture();
    const double train_single = published.number(key("table4", model, "training_ms_per_step_single"));
    const double train_mixed = published.number(key("table4", model, "training_ms_per_step_mixed"));
    const double infer_single = published.number(key("table5", model, "inference_ms_per_step_single"));
    const double infer_mixed = published.number(key("table5", model, "inference_ms_per_step_mixed"));
    const TimeRatio training_ratio = time_ratio(speed.training_mixed.summary_ms, speed.training_single.summary_ms);
    const TimeRatio inference_ratio = time_ratio(speed.inference_mixed.summary_ms, speed.inference_single.summary_ms);
    rows.push_back({model, speed.network.describe(), speed.mixed_precision,
                    train_single, train_mixed, train_mixed / train_single,
                    speed.training_single.summary_ms.median, speed.training_mixed.summary_ms.median,
                    fmt::format("{:.3f} [{:.3f}, {:.3f}]", training_ratio.ratio, training_ratio.interval.lower,
                                training_ratio.interval.upper),
                    infer_single, infer_mixed, infer_mixed / infer_single,
                    speed.inference_single.summary_ms.median, speed.inference_mixed.summary_ms.median,
                    fmt::format("{:.3f} [{:.3f}, {:.3f}]", inference_ratio.ratio,
                                inference_ratio.interval.lower, inference_ratio.interval.upper),
                    speed.training_mixed.clock});
    const auto x = static_cast<double>(index);
    for (auto* series : {&ours_training, &ours_inference, &published_training, &published_inference}) {
      (*series)["x"].push_back(x);
    }
    ours_training["y"].push_back(training_ratio.ratio);
    ours_training["y_lower"].push_back(training_ratio.interval.lower);
    ours_training["y_upper"].push_back(training_ratio.interval.upper);
    ours_inference["y"].push_back(inference_ratio.ratio);
    ours_inference["y_lower"].push_back(inference_ratio.interval.lower);
    ours_inference["y_upper"].push_back(inference_ratio.interval.upper);
    published_training["y"].push_back(train_mixed / train_single);
    published_inference["y"].push_back(infer_mixed / infer_single);
    context.add_timing(model + "_training_step_fp32", "ms", speed.training_single.samples_ms);
    context.add_timing(model + "_training_step_" + speed.mixed_precision, "ms", speed.training_mixed.samples_ms);
    context.add_timing(model + "_inference_step_fp32", "ms", speed.inference_single.samples_ms);
    context.add_timing(model + "_inference_step_" + speed.mixed_precision, "ms", speed.inference_mixed.samples_ms);
  }
  context.add_table({{"id", "tables_4_5_beside_ours"},
                     {"title", "Tables 4 and 5 (ms per step, single and mixed) beside ours (median, "
                               "ratio with 95% interval): " + scope},
                     {"columns", {"model", "our network", "our mixed precision",
                                  "Table 4 single", "Table 4 mixed", "Table 4 ratio",
                                  "our training single", "our training mixed", "our training ratio [95%]",
                                  "Table 5 single", "Table 5 mixed", "Table 5 ratio",
                                  "our inference single", "our inference mixed", "our inference ratio [95%]",
                                  "clock"}},
                     {"rows", rows}});
  nlohmann::json models = nlohmann::json::array();
  for (const SpeedResult& speed : speeds) models.push_back(speed.network.architecture());
  context.add_plot({{"id", "speed_ratios_beside_ours"},
                    {"title", "Mixed/single time per step, published and ours: " + scope},
                    {"x_label", "model"},
                    {"x_tick_labels", models},
                    {"y_label", "mixed / single time per step"},
                    {"kind", "points"},
                    {"series", {published_training, ours_training, published_inference, ours_inference}},
                    {"caption", "Source: Tables 4 and 5 (ms per step; the ratios they imply, open black "
                                "markers). Ours: median ratio; error bars are its 95% interval."}});
}

}  // namespace repro::dogs_vs_cats
