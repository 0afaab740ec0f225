// A precision policy: the quantization (or full precision) of each role in training.
#pragma once

#include <array>
#include <optional>
#include <ostream>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "common/quantization/quantization_spec.h"
#include "common/quantization/role.h"

namespace repro::quantization {

// Every role starts at full precision (no quantization). Fluent setters:
//   PrecisionPolicy().weights("fixed:24:12").activations("fixed:16:8").errors(spec)
// Text forms (parse_precision_policy accepts both; to_string() gives the compact one):
//   compact: "weights=fixed:24:12,activations=fixed:16:8/stochastic,errors=fp16"
//            ("all=SPEC" sets every role; later entries override earlier ones; ';' may separate
//            entries too; "" or "full" is all full precision; a role's value "full" or "none"
//            means full precision)
//   JSON:    {"weights": "fixed:24:12", "activations": "fixed:16:8/stochastic",
//             "errors": {"format": "affine:8", "rounding": "stochastic", "random_bits": 8,
//                        "granularity": "per-tensor", "range": [-1, 1]},
//             "loss": null}
// Roles: see role.h. Each value is a quantization spec (quantization_spec.h) or null.
class PrecisionPolicy {
 public:
  const std::optional<QuantizationSpec>& spec(Role role) const {
    return specs_[static_cast<int>(role)];
  }
  // Sets (or with std::nullopt clears) the spec of one role.
  PrecisionPolicy& set(Role role, std::optional<QuantizationSpec> spec);
  // Parses `spec_text` (compact spec form); throws InputError naming the role on a bad spec.
  PrecisionPolicy& set(Role role, const std::string& spec_text);
  PrecisionPolicy& all(const std::string& spec_text);

  PrecisionPolicy& weights(const std::string& spec) { return set(Role::weights, spec); }
  PrecisionPolicy& weights(QuantizationSpec spec) { return set(Role::weights, std::move(spec)); }
  PrecisionPolicy& activations(const std::string& spec) { return set(Role::activations, spec); }
  PrecisionPolicy& activations(QuantizationSpec spec) {
    return set(Role::activations, std::move(spec));
  }
  PrecisionPolicy& errors(const std::string& spec) { return set(Role::errors, spec); }
  PrecisionPolicy& errors(QuantizationSpec spec) { return set(Role::errors, std::move(spec)); }
  PrecisionPolicy& weight_gradients(const std::string& spec) {
    return set(Role::weight_gradients, spec);
  }
  PrecisionPolicy& weight_gradients(QuantizationSpec spec) {
    return set(Role::weight_gradients, std::move(spec));
  }
  PrecisionPolicy& biases(const std::string& spec) { return set(Role::biases, spec); }
  PrecisionPolicy& biases(QuantizationSpec spec) { return set(Role::biases, std::move(spec)); }
  PrecisionPolicy& loss(const std::string& spec) { return set(Role::loss, spec); }
  PrecisionPolicy& loss(QuantizationSpec spec) { return set(Role::loss, std::move(spec)); }
  PrecisionPolicy& optimizer_state(const std::string& spec) {
    return set(Role::optimizer_state, spec);
  }
  PrecisionPolicy& optimizer_state(QuantizationSpec spec) {
    return set(Role::optimizer_state, std::move(spec));
  }

  // True when no role is quantized.
  bool is_full_precision() const;

  // Compact form, roles in kAllRoles order, full-precision roles left out ("full" when all are).
  std::string to_string() const;
  // JSON object with every role; full-precision roles are null.
  nlohmann::json to_json() const;

  friend bool operator==(const PrecisionPolicy& a, const PrecisionPolicy& b) {
    return a.to_string() == b.to_string();
  }
  friend bool operator!=(const PrecisionPolicy& a, const PrecisionPolicy& b) { return !(a == b); }

 private:
  std::array<std::optional<QuantizationSpec>, kRoleCount> specs_;
};

// Parses the compact or JSON form (JSON when the text starts with '{'). Throws repro::InputError
// naming the role (or the entry) at fault.
PrecisionPolicy parse_precision_policy(const std::string& text);
// The JSON form as a parsed object. Throws repro::InputError naming the role at fault.
PrecisionPolicy precision_policy_from_json(const nlohmann::json& json);

std::ostream& operator<<(std::ostream& stream, const PrecisionPolicy& policy);

}  // namespace repro::quantization
