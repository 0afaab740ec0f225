// Numerical-health telemetry of a quantized training run: per role, how many values the formats
// saturated, flushed to zero or left non-finite, and how many stored-parameter updates were lost,
// accumulated over a period (an epoch, or the iterations up to an evaluation) and closed into a
// list of periods.
#pragma once

#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "common/quantization/quantization_spec.h"
#include "common/quantization/role.h"
#include "kernels/quantize.h"

namespace repro::quantization {

// Counts of one role over a period.
//   values            elements quantized (every call, every element)
//   saturated         results clamped at the format's range (kernel counter `saturated`)
//   underflowed       nonzero finite inputs rounded to zero (kernel counter `flushed_to_zero`)
//   nonfinite         NaN results (kernel `not_a_number`; NaN inputs stay NaN) plus results the
//                     format overflowed without saturating (Inf for floating formats, wrapped
//                     values for fixed:...:wrap): kernel `overflowed` - `saturated`, at least 0
//   parameter_elements  elements of the stored parameters of this role, summed over the updates
//   stagnant          of those, elements whose optimizer update was nonzero in float but whose
//                     stored (quantized) value did not change
struct RoleCounts {
  std::int64_t values = 0, saturated = 0, underflowed = 0, nonfinite = 0;
  std::int64_t parameter_elements = 0, stagnant = 0;
  std::string format;  // the spec of the last call (a schedule may change it); "" if none

  bool empty() const { return values == 0 && parameter_elements == 0; }
};

// One closed period: the counts of every role between two close_period calls.
struct NumericsPeriod {
  std::int64_t iteration = 0;  // iterations completed when it was closed
  double epoch = 0.0;          // epochs completed (fractional: iteration / batches per epoch)
  std::array<RoleCounts, kRoleCount> roles;  // indexed by static_cast<int>(Role)
};

// Thread-safe; one per training run (the layers of the run, its optimizer wrapper and the harness
// share it through TrainingPrecision::telemetry()). Sampled: only iterations t with
// t % sample_every == 0 are counted (the kernels' counting loop does not vectorize and costs
// about as much as the step's quantization itself; every 32nd step keeps the overhead within 5%,
// common/quantization/README.md). The fractions of a period are over its sampled iterations.
class NumericsTelemetry {
 public:
  static constexpr std::int64_t kDefaultSampleEvery = 32;
  // REQUIRES: sample_every >= 1 (else repro::InputError).
  explicit NumericsTelemetry(std::int64_t sample_every = kDefaultSampleEvery);

  std::int64_t sample_every() const { return sample_every_; }
  // Starts iteration t (TrainingPrecision::set_iteration calls it): recording() becomes
  // t % sample_every == 0 (and not paused).
  void set_iteration(std::int64_t iteration);
  // True when calls now are counted: a sampled iteration and not paused. Callers skip the
  // kernels' counters (and the stagnant-update snapshot) otherwise.
  bool recording() const;

  // Adds one quantization call of `values` elements with `counters` (those of that call only),
  // quantized to `spec` (its text form labels the role's format in the period). Ignored while paused.
  void record(Role role, std::int64_t values, const kernels::QuantizeCounters& counters,
              const QuantizationSpec& spec);
  // Adds one update of a stored parameter of `elements` elements, `stagnant` of which did not
  // change although the optimizer moved them. Ignored unless recording().
  void record_update(Role role, std::int64_t elements, std::int64_t stagnant);

  // While paused (e.g. during evaluation), nothing is recorded.
  void set_paused(bool paused);
  bool paused() const;

  // Closes the current period (if anything was recorded in it) at `iteration` / `epoch`.
  void close_period(std::int64_t iteration, double epoch);
  const std::vector<NumericsPeriod>& periods() const { return periods_; }

 private:
  mutable std::mutex mutex_;
  const std::int64_t sample_every_;
  bool paused_ = false;
  bool sampled_ = true;
  std::array<RoleCounts, kRoleCount> open_;
  std::vector<NumericsPeriod> periods_;
};

// A fraction in [0, 1]: part / whole, 0 when whole == 0.
double fraction(std::int64_t part, std::int64_t whole);

// The JSON of one period:
//   {"iteration": 1875, "epoch": 1.0, "roles": {"weights": {"format": "fixed:24:12",
//    "values": 123, "saturated": 0.0, "underflowed": 0.01, "nonfinite": 0.0,
//    "parameter_elements": 456, "stagnant_updates": 0.2}, ...}}
// Fractions of `values` (saturated, underflowed, nonfinite) and of `parameter_elements`
// (stagnant_updates, present only for roles with parameter updates); roles with no counts left out.
nlohmann::json period_to_json(const NumericsPeriod& period);

// Lossless JSON of a period (raw counts of every role, in Role order), for run units
// (common/run_units.h): period_counts_from_json(period_counts_to_json(p)) equals p. The reader
// throws repro::InputError for a malformed value.
nlohmann::json period_counts_to_json(const NumericsPeriod& period);
NumericsPeriod period_counts_from_json(const nlohmann::json& value);
// The same for a run's periods, as a JSON array in order.
nlohmann::json period_counts_to_json(const std::vector<NumericsPeriod>& periods);
std::vector<NumericsPeriod> period_counts_from_json_array(const nlohmann::json& array);

}  // namespace repro::quantization
