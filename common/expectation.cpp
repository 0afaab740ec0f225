#include "common/expectation.h"

#include <algorithm>
#include <stdexcept>

namespace repro {

std::string to_string(ExpectationBasis basis) {
  switch (basis) {
    case ExpectationBasis::paper: return "paper";
    case ExpectationBasis::measured: return "measured";
    case ExpectationBasis::prediction: return "prediction";
    case ExpectationBasis::schedule: return "schedule";
  }
  return "unknown";
}

Expectation Expectation::from_paper() {
  return {{Verdict::reproduced}, ExpectationBasis::paper, "the paper states the claim"};
}

Expectation Expectation::predicted(Verdict verdict, std::string reason) {
  if (reason.empty()) throw std::logic_error("a predicted verdict needs its written reason");
  return {{verdict}, ExpectationBasis::prediction, std::move(reason)};
}

Expectation Expectation::measured(std::vector<Verdict> verdicts, std::string record) {
  if (verdicts.empty()) throw std::logic_error("a measured expectation needs at least one verdict");
  std::vector<Verdict> distinct;
  for (Verdict verdict : verdicts) {
    if (std::find(distinct.begin(), distinct.end(), verdict) == distinct.end()) distinct.push_back(verdict);
  }
  return {distinct, ExpectationBasis::measured, std::move(record)};
}

Expectation Expectation::not_scheduled(std::string why) {
  return {{Verdict::skipped}, ExpectationBasis::schedule, std::move(why)};
}

bool Expectation::accepts(Verdict verdict) const {
  return std::find(accepted.begin(), accepted.end(), verdict) != accepted.end();
}

std::string Expectation::name() const { return unstable() ? "unstable" : to_string(accepted.front()); }

}  // namespace repro
