#include "common/training/training_numerics.h"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "common/study_context.h"

namespace repro::training {
namespace {

using quantization::kAllRoles;
using quantization::NumericsPeriod;
using quantization::Role;
using quantization::RoleCounts;

// The measure's fraction in `counts`, or -1 when the role has no such count.
double measure_of(const RoleCounts& counts, const std::string& measure) {
  if (measure == "stagnant_updates") {
    return counts.parameter_elements > 0
               ? quantization::fraction(counts.stagnant, counts.parameter_elements)
               : -1.0;
  }
  if (counts.values == 0) return -1.0;
  if (measure == "saturated") return quantization::fraction(counts.saturated, counts.values);
  if (measure == "underflowed") return quantization::fraction(counts.underflowed, counts.values);
  if (measure == "nonfinite") return quantization::fraction(counts.nonfinite, counts.values);
  throw std::invalid_argument("numerics: unknown measure " + measure);
}

const RoleCounts& counts_of(const NumericsPeriod& period, Role role) {
  return period.roles[static_cast<int>(role)];
}

// Per period index: the mean epoch and the mean measure over the runs that have it (-1: none).
struct MeanCurve {
  std::vector<double> epoch, value;
};

MeanCurve mean_curve(const std::vector<const RunNumerics*>& runs, Role role,
                     const std::string& measure) {
  std::size_t length = 0;
  for (const RunNumerics* run : runs) length = std::max(length, run->periods.size());
  MeanCurve curve;
  for (std::size_t index = 0; index < length; ++index) {
    double epoch_sum = 0.0, value_sum = 0.0;
    int count = 0;
    for (const RunNumerics* run : runs) {
      if (index >= run->periods.size()) continue;
      const double value = measure_of(counts_of(run->periods[index], role), measure);
      if (value < 0.0) continue;
      epoch_sum += run->periods[index].epoch;
      value_sum += value;
      ++count;
    }
    if (count == 0) continue;
    curve.epoch.push_back(epoch_sum / count);
    curve.value.push_back(value_sum / count);
  }
  return curve;
}

std::string role_format(const std::vector<const RunNumerics*>& runs, Role role) {
  for (const RunNumerics* run : runs) {
    for (const auto& period : run->periods) {
      if (!counts_of(period, role).format.empty()) return counts_of(period, role).format;
    }
  }
  return "";
}

double threshold_of(const std::string& measure, const NumericsReportOptions& options) {
  if (measure == "saturated") return options.saturated_warning;
  if (measure == "stagnant_updates") return options.stagnant_warning;
  if (measure == "nonfinite") return 0.0;
  return -1.0;  // underflow is reported, not warned about: most formats flush most tiny values
}

}  // namespace

nlohmann::json run_numerics_json(const RunNumerics& run) {
  nlohmann::json periods = nlohmann::json::array();
  for (const auto& period : run.periods) periods.push_back(quantization::period_to_json(period));
  return {{"run", run.run},
          {"configuration", run.configuration},
          {"seed", run.seed},
          {"policy", run.policy},
          {"periods", periods}};
}

std::vector<std::string> numerics_warnings(const RunNumerics& run,
                                           const NumericsReportOptions& options) {
  std::vector<std::string> lines;
  for (Role role : kAllRoles) {
    for (const std::string& measure : kNumericsMeasures) {
      const double threshold = threshold_of(measure, options);
      if (threshold < 0.0) continue;
      for (const auto& period : run.periods) {
        const RoleCounts& counts = counts_of(period, role);
        const double value = measure_of(counts, measure);
        if (value <= threshold) continue;
        lines.push_back(fmt::format(
            "numerics warning: {}: {} ({}) {} {:.2f}% of {} by epoch {:.2f} (threshold {:.2f}%)",
            run.run, quantization::role_name(role), counts.format, measure, 100.0 * value,
            measure == "stagnant_updates" ? "parameter elements" : "values", period.epoch,
            100.0 * threshold));
        break;
      }
    }
  }
  return lines;
}

void report_numerics(StudyContext& context, const std::vector<RunNumerics>& runs,
                     const NumericsReportOptions& options) {
  std::vector<std::string> configurations;
  std::map<std::string, std::vector<const RunNumerics*>> by_configuration;
  for (const RunNumerics& run : runs) {
    context.add_numerics(run_numerics_json(run));
    if (run.periods.empty()) continue;
    for (const std::string& line : numerics_warnings(run, options)) context.log() << line << "\n";
    const auto& plotted = options.plotted_configurations;
    if (!plotted.empty() &&
        std::find(plotted.begin(), plotted.end(), run.configuration) == plotted.end()) {
      continue;
    }
    if (!by_configuration.count(run.configuration)) configurations.push_back(run.configuration);
    by_configuration[run.configuration].push_back(&run);
  }
  if (configurations.empty()) return;

  nlohmann::json rows = nlohmann::json::array();
  struct Worst {
    double value = -1.0;
    Role role = Role::weights;
    std::string measure;
    double epoch = 0.0;
  };
  std::map<std::string, Worst> worst;
  for (const std::string& measure : kNumericsMeasures) {
    nlohmann::json series = nlohmann::json::array();
    for (const std::string& configuration : configurations) {
      const auto& group = by_configuration[configuration];
      for (Role role : kAllRoles) {
        const MeanCurve curve = mean_curve(group, role, measure);
        const auto peak = std::max_element(curve.value.begin(), curve.value.end());
        if (peak == curve.value.end() || *peak <= 0.0) continue;
        Worst& current = worst[configuration];
        if (*peak > current.value) {
          current = {*peak, role, measure,
                     curve.epoch[static_cast<std::size_t>(peak - curve.value.begin())]};
        }
        std::vector<double> percent;
        for (double value : curve.value) percent.push_back(100.0 * value);
        series.push_back({{"name", configuration + " · " + quantization::role_name(role)},
                          {"x", curve.epoch},
                          {"y", percent}});
      }
    }
    if (series.empty()) continue;
    context.add_plot({{"id", options.id_prefix + "_" + measure},
                      {"title", "Numerical health: " + measure +
                                    " per role (mean over seeds; % of " +
                                    (measure == "stagnant_updates" ? "stored parameter elements"
                                                                   : "quantized values") +
                                    " in each period)"},
                      {"x_label", options.x_label},
                      {"y_label", measure + " (%)"},
                      {"kind", "line"},
                      {"series", series},
                      {"caption", "Source: not in the paper; this suite's numerical-health telemetry "
                                  "(kernel counters sampled every 32nd iteration). Lines: mean over "
                                  "seeds; no error bars."}});
  }
  for (const std::string& configuration : configurations) {
    const auto found = worst.find(configuration);
    if (found == worst.end()) {
      rows.push_back({configuration, "none", "", "", 0.0, nullptr});
      continue;
    }
    const Worst& entry = found->second;
    rows.push_back({configuration, quantization::role_name(entry.role),
                    role_format(by_configuration[configuration], entry.role), entry.measure,
                    100.0 * entry.value, entry.epoch});
  }
  context.add_table({{"id", options.id_prefix + "_worst_role"},
                     {"title", "Worst role per configuration: its largest fraction (mean over "
                               "seeds) of any measure in any period"},
                     {"columns", {"configuration", "role", "format", "measure", "peak %",
                                  options.x_label}},
                     {"rows", rows}});
}

}  // namespace repro::training
