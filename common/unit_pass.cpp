#include "common/unit_pass.h"

#include <cctype>

#include "base/errors.h"

namespace repro {
namespace {

// The whole of `text` as a positive decimal integer, or 0.
int positive_integer(const std::string& text) {
  if (text.empty() || text.size() > 6) return 0;
  int value = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return 0;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

ShardSpec ShardSpec::parse(const std::string& text, const std::string& option_name) {
  const auto slash = text.find('/');
  const int index = slash == std::string::npos ? 0 : positive_integer(text.substr(0, slash));
  const int count = slash == std::string::npos ? 0 : positive_integer(text.substr(slash + 1));
  if (index < 1 || count < 1 || index > count) {
    throw InputError(option_name + " '" + text + "': expected K/N with 1 <= K <= N (e.g. 2/16)");
  }
  return ShardSpec{index, count};
}

}  // namespace repro
