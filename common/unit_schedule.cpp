#include "common/unit_schedule.h"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

#include "base/errors.h"

namespace repro {
namespace {

std::vector<int> lpt(const std::vector<PlannedUnit>& units, const std::vector<std::size_t>& indices, int bins,
                     std::vector<double>& load) {
  if (bins < 1) throw InputError("shards and workers must be at least 1");
  std::vector<std::size_t> order = indices;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (units[a].estimated_seconds != units[b].estimated_seconds) {
      return units[a].estimated_seconds > units[b].estimated_seconds;
    }
    return units[a].file_stem < units[b].file_stem;
  });
  load.assign(static_cast<std::size_t>(bins), 0.0);
  std::vector<int> bin_of(units.size(), 0);
  for (std::size_t index : order) {
    const auto least = std::min_element(load.begin(), load.end()) - load.begin();  // first minimum
    load[static_cast<std::size_t>(least)] += units[index].estimated_seconds;
    bin_of[index] = static_cast<int>(least) + 1;
  }
  return bin_of;
}

}  // namespace

std::vector<int> assign_to_shards(const std::vector<PlannedUnit>& units, int shards) {
  std::vector<std::size_t> all(units.size());
  std::iota(all.begin(), all.end(), 0);
  std::vector<double> load;
  return lpt(units, all, shards, load);
}

double projected_wall_seconds(const std::vector<PlannedUnit>& units, int workers) {
  std::vector<std::size_t> unfinished;
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (!units[i].finished) unfinished.push_back(i);
  }
  std::vector<double> load;
  lpt(units, unfinished, workers, load);
  return *std::max_element(load.begin(), load.end());
}

double unfinished_seconds(const std::vector<PlannedUnit>& units) {
  double total = 0.0;
  for (const PlannedUnit& unit : units) {
    if (!unit.finished) total += unit.estimated_seconds;
  }
  return total;
}

std::string work_time_text(double seconds) {
  if (seconds < 120.0) return fmt::format("{:.0f} s", seconds);
  if (seconds < 7200.0) return fmt::format("{:.0f} min", seconds / 60.0);
  return fmt::format("{:.1f} h", seconds / 3600.0);
}

}  // namespace repro
