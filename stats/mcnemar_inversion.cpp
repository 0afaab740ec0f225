#include "stats/mcnemar_inversion.h"

#include <cmath>
#include <string>

#include "base/errors.h"
#include "stats/mcnemar.h"

namespace repro::stats {

std::vector<std::int64_t> discordant_totals_matching_exact_mcnemar(std::int64_t statistic,
                                                                   double p_value_rounded,
                                                                   int decimals,
                                                                   std::int64_t max_total) {
  if (statistic < 0) {
    throw InputError("McNemar inversion: statistic must be >= 0, got " + std::to_string(statistic));
  }
  if (decimals < 0 || decimals > 15) {
    throw InputError("McNemar inversion: decimals must be in [0, 15], got " +
                     std::to_string(decimals));
  }
  if (!(p_value_rounded >= 0.0 && p_value_rounded <= 1.0)) {
    throw InputError("McNemar inversion: p_value_rounded must be in [0, 1], got " +
                     std::to_string(p_value_rounded));
  }
  const double scale = std::pow(10.0, decimals);
  const long long wanted = std::llround(p_value_rounded * scale);
  std::vector<std::int64_t> totals;
  for (std::int64_t total = 2 * statistic; total <= max_total; ++total) {
    const double p_value = mcnemar_test(statistic, total - statistic, McNemarMethod::exact).p_value;
    if (std::llround(p_value * scale) == wanted) totals.push_back(total);
  }
  return totals;
}

}  // namespace repro::stats
