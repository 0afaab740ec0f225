#include "papers/fixed_point_fashion_mnist/role_formats.h"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/errors.h"

namespace repro::fixed_point_fashion_mnist {
namespace {

quantization::QuantizationSpec fixed_spec(const FixedFormat& format, kernels::Rounding rounding) {
  quantization::QuantizationSpec spec(kernels::fixed_point_format(format.total_bits, format.fractional_bits));
  spec.rounding(rounding);
  return spec;
}

quantization::QuantizationSpec affine_spec(const FixedFormat& format, kernels::Rounding rounding) {
  quantization::QuantizationSpec spec(kernels::affine_format(std::min(format.total_bits, 16)));
  spec.rounding(rounding);
  return spec;
}

}  // namespace

const char* study_role_name(StudyRole role) {
  switch (role) {
    case StudyRole::activations: return "activations";
    case StudyRole::gradients: return "gradients";
    case StudyRole::loss: return "loss";
    case StudyRole::weights: return "weights";
    case StudyRole::biases: return "biases";
  }
  return "?";
}

FixedFormat& RoleFormats::operator[](StudyRole role) {
  return const_cast<FixedFormat&>(static_cast<const RoleFormats&>(*this)[role]);
}

const FixedFormat& RoleFormats::operator[](StudyRole role) const {
  switch (role) {
    case StudyRole::activations: return activations;
    case StudyRole::gradients: return gradients;
    case StudyRole::loss: return loss;
    case StudyRole::weights: return weights;
    case StudyRole::biases: return biases;
  }
  return activations;
}

bool operator==(const RoleFormats& a, const RoleFormats& b) {
  for (StudyRole role : kStudyRoles) {
    if (!(a[role] == b[role])) return false;
  }
  return true;
}

RoleFormats role_formats_from_json(const nlohmann::json& value, const std::string& what) {
  if (!value.is_object()) throw InputError(what + ": expected an object of role formats");
  RoleFormats formats;
  for (StudyRole role : kStudyRoles) {
    const std::string name = study_role_name(role);
    const auto entry = value.find(name);
    if (entry == value.end() || !entry->is_array() || entry->size() != 2 ||
        !(*entry)[0].is_number_integer() || !(*entry)[1].is_number_integer()) {
      throw InputError(what + ": role '" + name + "' must be [total bits, fractional bits]");
    }
    FixedFormat format{(*entry)[0].get<int>(), (*entry)[1].get<int>()};
    if (format.total_bits < 2 || format.total_bits > 32) {
      throw InputError(what + ": role '" + name + "' has total bits outside 2..32");
    }
    formats[role] = format;
  }
  return formats;
}

const char* quantization_mode_name(QuantizationMode mode) {
  return mode == QuantizationMode::symmetric ? "symmetric" : "asymmetric";
}

quantization::PrecisionPolicy precision_policy(const RoleFormats& formats,
                                               const QuantizationChoice& choice) {
  const auto spec = [&](const FixedFormat& format) {
    return choice.mode == QuantizationMode::symmetric ? fixed_spec(format, choice.rounding)
                                                      : affine_spec(format, choice.rounding);
  };
  quantization::PrecisionPolicy policy;
  policy.weights(spec(formats.weights))
      .biases(spec(formats.biases))
      .activations(spec(formats.activations))
      .errors(spec(formats.gradients))
      .weight_gradients(spec(formats.gradients))
      .loss(fixed_spec(formats.loss, choice.rounding));
  return policy;
}

std::string describe(const RoleFormats& formats) {
  return fmt::format("a{}.{} g{}.{} l{}.{} w{}.{} b{}.{}", formats.activations.total_bits,
                     formats.activations.fractional_bits, formats.gradients.total_bits,
                     formats.gradients.fractional_bits, formats.loss.total_bits,
                     formats.loss.fractional_bits, formats.weights.total_bits,
                     formats.weights.fractional_bits, formats.biases.total_bits,
                     formats.biases.fractional_bits);
}

}  // namespace repro::fixed_point_fashion_mnist
