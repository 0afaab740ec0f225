// The one telemetry path of the quantized studies (a run records through its precision plug-in's
// telemetry, common/training/precision_plugin.h): how a run's telemetry becomes results.json's `numerics` entry,
// plots of the fractions against training progress, a worst-role table and log warnings
// (format: common/quantization/README.md, "Numerical health telemetry").
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/quantization/numerics_telemetry.h"
#include "common/quantization/training_precision.h"
#include "common/training/classifier_training.h"

namespace repro {
class StudyContext;
}

namespace repro::training {

// One run's telemetry as the study reports it.
struct RunNumerics {
  std::string run;            // e.g. "baseline seed 1"
  std::string configuration;  // the plots' and table's grouping, e.g. "baseline"
  std::uint64_t seed = 0;
  nlohmann::json policy;      // the precision policy's JSON (PrecisionPolicy::to_json) or null
  std::vector<quantization::NumericsPeriod> periods;
};

// {"run", "configuration", "seed", "policy", "periods": [period_to_json ...]}.
nlohmann::json run_numerics_json(const RunNumerics& run);

// The fractions a report shows; each is a key of period_to_json's role entries.
inline const std::vector<std::string> kNumericsMeasures = {"saturated", "underflowed",
                                                           "nonfinite", "stagnant_updates"};

struct NumericsReportOptions {
  std::string id_prefix = "numerics";  // plot ids "<prefix>_<measure>", table "<prefix>_worst_role"
  std::string x_label = "epoch";       // the periods' `epoch` (training progress)
  // A warning names role, format and epoch when a fraction exceeds its threshold (the first
  // period per run, role and measure only). nonfinite warns above 0.
  double saturated_warning = 0.01;
  double stagnant_warning = 0.5;
  // The configurations the plots and the table show (empty: all); every run still goes to
  // results.json and is checked for warnings.
  std::vector<std::string> plotted_configurations;
};

// Adds every run to context.add_numerics; one plot per measure (series "<configuration> ·
// <role>": the mean over the configuration's seeds at each period; series that stay 0 left out);
// a table of the worst role per configuration (its largest mean fraction over periods and
// measures); and log warnings (numerics_warnings). Runs without periods are only added.
void report_numerics(StudyContext& context, const std::vector<RunNumerics>& runs,
                     const NumericsReportOptions& options = {});

// The warning lines for one run, e.g. "numerics warning: baseline seed 1: weight_gradients
// (fixed:16:10) saturated 7.31% of values by epoch 3.00 (threshold 1.00%)".
std::vector<std::string> numerics_warnings(const RunNumerics& run,
                                           const NumericsReportOptions& options = {});

}  // namespace repro::training
