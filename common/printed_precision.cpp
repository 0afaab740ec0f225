#include "common/printed_precision.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string>

#include "base/errors.h"

namespace repro {

double half_unit_of_printed(std::string_view printed) {
  const std::string text(printed);
  const auto bad = [&] { return InputError("not a printed decimal number: '" + text + "'"); };
  std::size_t at = 0;
  if (at < text.size() && (text[at] == '-' || text[at] == '+')) ++at;
  int digits = 0, decimals = 0;
  bool after_point = false;
  for (; at < text.size(); ++at) {
    const char c = text[at];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      ++digits;
      if (after_point) ++decimals;
    } else if (c == '.' && !after_point) {
      after_point = true;
    } else {
      break;
    }
  }
  if (digits == 0) throw bad();
  long exponent = 0;
  if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
    const std::string rest = text.substr(at + 1);
    char* end = nullptr;
    exponent = std::strtol(rest.c_str(), &end, 10);
    if (end == rest.c_str()) throw bad();
    at += 1 + static_cast<std::size_t>(end - rest.c_str());
  }
  if (at < text.size() && text[at] == '%') ++at;
  if (at != text.size()) throw bad();
  return 0.5 * std::pow(10.0, static_cast<double>(exponent - decimals));
}

}  // namespace repro
