#include "common/quantization/role.h"

#include <algorithm>

#include "base/errors.h"

namespace repro::quantization {

const char* role_name(Role role) {
  switch (role) {
    case Role::weights: return "weights";
    case Role::activations: return "activations";
    case Role::errors: return "errors";
    case Role::weight_gradients: return "weight_gradients";
    case Role::biases: return "biases";
    case Role::loss: return "loss";
    case Role::optimizer_state: return "optimizer_state";
  }
  return "unknown";
}

Role parse_role(const std::string& name) {
  std::string normalized = name;
  std::replace(normalized.begin(), normalized.end(), '-', '_');
  for (Role role : kAllRoles) {
    if (normalized == role_name(role)) return role;
  }
  throw InputError("unknown precision role '" + name +
                   "' (expected weights, biases, activations, errors, loss, weight_gradients or "
                   "optimizer_state)");
}

}  // namespace repro::quantization
