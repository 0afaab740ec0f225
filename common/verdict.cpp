#include "common/verdict.h"

#include "base/errors.h"

namespace repro {

std::string to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::reproduced: return "reproduced";
    case Verdict::not_reproduced: return "not_reproduced";
    case Verdict::inconclusive: return "inconclusive";
    case Verdict::skipped: return "skipped";
  }
  return "unknown";
}

Verdict parse_verdict(const std::string& name, const std::string& where) {
  for (Verdict verdict : {Verdict::reproduced, Verdict::not_reproduced, Verdict::inconclusive,
                          Verdict::skipped}) {
    if (to_string(verdict) == name) return verdict;
  }
  throw InputError(where + ": unknown verdict '" + name +
                   "' (expected reproduced, not_reproduced, inconclusive or skipped)");
}

}  // namespace repro
