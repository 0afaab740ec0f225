// Typed handles of a study's claims and checks. A study declares each id once, as a constant in
// its papers/<study>/claim_ids.h, and both the declaration (ClaimSpec, CheckSpec) and the code that
// decides it use that constant: a misspelt id does not compile, and grep for the constant finds
// every use. The handle holds a string literal only (no id is built at run time by
// concatenation; a family of ids, one per model or per tier, is a table of constants).
//   inline constexpr ClaimId kFp32AccuracyConsistent{"fp32_accuracy_consistent"};
//   ClaimSpec(kFp32AccuracyConsistent).text("...");   context.decide(kFp32AccuracyConsistent, decision);
#pragma once

#include <string>
#include <string_view>

namespace repro {

template <typename Tag>
class StudyItemId {
 public:
  // REQUIRES: `name` is a string literal (or another string of static storage).
  constexpr explicit StudyItemId(const char* name) : name_(name) {}
  StudyItemId(const std::string&) = delete;  // an id is never built at run time

  constexpr const char* c_str() const { return name_; }
  std::string str() const { return name_; }
  friend bool operator==(StudyItemId a, StudyItemId b) { return std::string_view(a.name_) == b.name_; }
  friend bool operator!=(StudyItemId a, StudyItemId b) { return !(a == b); }

 private:
  const char* name_;
};

struct ClaimTag {};
struct CheckTag {};
// A claim of the paper (common/claim.h).
using ClaimId = StudyItemId<ClaimTag>;
// A mechanics check (common/check.h): a different type, so a check is never decided as a claim.
using CheckId = StudyItemId<CheckTag>;

}  // namespace repro
