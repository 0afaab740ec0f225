// Checks shared by the confidence-interval functions.
#pragma once

#include <string>

namespace repro::stats {

// Throws repro::InputError naming `what` unless 0 < level < 1.
void require_confidence_level(double level, const std::string& what);

}  // namespace repro::stats
