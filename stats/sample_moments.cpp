#include "stats/sample_moments.h"

#include <cmath>

#include "base/errors.h"

namespace repro::stats {

SampleMoments sample_moments(const std::vector<double>& sample, std::size_t minimum_count,
                             const std::string& what) {
  if (sample.size() < minimum_count) {
    throw InputError(what + " needs at least " + std::to_string(minimum_count) +
                     " values, got " + std::to_string(sample.size()));
  }
  for (std::size_t i = 0; i < sample.size(); ++i) {
    if (!std::isfinite(sample[i])) {
      throw InputError(what + ": element " + std::to_string(i) + " is not finite");
    }
  }
  SampleMoments moments;
  moments.count = sample.size();
  if (sample.empty()) return moments;
  double sum = 0.0;
  for (double value : sample) sum += value;
  moments.mean = sum / static_cast<double>(sample.size());
  if (sample.size() > 1) {
    double squares = 0.0;
    for (double value : sample) squares += (value - moments.mean) * (value - moments.mean);
    moments.variance = squares / static_cast<double>(sample.size() - 1);
  }
  return moments;
}

}  // namespace repro::stats
