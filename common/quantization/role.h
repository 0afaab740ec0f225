// The roles a tensor plays in training, each of which a precision policy may quantize.
#pragma once

#include <array>
#include <string>

namespace repro::quantization {

enum class Role {
  weights,           // layer weights, in the forward pass and as stored after each update
  activations,       // layer inputs and outputs in the forward pass
  errors,            // gradients with respect to activations, in the backward pass
  weight_gradients,  // gradients with respect to weights and biases, before the update
  biases,            // layer biases, in the forward pass and as stored after each update
  loss,              // the loss value
  optimizer_state,   // momentum buffers, Adam moments, ...
};

inline constexpr int kRoleCount = 7;

inline constexpr std::array<Role, kRoleCount> kAllRoles = {
    Role::weights, Role::biases,          Role::activations,    Role::errors,
    Role::loss,    Role::weight_gradients, Role::optimizer_state};

// "weights", "activations", "errors", "weight_gradients", "biases", "loss", "optimizer_state".
const char* role_name(Role role);

// Inverse of role_name; also accepts '-' for '_' ("weight-gradients").
// Throws repro::InputError naming `name` when it is no role.
Role parse_role(const std::string& name);

}  // namespace repro::quantization
