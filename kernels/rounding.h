// Rounding modes of the quantizers and their options.
#pragma once

#include <cstdint>
#include <string>

namespace repro::kernels {

//   nearest_even  "nearest"       to the nearest value, ties to the one with an even last digit
//   nearest_away  "nearest-away"  to the nearest value, ties away from zero (some libraries' "nearest")
//   toward_zero   "toward-zero"   truncation
//   down          "down"          toward -Inf
//   up            "up"            toward +Inf
//   stochastic    "stochastic"    up with probability floor(fraction * 2^k) / 2^k, k = random_bits, where
//                                 fraction = (|x| - |lower neighbour|) / spacing; the k-bit random word r of
//                                 element i rounds the magnitude up iff r < floor(fraction * 2^k).
enum class Rounding { nearest_even, nearest_away, toward_zero, down, up, stochastic };

// "nearest" (alias "nearest-even"), "nearest-away", "toward-zero", "down", "up", "stochastic".
// Throws repro::InputError naming the mode.
Rounding parse_rounding(const std::string& name);
// The name parse_rounding accepts for `mode` ("nearest", "nearest-away", ...).
std::string rounding_name(Rounding mode);

// REQUIRES (checked by the quantizers): 1 <= random_bits <= 32.
// Stochastic rounding of element i uses Philox4x32-10 keyed on `seed`, counter (i / 4, stream), word i % 4
// (see kernels/philox.h), so the result depends on (seed, stream, i) only, never on the work split.
struct RoundingOptions {
  Rounding mode = Rounding::nearest_even;
  int random_bits = 23;
  std::uint64_t seed = 0;
  std::uint64_t stream = 0;

  RoundingOptions with_mode(Rounding value) const { RoundingOptions copy = *this; copy.mode = value; return copy; }
  RoundingOptions with_random_bits(int value) const { RoundingOptions copy = *this; copy.random_bits = value; return copy; }
  RoundingOptions with_seed(std::uint64_t value) const { RoundingOptions copy = *this; copy.seed = value; return copy; }
  RoundingOptions with_stream(std::uint64_t value) const { RoundingOptions copy = *this; copy.stream = value; return copy; }
};

// Throws repro::InputError unless 1 <= rounding.random_bits <= 32 (every quantizer checks this).
void check_rounding_options(const RoundingOptions& rounding);

// Parses "MODE" or "stochastic:K" (K random bits). Throws repro::InputError naming the text.
RoundingOptions parse_rounding_options(const std::string& text);

}  // namespace repro::kernels
