#include "reports/comparison_detectability.h"

#include <algorithm>
#include <cmath>

#include <boost/math/distributions/normal.hpp>

#include "stats/quantile.h"

namespace repro::reports {
namespace {

constexpr double kPower = 0.8;

double z(double probability) { return boost::math::quantile(boost::math::normal(), probability); }

std::optional<double> relative_spread(std::vector<double> samples) {
  if (samples.size() < 2) return std::nullopt;
  std::sort(samples.begin(), samples.end());
  const double median = stats::quantile_of_sorted(samples, 0.5);
  if (!(median > 0)) return std::nullopt;
  return (stats::quantile_of_sorted(samples, 0.75) - stats::quantile_of_sorted(samples, 0.25)) / 1.349 / median;
}

// The manifest value at a dotted path as text ("" when absent or null).
std::string field_text(const nlohmann::json& manifest, const std::string& path) {
  const nlohmann::json* value = &manifest;
  std::size_t begin = 0;
  while (begin <= path.size()) {
    const std::size_t end = std::min(path.find('.', begin), path.size());
    if (!value->is_object() || !value->contains(path.substr(begin, end - begin))) return "";
    value = &(*value)[path.substr(begin, end - begin)];
    begin = end + 1;
  }
  if (value->is_null()) return "";
  return value->is_string() ? value->get<std::string>() : value->dump();
}

}  // namespace

double mann_whitney_smallest_p(std::int64_t n, std::int64_t m) {
  double combinations = 1;  // C(n + m, n), as a double (exact for the sizes timings have)
  for (std::int64_t k = 1; k <= n; ++k) combinations = combinations * static_cast<double>(m + k) / static_cast<double>(k);
  return std::min(1.0, 2.0 / combinations);
}

std::optional<double> relative_noise(const std::vector<double>& old_samples, const std::vector<double>& new_samples) {
  const std::optional<double> a = relative_spread(old_samples), b = relative_spread(new_samples);
  if (!a || !b) return std::nullopt;
  return std::sqrt((*a * *a + *b * *b) / 2.0);
}

std::optional<double> minimum_detectable_slowdown(const std::vector<double>& old_samples,
                                                  const std::vector<double>& new_samples, double alpha) {
  if (old_samples.empty() || new_samples.empty()) return std::nullopt;
  const auto n = static_cast<std::int64_t>(old_samples.size()), m = static_cast<std::int64_t>(new_samples.size());
  if (mann_whitney_smallest_p(n, m) >= alpha) return std::nullopt;
  const std::optional<double> sigma = relative_noise(old_samples, new_samples);
  if (!sigma) return std::nullopt;
  return (z(1 - alpha / 2) + z(kPower)) * *sigma * std::sqrt(1.0 / n + 1.0 / m) * std::sqrt(M_PI / 3.0);
}

std::int64_t samples_to_detect(double slowdown, double sigma, double alpha) {
  const double k = (z(1 - alpha / 2) + z(kPower)) * sigma / slowdown;
  auto n = static_cast<std::int64_t>(std::ceil(2.0 * k * k * M_PI / 3.0));
  n = std::max<std::int64_t>(n, 2);
  while (mann_whitney_smallest_p(n, n) >= alpha) ++n;
  return n;
}

std::optional<std::string> machine_difference(const StudyResults& old_study, const StudyResults& new_study) {
  for (const char* field : {"gpu.name", "gpu.driver_version", "cuda_version", "libtorch_version", "cpu"}) {
    const std::string a = field_text(old_study.manifest, field), b = field_text(new_study.manifest, field);
    if (a != b) return std::string(field) + ": '" + a + "' vs '" + b + "'";
  }
  return std::nullopt;
}

}  // namespace repro::reports
