// Precision schedules: the precision policy for each training iteration.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/quantization/precision_policy.h"
#include "kernels/number_format.h"

namespace repro::quantization {

class PrecisionSchedule {
 public:
  virtual ~PrecisionSchedule() = default;
  // The policy for iteration `iteration` (0-based). REQUIRES: iteration >= 0.
  virtual PrecisionPolicy policy_at(std::int64_t iteration) const = 0;
  // One line saying what the schedule is, for logs and reports.
  virtual std::string describe() const = 0;
};

// The same policy at every iteration.
class StaticSchedule : public PrecisionSchedule {
 public:
  explicit StaticSchedule(PrecisionPolicy policy) : policy_(std::move(policy)) {}
  PrecisionPolicy policy_at(std::int64_t) const override { return policy_; }
  std::string describe() const override { return "static " + policy_.to_string(); }

 private:
  PrecisionPolicy policy_;
};

// Rounds half to even, treating values within 1e-9 of a half-integer as exact ties, so that a
// tie computed in floating point (5.5 from 3 + 2.5·(1 − cos(π/2))) rounds as the formula means.
std::int64_t round_half_to_even(double value);

// CPT's cyclic precision (Fu et al., ICLR 2021):
//   B_t = B_min + ½(B_max − B_min)(1 − cos(π·(t mod T)/T)), rounded half to even,
//   T = total_iterations / cycles in integer division (the remainder iterations at the end of
//   training continue the last cycle's pattern through t mod T), and T = 1 when that is 0.
// REQUIRES: 1 <= bits_min <= bits_max, cycles >= 1, total_iterations >= 1, iteration >= 0.
// Throws repro::InputError otherwise.
int cyclic_precision_bits(int bits_min, int bits_max, std::int64_t total_iterations,
                          std::int64_t cycles, std::int64_t iteration);

// Progressive precision: bits rise linearly from bits_min at iteration 0 to bits_max at
// iteration total_iterations − 1 and stay there:
//   B_t = bits_min + (bits_max − bits_min)·min(t, total − 1)/(total − 1), rounded half to even
// (B_t = bits_max when total_iterations == 1).
// REQUIRES: 1 <= bits_min <= bits_max, total_iterations >= 1, iteration >= 0.
int progressive_precision_bits(int bits_min, int bits_max, std::int64_t total_iterations,
                               std::int64_t iteration);

// The options shared by the bit-width schedules: which roles vary and the format they take.
struct BitWidthScheduleOptions {
  // Roles whose format follows the bit width; the other roles keep base_policy's spec.
  std::vector<Role> varying_roles = {Role::weights, Role::activations};
  // The format at B bits, e.g. kernels::affine_format or
  // [](int bits) { return kernels::fixed_point_format(bits, 8); }.
  std::function<kernels::NumberFormat(int bits)> format_for_bits = kernels::affine_format;
  // Rounding, granularity and range of each varying role come from base_policy's spec for that
  // role when it has one (nearest, per tensor otherwise).
  PrecisionPolicy base_policy;
  int bits_min = 3;
  int bits_max = 8;
  std::int64_t total_iterations = 1;

  BitWidthScheduleOptions& roles(std::vector<Role> roles) {
    varying_roles = std::move(roles);
    return *this;
  }
  BitWidthScheduleOptions& formats(std::function<kernels::NumberFormat(int bits)> format) {
    format_for_bits = std::move(format);
    return *this;
  }
  BitWidthScheduleOptions& base(PrecisionPolicy policy) {
    base_policy = std::move(policy);
    return *this;
  }
  BitWidthScheduleOptions& bits(int minimum, int maximum) {
    bits_min = minimum;
    bits_max = maximum;
    return *this;
  }
  BitWidthScheduleOptions& iterations(std::int64_t total) {
    total_iterations = total;
    return *this;
  }
};

// The policy for B bits: base_policy with every varying role set to format_for_bits(B).
PrecisionPolicy policy_for_bits(const BitWidthScheduleOptions& options, int bits);

// CPT's cyclic schedule over `cycles` cycles (cyclic_precision_bits).
class CyclicPrecisionSchedule : public PrecisionSchedule {
 public:
  // Throws repro::InputError on bad options.
  CyclicPrecisionSchedule(BitWidthScheduleOptions options, std::int64_t cycles);
  int bits_at(std::int64_t iteration) const;
  PrecisionPolicy policy_at(std::int64_t iteration) const override;
  std::string describe() const override;

 private:
  BitWidthScheduleOptions options_;
  std::int64_t cycles_;
};

// Progressive schedule (progressive_precision_bits).
class ProgressivePrecisionSchedule : public PrecisionSchedule {
 public:
  // Throws repro::InputError on bad options.
  explicit ProgressivePrecisionSchedule(BitWidthScheduleOptions options);
  int bits_at(std::int64_t iteration) const;
  PrecisionPolicy policy_at(std::int64_t iteration) const override;
  std::string describe() const override;

 private:
  BitWidthScheduleOptions options_;
};

}  // namespace repro::quantization
