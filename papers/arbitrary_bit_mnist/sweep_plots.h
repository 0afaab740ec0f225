// Plot series and table rows shared by the sweeps (formats of StudyContext::add_plot/add_table).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "papers/arbitrary_bit_mnist/verdict_rules.h"

namespace repro::arbitrary_bit_mnist {

// Mean and 95% t interval of a sample (the point itself for one value or a constant sample).
struct MeanWithInterval {
  double mean = 0.0;
  double lower = 0.0;
  double upper = 0.0;
};
MeanWithInterval mean_with_interval(const std::vector<double>& values);

// A series of mean accuracy (percent) against bit size with 95% t-interval error bars.
nlohmann::json accuracy_against_bits_series(const std::string& name,
                                            const AccuracyBySeed& accuracy);

// Table rows: bit size, mean accuracy %, 95% interval, seeds.
nlohmann::json accuracy_rows(const std::string& label, const AccuracyBySeed& accuracy);

// Fractions as percentages.
std::vector<double> as_percent(const std::vector<double>& fractions);

}  // namespace repro::arbitrary_bit_mnist
