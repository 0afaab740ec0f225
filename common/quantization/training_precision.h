// The precision state of one training run, shared by its quantized layers and optimizer: the
// schedule, the current iteration and policy, and the stochastic-rounding streams.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>

#include "common/quantization/numerics_telemetry.h"
#include "common/quantization/precision_policy.h"
#include "common/quantization/precision_schedule.h"
#include "common/quantization/quantize_function.h"
#include "common/quantization/stochastic_stream.h"

namespace repro::quantization {

// Usage: one shared TrainingPrecision per run; call set_iteration(t) at the start of iteration t
// (before the forward pass). Layers ask it for the current spec of each role and for keys.
class TrainingPrecision {
 public:
  // Schedule-driven; starts at iteration 0. REQUIRES: schedule != nullptr.
  TrainingPrecision(std::shared_ptr<const PrecisionSchedule> schedule, std::uint64_t seed = 0);
  // A static policy.
  explicit TrainingPrecision(PrecisionPolicy policy, std::uint64_t seed = 0);

  // Starts iteration `iteration`: the policy becomes schedule.policy_at(iteration) and the
  // stochastic streams move on. REQUIRES: iteration >= 0.
  void set_iteration(std::int64_t iteration);
  std::int64_t iteration() const { return iteration_; }

  const PrecisionPolicy& policy() const { return policy_; }
  const PrecisionSchedule& schedule() const { return *schedule_; }
  const std::optional<QuantizationSpec>& spec(Role role) const { return policy_.spec(role); }

  // A fresh index for a layer (0, 1, 2, ... in construction order): layers are keyed by it.
  std::int64_t register_layer();

  // The key for the next call quantizing `role` in `layer` this iteration.
  StochasticKey next_key(Role role, std::int64_t layer) { return streams_.next(role, layer); }

  // Directions for QuantizeFunction: forward with `forward_role`'s spec, backward with
  // `backward_role`'s spec (none when backward_role is empty), keys drawn now, counted into
  // telemetry() when it is set.
  QuantizeDirections directions(Role forward_role, std::optional<Role> backward_role,
                                std::int64_t layer);

  // Numerical-health telemetry: off (null) until enable_telemetry(); then every quantization
  // this run's layers, optimizer wrapper and parameter stores make is counted into it.
  const std::shared_ptr<NumericsTelemetry>& telemetry() const { return telemetry_; }
  // Starts counting (a fresh NumericsTelemetry sampling every `sample_every`-th iteration, if
  // none yet); returns it.
  std::shared_ptr<NumericsTelemetry> enable_telemetry(
      std::int64_t sample_every = NumericsTelemetry::kDefaultSampleEvery);

 private:
  std::shared_ptr<const PrecisionSchedule> schedule_;
  std::int64_t iteration_ = 0;
  PrecisionPolicy policy_;
  StochasticStream streams_;
  std::mutex layer_mutex_;
  std::int64_t layer_count_ = 0;
  std::shared_ptr<NumericsTelemetry> telemetry_;
};

}  // namespace repro::quantization
