#include "papers/arbitrary_bit_mnist/gradient_error.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/errors.h"
#include "common/study_context.h"
#include "data/deterministic_random.h"
#include "papers/arbitrary_bit_mnist/bit_formats.h"
#include "papers/arbitrary_bit_mnist/claim_ids.h"
#include "papers/arbitrary_bit_mnist/verdict_rules.h"
#include "stats/bootstrap.h"

namespace repro::arbitrary_bit_mnist {
namespace {

// One draw: an input, its label and the two weight matrices (row-major [out][in]), as float32.
struct Draw {
  std::vector<float> x;
  int label = 0;
  std::vector<float> w1, w2;
};

// What the backward pass needs of the forward pass.
struct ForwardValues {
  std::vector<double> z1, a1, p;
};

struct Gradient {
  std::vector<double> w1, w2;
};

Draw draw_one(const GradientErrorOptions& options, std::mt19937_64& generator) {
  std::uniform_real_distribution<double> pixel(0.0, 1.0);
  std::normal_distribution<double> weight(0.0, options.weight_std);
  const double limit = 2.0 * options.weight_std;
  const auto clamped = [&] { return static_cast<float>(std::clamp(weight(generator), -limit, limit)); };
  Draw draw;
  for (int i = 0; i < options.inputs; ++i) draw.x.push_back(static_cast<float>(pixel(generator)));
  draw.label = static_cast<int>(generator() % static_cast<std::uint64_t>(options.classes));
  for (int i = 0; i < options.hidden * options.inputs; ++i) draw.w1.push_back(clamped());
  for (int i = 0; i < options.classes * options.hidden; ++i) draw.w2.push_back(clamped());
  return draw;
}

std::vector<double> softmax(const std::vector<double>& z) {
  const double top = *std::max_element(z.begin(), z.end());
  std::vector<double> p;
  double sum = 0.0;
  for (double v : z) sum += std::exp(v - top);
  for (double v : z) p.push_back(std::exp(v - top) / sum);
  return p;
}

ForwardValues forward_exact(const Draw& d, int inputs, int hidden, int classes) {
  ForwardValues f;
  for (int j = 0; j < hidden; ++j) {
    double s = 0.0;
    for (int i = 0; i < inputs; ++i) s += static_cast<double>(d.w1[j * inputs + i]) * d.x[i];
    f.z1.push_back(s);
    f.a1.push_back(std::max(s, 0.0));
  }
  std::vector<double> z2;
  for (int k = 0; k < classes; ++k) {
    double s = 0.0;
    for (int j = 0; j < hidden; ++j) s += static_cast<double>(d.w2[k * hidden + j]) * f.a1[j];
    z2.push_back(s);
  }
  f.p = softmax(z2);
  return f;
}

// Every operation truncated: operands stored in N bits, each product and each partial sum of a
// sequential dot product, the softmax's shift, exponentials, sum and quotients.
ForwardValues forward_truncated(const Draw& d, int inputs, int hidden, int classes, const Truncator& t) {
  const auto dot = [&](const std::vector<float>& w, int row, int width, const std::vector<float>& v) {
    float s = 0.0f;
    for (int i = 0; i < width; ++i) s = t(s + t(t(w[row * width + i]) * t(v[i])));
    return s;
  };
  ForwardValues f;
  std::vector<float> a1;
  for (int j = 0; j < hidden; ++j) {
    const float z = dot(d.w1, j, inputs, d.x);
    f.z1.push_back(z);
    a1.push_back(std::max(z, 0.0f));
    f.a1.push_back(a1.back());
  }
  std::vector<float> z2;
  for (int k = 0; k < classes; ++k) z2.push_back(dot(d.w2, k, hidden, a1));
  const float top = *std::max_element(z2.begin(), z2.end());
  std::vector<float> e;
  float sum = 0.0f;
  for (float z : z2) {
    e.push_back(t(std::exp(t(z - top))));
    sum = t(sum + e.back());
  }
  for (float v : e) f.p.push_back(t(v / sum));
  return f;
}

Gradient backward_exact(const Draw& d, const ForwardValues& f, int inputs, int hidden, int classes) {
  Gradient g;
  std::vector<double> d2;
  for (int k = 0; k < classes; ++k) d2.push_back(f.p[k] - (k == d.label ? 1.0 : 0.0));
  for (int k = 0; k < classes; ++k) {
    for (int j = 0; j < hidden; ++j) g.w2.push_back(d2[k] * f.a1[j]);
  }
  for (int j = 0; j < hidden; ++j) {
    double d1 = 0.0;
    if (f.z1[j] > 0) {
      for (int k = 0; k < classes; ++k) d1 += static_cast<double>(d.w2[k * hidden + j]) * d2[k];
    }
    for (int i = 0; i < inputs; ++i) g.w1.push_back(d1 * d.x[i]);
  }
  return g;
}

Gradient backward_truncated(const Draw& d, const ForwardValues& f, int inputs, int hidden, int classes,
                            const Truncator& t) {
  const auto stored = [&](double v) { return t(static_cast<float>(v)); };
  Gradient g;
  std::vector<float> d2;
  for (int k = 0; k < classes; ++k) d2.push_back(t(stored(f.p[k]) - (k == d.label ? 1.0f : 0.0f)));
  for (int k = 0; k < classes; ++k) {
    for (int j = 0; j < hidden; ++j) g.w2.push_back(t(d2[k] * stored(f.a1[j])));
  }
  for (int j = 0; j < hidden; ++j) {
    float d1 = 0.0f;
    if (f.z1[j] > 0) {
      for (int k = 0; k < classes; ++k) d1 = t(d1 + t(t(d.w2[k * hidden + j]) * d2[k]));
    }
    for (int i = 0; i < inputs; ++i) g.w1.push_back(t(d1 * t(d.x[i])));
  }
  return g;
}

double relative_error(const Gradient& approximate, const Gradient& exact) {
  double error = 0.0, norm = 0.0;
  const auto add = [&](const std::vector<double>& a, const std::vector<double>& e) {
    for (std::size_t i = 0; i < e.size(); ++i) {
      error += (a[i] - e[i]) * (a[i] - e[i]);
      norm += e[i] * e[i];
    }
  };
  add(approximate.w1, exact.w1);
  add(approximate.w2, exact.w2);
  return std::sqrt(error / norm);
}

void check(const GradientErrorOptions& options) {
  if (options.bits.size() < 3) throw InputError("arbitrary_bit_mnist: the gradient error needs >= 3 bit sizes");
  for (int bits : options.bits) {
    if (bits < 10 || bits > 31) {
      throw InputError(fmt::format("arbitrary_bit_mnist: gradient error bit size {} is outside 10..31", bits));
    }
  }
  if (options.inputs < 1 || options.hidden < 1 || options.classes < 2 || options.trials < 2 ||
      !(options.weight_std > 0)) {
    throw InputError("arbitrary_bit_mnist: the gradient error needs inputs, hidden >= 1, classes >= 2, "
                     "trials >= 2 and a positive weight std");
  }
}

}  // namespace

GradientErrorMeasurement measure_gradient_error(const GradientErrorOptions& options) {
  check(options);
  GradientErrorMeasurement m;
  m.bits = options.bits;
  m.forward_error.resize(options.bits.size());
  m.backward_error.resize(options.bits.size());
  for (int bits : options.bits) m.epsilon.push_back(bit_format_epsilon(bits));
  std::mt19937_64 generator(options.seed);
  const int n = options.inputs, h = options.hidden, c = options.classes;
  for (int trial = 0; trial < options.trials; ++trial) {
    const Draw d = draw_one(options, generator);
    const ForwardValues exact_forward = forward_exact(d, n, h, c);
    const Gradient exact = backward_exact(d, exact_forward, n, h, c);
    for (std::size_t b = 0; b < options.bits.size(); ++b) {
      const Truncator t(options.bits[b]);
      m.forward_error[b].push_back(relative_error(backward_exact(d, forward_truncated(d, n, h, c, t), n, h, c), exact));
      m.backward_error[b].push_back(relative_error(backward_truncated(d, exact_forward, n, h, c, t), exact));
    }
  }
  return m;
}

ErrorOrder error_order(const std::vector<double>& epsilon, const std::vector<std::vector<double>>& error_by_trial,
                       std::uint64_t seed, int resamples) {
  std::vector<double> log_epsilon;
  for (double e : epsilon) log_epsilon.push_back(std::log2(e));
  const auto slope_of = [&](const std::vector<double>& indices) {
    std::vector<double> log_mean;
    for (const auto& errors : error_by_trial) {
      double sum = 0.0;
      for (double index : indices) sum += errors[static_cast<std::size_t>(index)];
      log_mean.push_back(std::log2(sum / static_cast<double>(indices.size())));
    }
    return fit_line(log_epsilon, log_mean).slope;
  };
  std::vector<double> all;
  for (std::size_t t = 0; t < error_by_trial.front().size(); ++t) all.push_back(static_cast<double>(t));
  const stats::Interval interval = stats::bootstrap_percentile_interval(
      all, slope_of, stats::BootstrapOptions().resamples(resamples).seed(seed));
  return {slope_of(all), interval.lower, interval.upper};
}

void decide_gradient_error(StudyContext& context) {
  const ClaimId dominates = kErrorAnalysisForwardDominates;
  const ClaimId order = kErrorAnalysisBackwardOrder;
  // The published.json entry of the printed order (a published key, named as its claim).
  const std::string order_entry = "error_analysis_backward_order";
  if (!context.should_decide(dominates) && !context.should_decide(order)) return;
  GradientErrorOptions options;
  options.trials = context.tier() == Tier::smoke ? 10 : 40;
  options.seed = data::mix_seed(context.seed(), 19);
  const GradientErrorMeasurement m = measure_gradient_error(options);
  const std::uint64_t bootstrap_seed = data::mix_seed(context.seed(), 20);
  const ErrorOrder forward_order = error_order(m.epsilon, m.forward_error, bootstrap_seed);
  const ErrorOrder backward_order = error_order(m.epsilon, m.backward_error, bootstrap_seed);

  std::vector<BitsRatio> ratios;
  nlohmann::json rows = nlohmann::json::array();
  std::vector<double> log_epsilon, forward_mean, backward_mean;
  for (std::size_t b = 0; b < m.bits.size(); ++b) {
    ratios.push_back({m.bits[b], paired_ratio(m.forward_error[b], m.backward_error[b])});
    forward_mean.push_back(mean_of(m.forward_error[b]));
    backward_mean.push_back(mean_of(m.backward_error[b]));
    log_epsilon.push_back(std::log2(m.epsilon[b]));
    rows.push_back({m.bits[b], fmt::format("2^{}", -(m.bits[b] - 9)), fmt::format("{:.4g}", forward_mean.back()),
                    fmt::format("{:.4g}", backward_mean.back()),
                    fmt::format("{:.3g} [{:.3g}, {:.3g}]", ratios.back().ratio.geometric_mean,
                                ratios.back().ratio.interval.lower, ratios.back().ratio.interval.upper)});
  }
  const std::string setting = fmt::format(
      "dense {}-{}-{} (ReLU, softmax cross entropy, no biases), inputs U(0, 1), weights N(0, {:g}²) within ±2 std, "
      "{} draws; N-bit: mask:N after every operation, sequential sums",
      options.inputs, options.hidden, options.classes, options.weight_std, options.trials);
  context.add_table({{"id", "gradient_error"},
                     {"title", "Relative weight-gradient error of one step with N-bit truncating arithmetic in "
                               "one pass only (" + setting + ")"},
                     {"columns", {"bits N", "ε", "forward-only error", "backward-only error",
                                  "forward / backward (geometric mean, 95% CI)"}},
                     {"rows", rows}});
  std::vector<double> epsilon = m.epsilon;
  context.add_plot({{"id", "gradient_error"},
                    {"title", "Gradient error against ε: forward pass truncated against backward pass truncated"},
                    {"x_label", "ε = 2^-(N-9)"},
                    {"y_label", "relative gradient error ||g~ - g|| / ||g||"},
                    {"kind", "line"},
                    {"log_x", true},
                    {"log_y", true},
                    {"series", {{{"name", "forward pass N-bit"}, {"x", epsilon}, {"y", forward_mean}},
                                {{"name", "backward pass N-bit"}, {"x", epsilon}, {"y", backward_mean}}}},
                    {"caption", "Source: " +
                                    context.published().entry(order_entry).at("provenance")
                                        .get<std::string>() +
                                    " (no printed values to draw). Ours: mean over draws; no error bars. A slope of "
                                    "1 on these axes is an error of order ε, a slope of 2 of order ε²."}});

  nlohmann::json measured = {{"bits", m.bits},
                             {"epsilon", m.epsilon},
                             {"forward_only_mean_error", forward_mean},
                             {"backward_only_mean_error", backward_mean},
                             {"forward_order", {{"slope", forward_order.slope},
                                                {"interval", {forward_order.lower, forward_order.upper}}}},
                             {"backward_order", {{"slope", backward_order.slope},
                                                 {"interval", {backward_order.lower, backward_order.upper}}}},
                             {"draws", options.trials},
                             {"setting", setting}};
  if (context.should_decide(dominates)) {
    Decision decision = forward_dominates_rule(ratios);
    context.decide(dominates, decision.measured(measured)
                                  .reason(decision.reason() + fmt::format(
                                      ". Forward-only error {:.3g} to {:.3g}, backward-only {:.3g} to {:.3g} "
                                      "({} to {} bits)",
                                      forward_mean.front(), forward_mean.back(), backward_mean.front(),
                                      backward_mean.back(), m.bits.front(), m.bits.back())));
  }
  if (context.should_decide(order)) {
    // The published value is the printed order, "ε²": the exponent 2.
    const std::string printed = context.published().entry(order_entry).at("value").get<std::string>();
    if (printed != "ε²") {
      throw InputError("arbitrary_bit_mnist: published.json " + order_entry + " is \"" + printed +
                       "\"; this claim reads the order of \"ε²\" only");
    }
    const double published_order = 2.0;
    const Margin margin{0.5, "",
                        "an order is an integer exponent of ε: ±0.5 is halfway to the neighbouring orders "
                        "(stated with the rule before any run)"};
    const Estimate slope{backward_order.slope, {backward_order.lower, backward_order.upper},
                         fmt::format("least squares of log2(mean error) on log2 ε over {} bit sizes; 95% "
                                     "bootstrap percentile, draws resampled",
                                     m.bits.size())};
    Decision decision = error_order_rule(published_order, slope, margin);
    context.decide(order, decision.measured(measured)
                              .reason(decision.reason() + fmt::format(
                                  ". Backward-only error order {:.3f} [{:.3f}, {:.3f}]; forward-only, for "
                                  "comparison, {:.3f} [{:.3f}, {:.3f}]",
                                  backward_order.slope, backward_order.lower, backward_order.upper,
                                  forward_order.slope, forward_order.lower, forward_order.upper)));
  }
}

}  // namespace repro::arbitrary_bit_mnist
