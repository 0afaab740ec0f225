#include "papers/fixed_point_fashion_mnist/configuration.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace repro::fixed_point_fashion_mnist {

std::string variant_name(const std::string& base, const std::string& variant) {
  return base + " " + variant;
}

std::string sweep_point_name(StudyRole role, int total_bits, int fractional_bits) {
  return fmt::format("{} {}.{}", study_role_name(role), total_bits, fractional_bits);
}

std::string batch_size_name(std::int64_t batch_size) { return fmt::format("batch {}", batch_size); }

int fractional_bits_for(double fraction, int total_bits) {
  return std::clamp(static_cast<int>(std::lround(fraction * total_bits)), 0, total_bits - 1);
}

std::vector<Configuration> StudyConfigurations::all() const {
  std::vector<Configuration> every = headline;
  every.insert(every.end(), variants.begin(), variants.end());
  for (const auto& point : fractional_sweep) every.push_back(point.configuration);
  every.insert(every.end(), batch_size_sweep.begin(), batch_size_sweep.end());
  if (others_deep) every.push_back(*others_deep);
  // A sweep point may coincide with another configuration's formats but never its name.
  return every;
}

StudyConfigurations study_configurations(const ExperimentPlan& plan, const RoleFormats& baseline,
                                         const RoleFormats& optimized, std::int64_t batch_size,
                                         double learning_rate) {
  const auto make = [&](std::string name, std::optional<RoleFormats> formats) {
    Configuration configuration;
    configuration.name = std::move(name);
    configuration.formats = std::move(formats);
    configuration.epochs = plan.epochs;
    configuration.batch_size = batch_size;
    configuration.learning_rate = learning_rate;
    return configuration;
  };
  StudyConfigurations result;
  result.headline = {make(kFp32, std::nullopt), make(kBaseline, baseline),
                     make(kOptimized, optimized)};
  if (plan.quantization_variants) {
    for (const auto& [name, formats] : {std::pair{kBaseline, baseline}, std::pair{kOptimized, optimized}}) {
      Configuration asymmetric = make(variant_name(name, "asymmetric"), formats);
      asymmetric.choice.with_mode(QuantizationMode::asymmetric);
      Configuration stochastic = make(variant_name(name, "stochastic"), formats);
      stochastic.choice.with_rounding(kernels::Rounding::stochastic);
      result.variants.push_back(asymmetric);
      result.variants.push_back(stochastic);
    }
  }
  if (plan.fractional_sweeps) {
    for (StudyRole role : kStudyRoles) {
      std::vector<int> totals = {baseline[role].total_bits};
      if (role == StudyRole::weights) totals = {16, 32};
      for (int total : totals) {
        for (double fraction : plan.fractional_fractions) {
          RoleFormats formats = baseline;
          formats[role] = FixedFormat{total, fractional_bits_for(fraction, total)};
          SweepPoint point{role, total, fraction,
                           make(sweep_point_name(role, total, formats[role].fractional_bits), formats)};
          result.fractional_sweep.push_back(point);
        }
      }
    }
    RoleFormats others = optimized;
    others.weights = baseline.weights;
    result.others_deep = make(kOthersDeep, others);
  }
  if (plan.batch_size_sweep) {
    for (std::int64_t size : plan.batch_sizes) {
      Configuration configuration = make(batch_size_name(size), baseline);
      configuration.batch_size = size;
      result.batch_size_sweep.push_back(configuration);
    }
  }
  return result;
}

}  // namespace repro::fixed_point_fashion_mnist
