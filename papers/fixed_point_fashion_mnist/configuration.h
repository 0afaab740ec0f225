// What one training run trains, and the configurations each tier runs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "papers/fixed_point_fashion_mnist/experiment_plan.h"
#include "papers/fixed_point_fashion_mnist/role_formats.h"

namespace repro::fixed_point_fashion_mnist {

// How the slides' flow is read: which tensors the gradient format applies to, where the
// parameters live between steps, and the loss and input scales. The defaults are the study's
// reading; README.md ("Numerical health") reports what each other reading trains to.
struct FlowReading {
  // true: parameters stored in their formats after every Adam step (the slides' "weights in
  // fixed point"); false: float master weights, quantized copies in the forward pass (QAT).
  bool parameters_stored_in_formats = true;
  bool quantize_errors = true;            // gradients w.r.t. activations, between layers
  bool quantize_weight_gradients = true;  // weight and bias gradients before the Adam step
  // The loss summed over the batch instead of averaged: every gradient batch_size times larger
  // (Adam's step is unchanged up to epsilon; only where the gradient format cuts moves).
  bool summed_loss = false;
  // Inputs standardized ((x - mean) / deviation of FashionMNIST) instead of x in [0, 1].
  bool standardized_inputs = false;

  friend bool operator==(const FlowReading& a, const FlowReading& b) {
    return a.parameters_stored_in_formats == b.parameters_stored_in_formats &&
           a.quantize_errors == b.quantize_errors &&
           a.quantize_weight_gradients == b.quantize_weight_gradients &&
           a.summed_loss == b.summed_loss && a.standardized_inputs == b.standardized_inputs;
  }
};

// What to train. Defaults are the slides' hyperparameters.
struct Configuration {
  std::string name = "fp32";            // e.g. "fp32", "baseline", "weights 16.11"
  std::optional<RoleFormats> formats;   // none: FP32 (the same model, nothing quantized)
  QuantizationChoice choice;            // mode and rounding of the fixed-point roles
  FlowReading reading;                  // which tensors are quantized, and how
  std::int64_t epochs = 5;
  std::int64_t batch_size = 32;
  double learning_rate = 0.001;         // Adam
};

// Names of the configurations (the keys of a ResultSet).
inline const std::string kFp32 = "fp32";
inline const std::string kBaseline = "baseline";
inline const std::string kOptimized = "optimized";
// The optimized formats except the weights, kept at the baseline's.
inline const std::string kOthersDeep = "optimized, baseline weights";
// "baseline asymmetric", "optimized stochastic", ...
std::string variant_name(const std::string& base, const std::string& variant);
// "weights 16 bits F/W 0.500" for a point of a fractional-bit sweep.
std::string sweep_point_name(StudyRole role, int total_bits, int fractional_bits);
// "batch 64".
std::string batch_size_name(std::int64_t batch_size);

// Fractional bits for fraction f of W total bits: round(f * W), within 0..W-1.
int fractional_bits_for(double fraction, int total_bits);

// A point of the fractional-bit sweep of `role`: the baseline formats with that role at
// (total_bits, fractional_bits).
struct SweepPoint {
  StudyRole role;
  int total_bits = 16;
  double fraction = 0.5;
  Configuration configuration;
};

// Every configuration `plan` asks for, with the plan's epochs and the published batch size and
// learning rate. Sweeps: each role at its baseline total bits (weights at 16 and 32 bits).
struct StudyConfigurations {
  std::vector<Configuration> headline;           // fp32, baseline, optimized
  std::vector<Configuration> variants;           // asymmetric and stochastic baseline/optimized
  std::vector<SweepPoint> fractional_sweep;      // empty unless plan.fractional_sweeps
  std::vector<Configuration> batch_size_sweep;   // baseline formats at each batch size
  std::optional<Configuration> others_deep;      // with the fractional sweeps
  std::vector<Configuration> all() const;
};

StudyConfigurations study_configurations(const ExperimentPlan& plan, const RoleFormats& baseline,
                                         const RoleFormats& optimized, std::int64_t batch_size,
                                         double learning_rate);

}  // namespace repro::fixed_point_fashion_mnist
