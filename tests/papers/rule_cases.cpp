#include "tests/papers/rule_cases.h"

namespace repro::testing {
namespace {

std::map<std::string, std::set<Verdict>>& cases() {
  static std::map<std::string, std::set<Verdict>> registry;
  return registry;
}

}  // namespace

bool register_rule_case(const std::string& rule_id, Verdict verdict) {
  cases()[rule_id].insert(verdict);
  return true;
}

const std::map<std::string, std::set<Verdict>>& rule_cases() { return cases(); }

}  // namespace repro::testing
