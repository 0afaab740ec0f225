#include "stats/confidence_level.h"

#include "base/errors.h"

namespace repro::stats {

void require_confidence_level(double level, const std::string& what) {
  if (!(level > 0.0 && level < 1.0)) {
    throw InputError(what + ": level must be in (0, 1), got " + std::to_string(level));
  }
}

}  // namespace repro::stats
