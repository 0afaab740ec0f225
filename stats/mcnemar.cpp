#include "stats/mcnemar.h"

#include <algorithm>
#include <cmath>
#include <string>

#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/chi_squared.hpp>

#include "base/errors.h"

namespace repro::stats {

McNemarMethod parse_mcnemar_method(const std::string& name) {
  if (name == "exact") return McNemarMethod::exact;
  if (name == "mid-p") return McNemarMethod::mid_p;
  if (name == "chi2") return McNemarMethod::chi_square;
  if (name == "chi2-cc") return McNemarMethod::chi_square_corrected;
  throw InputError("unknown McNemar method '" + name +
                   "' (expected exact, mid-p, chi2 or chi2-cc)");
}

std::string to_string(McNemarMethod method) {
  switch (method) {
    case McNemarMethod::exact: return "exact";
    case McNemarMethod::mid_p: return "mid-p";
    case McNemarMethod::chi_square: return "chi2";
    case McNemarMethod::chi_square_corrected: return "chi2-cc";
  }
  return "unknown";
}

McNemarResult mcnemar_test(std::int64_t only_first_correct, std::int64_t only_second_correct,
                           McNemarMethod method) {
  if (only_first_correct < 0) {
    throw InputError("McNemar: only_first_correct (b) must be >= 0, got " +
                     std::to_string(only_first_correct));
  }
  if (only_second_correct < 0) {
    throw InputError("McNemar: only_second_correct (c) must be >= 0, got " +
                     std::to_string(only_second_correct));
  }
  McNemarResult result;
  result.method = method;
  const std::int64_t discordant = only_first_correct + only_second_correct;
  if (discordant == 0) return result;  // statistic 0, p 1: see the header.

  const double b = static_cast<double>(only_first_correct);
  const double c = static_cast<double>(only_second_correct);
  const double smaller = std::min(b, c);
  switch (method) {
    case McNemarMethod::exact:
    case McNemarMethod::mid_p: {
      const boost::math::binomial_distribution<double> null_distribution(
          static_cast<double>(discordant), 0.5);
      double tail = boost::math::cdf(null_distribution, smaller);
      if (method == McNemarMethod::mid_p) tail -= 0.5 * boost::math::pdf(null_distribution, smaller);
      result.statistic = smaller;
      result.p_value = std::min(1.0, 2.0 * tail);
      break;
    }
    case McNemarMethod::chi_square:
    case McNemarMethod::chi_square_corrected: {
      const double correction = method == McNemarMethod::chi_square_corrected ? 1.0 : 0.0;
      const double deviation = std::fabs(b - c) - correction;
      result.statistic = deviation * deviation / (b + c);
      const boost::math::chi_squared_distribution<double> one_degree(1.0);
      result.p_value = boost::math::cdf(boost::math::complement(one_degree, result.statistic));
      break;
    }
  }
  return result;
}

}  // namespace repro::stats
