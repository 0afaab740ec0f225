#include "kernels/rounding.h"

#include <cctype>

#include "base/errors.h"

namespace repro::kernels {

Rounding parse_rounding(const std::string& name) {
  std::string text;
  for (char c : name) text += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (text == "nearest" || text == "nearest-even") return Rounding::nearest_even;
  if (text == "nearest-away") return Rounding::nearest_away;
  if (text == "toward-zero") return Rounding::toward_zero;
  if (text == "down") return Rounding::down;
  if (text == "up") return Rounding::up;
  if (text == "stochastic") return Rounding::stochastic;
  throw InputError("rounding mode '" + name +
                   "': unknown (expected nearest, nearest-away, toward-zero, down, up or stochastic[:K])");
}

std::string rounding_name(Rounding mode) {
  switch (mode) {
    case Rounding::nearest_even: return "nearest";
    case Rounding::nearest_away: return "nearest-away";
    case Rounding::toward_zero: return "toward-zero";
    case Rounding::down: return "down";
    case Rounding::up: return "up";
    case Rounding::stochastic: return "stochastic";
  }
  return "?";
}

RoundingOptions parse_rounding_options(const std::string& text) {
  const auto colon = text.find(':');
  RoundingOptions options;
  options.mode = parse_rounding(text.substr(0, colon));
  if (colon == std::string::npos) return options;
  const std::string bits = text.substr(colon + 1);
  if (options.mode != Rounding::stochastic)
    throw InputError("rounding mode '" + text + "': only stochastic takes a number of random bits");
  int value = 0;
  bool ok = !bits.empty() && bits.size() <= 2;
  for (char c : bits) ok = ok && std::isdigit(static_cast<unsigned char>(c));
  if (ok) value = std::stoi(bits);
  if (!ok || value < 1 || value > 32)
    throw InputError("rounding mode '" + text + "': random bits must be an integer 1..32");
  options.random_bits = value;
  return options;
}

}  // namespace repro::kernels
