// Mean and unbiased variance of a sample, with the input checks the tests share.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace repro::stats {

struct SampleMoments {
  std::size_t count = 0;
  double mean = 0.0;
  double variance = 0.0;  // sum of squared deviations / (count - 1); 0 when count == 1
};

// REQUIRES: sample.size() >= minimum_count and every value finite; throws repro::InputError
// naming `what` and the offending element otherwise.
SampleMoments sample_moments(const std::vector<double>& sample, std::size_t minimum_count,
                             const std::string& what);

}  // namespace repro::stats
