#include "stats/mann_whitney.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/special_functions/binomial.hpp>

#include "base/errors.h"
#include "stats/sample_moments.h"

namespace repro::stats {
namespace {

struct Ranking {
  std::vector<double> ranks;      // average ranks, 1-based, in input order
  double tie_term = 0.0;          // sum over tie groups of t^3 - t
};

Ranking average_ranks(const std::vector<double>& values) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  Ranking ranking;
  ranking.ranks.resize(values.size());
  std::size_t start = 0;
  while (start < order.size()) {
    std::size_t end = start + 1;
    while (end < order.size() && values[order[end]] == values[order[start]]) ++end;
    const double average = 0.5 * static_cast<double>(start + 1 + end);  // mean of start+1 .. end
    for (std::size_t i = start; i < end; ++i) ranking.ranks[order[i]] = average;
    const double tied = static_cast<double>(end - start);
    ranking.tie_term += tied * tied * tied - tied;
    start = end;
  }
  return ranking;
}

// P(U >= u) under H0 for sample sizes m and n: the number of arrangements with U = k follows
// f(m, n, k) = f(m - 1, n, k - n) + f(m, n - 1, k), f(., ., 0) = 1 (Mann & Whitney 1947).
double exact_upper_tail(std::size_t m, std::size_t n, std::size_t u) {
  const std::size_t maximum = m * n;
  // layer[j][k] = f(i, j, k) for the current i; the previous layer holds i - 1.
  std::vector<std::vector<double>> previous(n + 1, std::vector<double>(maximum + 1, 0.0));
  for (std::size_t j = 0; j <= n; ++j) previous[j][0] = 1.0;  // i = 0: only U = 0
  std::vector<std::vector<double>> current = previous;
  for (std::size_t i = 1; i <= m; ++i) {
    for (std::size_t j = 0; j <= n; ++j) {
      for (std::size_t k = 0; k <= maximum; ++k) {
        double count = k >= j ? previous[j][k - j] : 0.0;  // f(i - 1, j, k - j)
        if (j > 0) count += current[j - 1][k];              // f(i, j - 1, k)
        current[j][k] = count;
      }
    }
    std::swap(previous, current);
  }
  const std::vector<double>& counts = previous[n];
  double tail = 0.0;
  for (std::size_t k = u; k <= maximum; ++k) tail += counts[k];
  const double arrangements =
      boost::math::binomial_coefficient<double>(static_cast<unsigned>(m + n), static_cast<unsigned>(m));
  return tail / arrangements;
}

}  // namespace

MannWhitneyResult mann_whitney_u_test(const std::vector<double>& first,
                                      const std::vector<double>& second,
                                      MannWhitneyMethod method) {
  sample_moments(first, 1, "Mann-Whitney U test: first sample");
  sample_moments(second, 1, "Mann-Whitney U test: second sample");
  const std::size_t n1 = first.size();
  const std::size_t n2 = second.size();
  std::vector<double> pooled(first);
  pooled.insert(pooled.end(), second.begin(), second.end());
  const Ranking ranking = average_ranks(pooled);
  const bool has_ties = ranking.tie_term > 0.0;

  MannWhitneyMethod chosen = method;
  if (chosen == MannWhitneyMethod::automatic) {
    chosen = (n1 > 8 && n2 > 8) || has_ties ? MannWhitneyMethod::asymptotic
                                            : MannWhitneyMethod::exact;
  }
  if (chosen == MannWhitneyMethod::exact && has_ties) {
    throw InputError("Mann-Whitney U test: the exact method needs samples without ties");
  }

  const double m = static_cast<double>(n1);
  const double n = static_cast<double>(n2);
  double rank_sum_first = 0.0;
  for (std::size_t i = 0; i < n1; ++i) rank_sum_first += ranking.ranks[i];
  MannWhitneyResult result;
  result.method_used = chosen;
  result.u_statistic = rank_sum_first - m * (m + 1.0) / 2.0;
  const double larger_u = std::max(result.u_statistic, m * n - result.u_statistic);

  double p_value = 1.0;
  if (chosen == MannWhitneyMethod::exact) {
    p_value = 2.0 * exact_upper_tail(n1, n2, static_cast<std::size_t>(std::llround(larger_u)));
  } else {
    const double total = m + n;
    const double spread = std::sqrt(m * n / 12.0 *
                                     ((total + 1.0) - ranking.tie_term / (total * (total - 1.0))));
    const double z = (larger_u - m * n / 2.0 - 0.5) / spread;
    if (std::isinf(z)) {
      p_value = z > 0 ? 0.0 : 1.0;  // every value tied: spread 0, z = -inf, p 1 as in scipy
    } else {
      const boost::math::normal_distribution<double> standard_normal;
      p_value = 2.0 * boost::math::cdf(boost::math::complement(standard_normal, z));
    }
  }
  result.p_value = std::clamp(p_value, 0.0, 1.0);
  return result;
}

}  // namespace repro::stats
