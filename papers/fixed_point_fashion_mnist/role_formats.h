// The fixed-point formats of the study: one (total bits, fractional bits) pair per quantized role,
// and how they become a precision policy of common/quantization.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "common/quantization/precision_policy.h"
#include "kernels/rounding.h"

namespace repro::fixed_point_fashion_mnist {

// W total bits, F fractional bits: two's complement, step 2^-F, range [-2^(W-F-1), 2^(W-F-1) - 2^-F].
struct FixedFormat {
  int total_bits = 16;
  int fractional_bits = 8;

  // F / W, the x axis of the slides' sweeps.
  double fractional_fraction() const { return static_cast<double>(fractional_bits) / total_bits; }
  friend bool operator==(const FixedFormat& a, const FixedFormat& b) {
    return a.total_bits == b.total_bits && a.fractional_bits == b.fractional_bits;
  }
};

// The five quantized roles of the slides. "gradients" covers both the errors (gradients with
// respect to activations) and the weight and bias gradients; "activations" the input and output
// of every layer.
enum class StudyRole { activations, gradients, loss, weights, biases };
inline constexpr StudyRole kStudyRoles[] = {StudyRole::activations, StudyRole::gradients,
                                            StudyRole::loss, StudyRole::weights,
                                            StudyRole::biases};
const char* study_role_name(StudyRole role);  // "activations", ... as in published.json

struct RoleFormats {
  FixedFormat activations, gradients, loss, weights, biases;

  FixedFormat& operator[](StudyRole role);
  const FixedFormat& operator[](StudyRole role) const;
  friend bool operator==(const RoleFormats& a, const RoleFormats& b);
};

// Reads {"activations": [W, F], "gradients": [...], "loss": [...], "weights": [...],
// "biases": [...]}. Throws repro::InputError naming `what` and the role at fault.
RoleFormats role_formats_from_json(const nlohmann::json& value, const std::string& what);

// symmetric: the signed fixed-point grid fixed:W:F (saturating), zero exactly representable.
// asymmetric: an affine grid of min(W, 16) bits (the kernels' affine limit) between the tensor's
//   own minimum and maximum (a scale and a zero point), as PyTorch's per_tensor_affine scheme; the
//   loss, a scalar, stays symmetric since one value has no asymmetric range.
enum class QuantizationMode { symmetric, asymmetric };
const char* quantization_mode_name(QuantizationMode mode);

struct QuantizationChoice {
  QuantizationMode mode = QuantizationMode::symmetric;
  kernels::Rounding rounding = kernels::Rounding::nearest_even;

  QuantizationChoice& with_mode(QuantizationMode value) { mode = value; return *this; }
  QuantizationChoice& with_rounding(kernels::Rounding value) { rounding = value; return *this; }
};

// The precision policy: weights, biases, activations, loss from their formats; errors and
// weight_gradients both from `gradients`; optimizer state in full precision (the slides do not
// quantize it).
quantization::PrecisionPolicy precision_policy(const RoleFormats& formats,
                                               const QuantizationChoice& choice = {});

// "a16.8 g16.10 l16.10 w24.12 b16.8".
std::string describe(const RoleFormats& formats);

}  // namespace repro::fixed_point_fashion_mnist
