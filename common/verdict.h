// The verdict on one claim of a paper.
#pragma once

#include <string>

namespace repro {

enum class Verdict { reproduced, not_reproduced, inconclusive, skipped };

std::string to_string(Verdict verdict);  // "reproduced", "not_reproduced", "inconclusive", "skipped"
// Throws InputError naming `where` when `name` is not a verdict.
Verdict parse_verdict(const std::string& name, const std::string& where);

}  // namespace repro
