// The verdict a run is expected to reach on a claim, and the basis of that expectation.
#pragma once

#include <string>
#include <vector>

#include "common/verdict.h"

namespace repro {

// paper: what the paper says (the claim holds: reproduced), the default.
// measured: established by runs at that tier on two disjoint seed sets
//   (papers/<study>/expectations.json, written by `repro expectations record`).
// prediction: written in the study's declaration with its reason, before the run.
// schedule: the claim is not decided at this tier (expected skipped).
enum class ExpectationBasis { paper, measured, prediction, schedule };
std::string to_string(ExpectationBasis basis);

struct Expectation {
  // One verdict, or several when the measured runs disagreed ("unstable": any of them passes).
  std::vector<Verdict> accepted{Verdict::reproduced};
  ExpectationBasis basis = ExpectationBasis::paper;
  std::string detail;  // the prediction's reason, or the measured runs' record

  static Expectation from_paper();
  static Expectation predicted(Verdict verdict, std::string reason);
  // REQUIRES: verdicts non-empty. Several distinct verdicts make the expectation unstable.
  static Expectation measured(std::vector<Verdict> verdicts, std::string record);
  static Expectation not_scheduled(std::string why);

  bool unstable() const { return accepted.size() > 1; }
  bool accepts(Verdict verdict) const;
  // The verdict's name, or "unstable".
  std::string name() const;
};

}  // namespace repro
