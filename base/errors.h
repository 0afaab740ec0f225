// Errors the `repro` command reports to its user.
#pragma once

#include <stdexcept>
#include <string>

namespace repro {

// Bad input from the user: a malformed file, a wrong checksum, an unknown option value.
// The message names the file, option or element at fault. `repro` exits 2 on it.
class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& message) : std::runtime_error(message) {}
};

// A training run diverged (NaN or Inf in the loss or the weights). The message names the run
// and the iteration. The study records it; `repro` does not crash.
class DivergenceError : public std::runtime_error {
 public:
  explicit DivergenceError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace repro
