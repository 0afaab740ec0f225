#include "common/quantization/numerics_telemetry.h"

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "base/errors.h"

namespace repro::quantization {

NumericsTelemetry::NumericsTelemetry(std::int64_t sample_every) : sample_every_(sample_every) {
  if (sample_every < 1) {
    throw InputError("numerics telemetry: sample_every must be >= 1, not " +
                     std::to_string(sample_every));
  }
}

void NumericsTelemetry::set_iteration(std::int64_t iteration) {
  std::lock_guard<std::mutex> lock(mutex_);
  sampled_ = iteration % sample_every_ == 0;
}

bool NumericsTelemetry::recording() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return sampled_ && !paused_;
}

void NumericsTelemetry::record(Role role, std::int64_t values,
                               const kernels::QuantizeCounters& counters,
                               const QuantizationSpec& spec) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (paused_ || !sampled_) return;
  const std::string format = spec.to_string();
  RoleCounts& counts = open_[static_cast<int>(role)];
  counts.values += values;
  counts.saturated += counters.saturated;
  counts.underflowed += counters.flushed_to_zero;
  counts.nonfinite +=
      counters.not_a_number + std::max<std::int64_t>(0, counters.overflowed - counters.saturated);
  if (counts.format != format) counts.format = format;
}

void NumericsTelemetry::record_update(Role role, std::int64_t elements, std::int64_t stagnant) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (paused_ || !sampled_) return;
  RoleCounts& counts = open_[static_cast<int>(role)];
  counts.parameter_elements += elements;
  counts.stagnant += stagnant;
}

void NumericsTelemetry::set_paused(bool paused) {
  std::lock_guard<std::mutex> lock(mutex_);
  paused_ = paused;
}

bool NumericsTelemetry::paused() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return paused_;
}

void NumericsTelemetry::close_period(std::int64_t iteration, double epoch) {
  std::lock_guard<std::mutex> lock(mutex_);
  const bool any = std::any_of(open_.begin(), open_.end(),
                               [](const RoleCounts& counts) { return !counts.empty(); });
  if (!any) return;
  NumericsPeriod period;
  period.iteration = iteration;
  period.epoch = epoch;
  period.roles = open_;
  periods_.push_back(std::move(period));
  for (RoleCounts& counts : open_) counts = RoleCounts{};
}

double fraction(std::int64_t part, std::int64_t whole) {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

nlohmann::json period_to_json(const NumericsPeriod& period) {
  nlohmann::json roles = nlohmann::json::object();
  for (Role role : kAllRoles) {
    const RoleCounts& counts = period.roles[static_cast<int>(role)];
    if (counts.empty()) continue;
    nlohmann::json entry = {{"format", counts.format},
                            {"values", counts.values},
                            {"saturated", fraction(counts.saturated, counts.values)},
                            {"underflowed", fraction(counts.underflowed, counts.values)},
                            {"nonfinite", fraction(counts.nonfinite, counts.values)}};
    if (counts.parameter_elements > 0) {
      entry["parameter_elements"] = counts.parameter_elements;
      entry["stagnant_updates"] = fraction(counts.stagnant, counts.parameter_elements);
    }
    roles[role_name(role)] = std::move(entry);
  }
  return {{"iteration", period.iteration}, {"epoch", period.epoch}, {"roles", roles}};
}

nlohmann::json period_counts_to_json(const NumericsPeriod& period) {
  nlohmann::json roles = nlohmann::json::array();
  for (const RoleCounts& counts : period.roles) {
    roles.push_back({{"values", counts.values}, {"saturated", counts.saturated},
                     {"underflowed", counts.underflowed}, {"nonfinite", counts.nonfinite},
                     {"parameter_elements", counts.parameter_elements}, {"stagnant", counts.stagnant},
                     {"format", counts.format}});
  }
  return {{"iteration", period.iteration}, {"epoch", period.epoch}, {"roles", roles}};
}

NumericsPeriod period_counts_from_json(const nlohmann::json& value) {
  try {
    NumericsPeriod period;
    period.iteration = value.at("iteration").get<std::int64_t>();
    period.epoch = value.at("epoch").get<double>();
    const nlohmann::json& roles = value.at("roles");
    if (!roles.is_array() || roles.size() != period.roles.size()) {
      throw InputError("numerics period: \"roles\" must list " + std::to_string(period.roles.size()) + " roles");
    }
    for (std::size_t i = 0; i < period.roles.size(); ++i) {
      RoleCounts& counts = period.roles[i];
      counts.values = roles[i].at("values").get<std::int64_t>();
      counts.saturated = roles[i].at("saturated").get<std::int64_t>();
      counts.underflowed = roles[i].at("underflowed").get<std::int64_t>();
      counts.nonfinite = roles[i].at("nonfinite").get<std::int64_t>();
      counts.parameter_elements = roles[i].at("parameter_elements").get<std::int64_t>();
      counts.stagnant = roles[i].at("stagnant").get<std::int64_t>();
      counts.format = roles[i].at("format").get<std::string>();
    }
    return period;
  } catch (const nlohmann::json::exception& error) {
    throw InputError(std::string("numerics period: ") + error.what());
  }
}

nlohmann::json period_counts_to_json(const std::vector<NumericsPeriod>& periods) {
  nlohmann::json array = nlohmann::json::array();
  for (const NumericsPeriod& period : periods) array.push_back(period_counts_to_json(period));
  return array;
}

std::vector<NumericsPeriod> period_counts_from_json_array(const nlohmann::json& array) {
  if (!array.is_array()) throw InputError("numerics periods: expected a JSON array");
  std::vector<NumericsPeriod> periods;
  for (const auto& entry : array) periods.push_back(period_counts_from_json(entry));
  return periods;
}

}  // namespace repro::quantization
