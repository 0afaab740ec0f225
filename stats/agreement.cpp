#include "stats/agreement.h"

#include <cmath>
#include <sstream>

#include "base/errors.h"

namespace repro::stats {

Region band_around(double center, double margin) {
  if (!std::isfinite(center) || !std::isfinite(margin) || margin < 0.0) {
    throw InputError("band_around: center and margin must be finite and margin >= 0 (center " +
                     std::to_string(center) + ", margin " + std::to_string(margin) + ")");
  }
  return {center - margin, center + margin};
}

Region at_least(double lower) { return {lower, std::numeric_limits<double>::infinity()}; }

Region at_most(double upper) { return {-std::numeric_limits<double>::infinity(), upper}; }

Placement place(const Interval& interval, const Region& region) {
  if (std::isnan(interval.lower) || std::isnan(interval.upper) || interval.lower > interval.upper) {
    throw InputError("place: interval [" + std::to_string(interval.lower) + ", " +
                     std::to_string(interval.upper) + "] is not ordered or holds NaN");
  }
  if (std::isnan(region.lower) || std::isnan(region.upper) || region.lower > region.upper) {
    throw InputError("place: region is not ordered or holds NaN");
  }
  if (interval.lower >= region.lower && interval.upper <= region.upper) return Placement::inside;
  if (interval.upper < region.lower || interval.lower > region.upper) return Placement::outside;
  return Placement::overlapping;
}

std::string describe(const Region& region, int digits) {
  std::ostringstream text;
  text.precision(digits);
  if (std::isinf(region.lower)) {
    text << "(-inf, ";
  } else {
    text << "[" << region.lower << ", ";
  }
  if (std::isinf(region.upper)) {
    text << "+inf)";
  } else {
    text << region.upper << "]";
  }
  return text.str();
}

}  // namespace repro::stats
