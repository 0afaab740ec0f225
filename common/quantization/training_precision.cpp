#include "common/quantization/training_precision.h"

#include <stdexcept>

namespace repro::quantization {

TrainingPrecision::TrainingPrecision(std::shared_ptr<const PrecisionSchedule> schedule,
                                     std::uint64_t seed)
    : schedule_(std::move(schedule)), streams_(seed) {
  if (!schedule_) throw std::invalid_argument("TrainingPrecision: null schedule");
  policy_ = schedule_->policy_at(0);
}

TrainingPrecision::TrainingPrecision(PrecisionPolicy policy, std::uint64_t seed)
    : TrainingPrecision(std::make_shared<StaticSchedule>(std::move(policy)), seed) {}

void TrainingPrecision::set_iteration(std::int64_t iteration) {
  if (iteration != iteration_) policy_ = schedule_->policy_at(iteration);
  iteration_ = iteration;
  streams_.set_iteration(iteration);
  if (telemetry_) telemetry_->set_iteration(iteration);
}

std::int64_t TrainingPrecision::register_layer() {
  std::lock_guard<std::mutex> lock(layer_mutex_);
  return layer_count_++;
}

QuantizeDirections TrainingPrecision::directions(Role forward_role,
                                                 std::optional<Role> backward_role,
                                                 std::int64_t layer) {
  QuantizeDirections directions;
  if (telemetry_ && telemetry_->recording()) directions.telemetry = telemetry_;
  directions.forward_role = forward_role;
  if (backward_role) directions.backward_role = *backward_role;
  directions.forward = spec(forward_role);
  if (directions.forward && directions.forward->is_stochastic()) {
    directions.forward_key = next_key(forward_role, layer);
  }
  if (backward_role) {
    directions.backward = spec(*backward_role);
    if (directions.backward && directions.backward->is_stochastic()) {
      directions.backward_key = next_key(*backward_role, layer);
    }
  }
  return directions;
}

std::shared_ptr<NumericsTelemetry> TrainingPrecision::enable_telemetry(std::int64_t sample_every) {
  if (!telemetry_) {
    telemetry_ = std::make_shared<NumericsTelemetry>(sample_every);
    telemetry_->set_iteration(iteration_);
  }
  return telemetry_;
}

}  // namespace repro::quantization
