#include "papers/arbitrary_bit_mnist/architecture_sweeps.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "common/study_context.h"
#include "papers/arbitrary_bit_mnist/bit_training.h"
#include "papers/arbitrary_bit_mnist/sweep_plots.h"
#include "papers/arbitrary_bit_mnist/verdict_rules.h"
#include "stats/equivalence_test.h"
#include "stats/t_test.h"

namespace repro::arbitrary_bit_mnist {
namespace {

// One point of a sweep: the varied setting's value x at a bit size, over seeds.
struct SweepPoint {
  int bits = 32;
  double x = 0.0;
  std::vector<double> final_accuracy;
  std::vector<double> epochs_to_target;  // censored at budget + 1 evaluation
  std::vector<double> fluctuation;       // std of accuracy over the last 5 evaluations
  std::int64_t converged = 0;
};

struct Sweep {
  std::string id, title, x_label;
  std::vector<SweepPoint> points;
};

double standard_deviation_of_tail(const std::vector<double>& values, std::size_t count) {
  const std::size_t start = values.size() > count ? values.size() - count : 0;
  const std::vector<double> tail(values.begin() + static_cast<std::ptrdiff_t>(start), values.end());
  if (tail.size() < 2) return 0.0;
  const double mean = mean_of(tail);
  double sum = 0;
  for (double v : tail) sum += (v - mean) * (v - mean);
  return std::sqrt(sum / static_cast<double>(tail.size() - 1));
}

SweepPoint run_point(const CnnPlan& cnn, int seeds, int bits, double x, const NetworkShape& shape,
                     std::int64_t batch_size, const MnistTensors& data, std::uint64_t seed,
                     std::ostream& log) {
  SweepPoint point;
  point.bits = bits;
  point.x = x;
  for (int s = 0; s < seeds; ++s) {
    RunConfig config;
    config.shape = shape;
    config.bits = bits;
    config.learning_rate = cnn.learning_rate;
    config.batch_size = batch_size;
    const std::int64_t batches_per_epoch = cnn.train_images / batch_size;
    config.iterations = cnn.epochs * batches_per_epoch;
    config.evaluate_every = std::max<std::int64_t>(1, batches_per_epoch / cnn.evaluations_per_epoch);
    config.evaluation_images = cnn.evaluation_images;
    config.seed = seed + static_cast<std::uint64_t>(s);
    const RunResult run = train_at_bits(config, data);
    point.final_accuracy.push_back(run.final_accuracy);
    const auto reached = first_time_reaching(run.epochs, run.accuracy, cnn.target_accuracy);
    if (reached) ++point.converged;
    point.epochs_to_target.push_back(
        reached ? *reached : static_cast<double>(cnn.epochs) + 1.0 / cnn.evaluations_per_epoch);
    point.fluctuation.push_back(standard_deviation_of_tail(run.accuracy, 5));
  }
  log << fmt::format("  sweep point {} bits, x = {}: accuracy {:.2f}%, {} of {} converged\n", bits,
                     x, 100.0 * mean_of(point.final_accuracy), point.converged, seeds);
  return point;
}

void report(StudyContext& context, const Sweep& sweep) {
  nlohmann::json series = nlohmann::json::array();
  nlohmann::json rows = nlohmann::json::array();
  std::vector<int> bit_sizes;
  for (const auto& point : sweep.points) {
    if (std::find(bit_sizes.begin(), bit_sizes.end(), point.bits) == bit_sizes.end()) {
      bit_sizes.push_back(point.bits);
    }
    rows.push_back({point.bits, point.x, fmt::format("{:.2f}", 100.0 * mean_of(point.final_accuracy)),
                    fmt::format("{:.2f}", mean_of(point.epochs_to_target)),
                    fmt::format("{:.3f}", 100.0 * mean_of(point.fluctuation)), point.converged,
                    point.final_accuracy.size()});
  }
  for (int bits : bit_sizes) {
    std::vector<double> x, y;
    for (const auto& point : sweep.points) {
      if (point.bits != bits) continue;
      x.push_back(point.x);
      y.push_back(100.0 * mean_of(point.final_accuracy));
    }
    series.push_back({{"name", fmt::format("{} bits", bits)}, {"x", x}, {"y", y}});
  }
  // The slide each sweep redraws: the provenance of its published entry.
  const std::map<std::string, std::string> published_key = {
      {"dense_layers", "dense_layers_swept"}, {"dense_units", "dense_units_swept"},
      {"batch_size", "batch_sizes_swept"},    {"initial_weights", "initial_weights_bits"},
      {"conv_layers", "conv_layers_swept"}};
  const auto key = published_key.find(sweep.id);
  context.add_plot({{"id", sweep.id}, {"title", sweep.title}, {"x_label", sweep.x_label},
                    {"y_label", "final test accuracy (%)"}, {"kind", "line"}, {"series", series},
                    {"caption", (key == published_key.end()
                                     ? std::string("Source: not in the paper (this suite's sweep)")
                                     : "Source: " + context.published().entry(key->second).at("provenance")
                                                        .get<std::string>()) +
                                    "; the slide's curves have no printed values to draw. Ours: mean over "
                                    "seeds; no error bars."}});
  context.add_table({{"id", sweep.id},
                     {"title", sweep.title},
                     {"columns", {"bits", sweep.x_label, "accuracy %", "epochs to target",
                                  "fluctuation (points)", "converged", "seeds"}},
                     {"rows", rows}});
}

// (x, value) pairs of every run at one bit size.
void pairs_at(const Sweep& sweep, int bits,
              const std::function<const std::vector<double>&(const SweepPoint&)>& field,
              std::vector<double>& x, std::vector<double>& y) {
  for (const auto& point : sweep.points) {
    if (point.bits != bits) continue;
    for (double value : field(point)) {
      x.push_back(point.x);
      y.push_back(value);
    }
  }
}

stats::Interval slope_at(const Sweep& sweep, int bits,
                         const std::function<const std::vector<double>&(const SweepPoint&)>& field,
                         std::uint64_t seed) {
  std::vector<double> x, y;
  pairs_at(sweep, bits, field, x, y);
  return slope_interval(x, y, seed);
}

const std::vector<double>& accuracy_of(const SweepPoint& p) { return p.final_accuracy; }
const std::vector<double>& epochs_of(const SweepPoint& p) { return p.epochs_to_target; }
const std::vector<double>& fluctuation_of(const SweepPoint& p) { return p.fluctuation; }

nlohmann::json interval_json(const stats::Interval& interval) { return {interval.lower, interval.upper}; }

}  // namespace

void run_architecture_sweeps(StudyContext& context, const CnnPlan& cnn,
                             const ArchitecturePlan& plan, const MnistTensors& data,
                             std::ostream& log) {
  const std::uint64_t seed = context.seed() + 1000;

  if (context.should_decide("dense_layers_slow_convergence")) {
    Sweep sweep{"dense_layers", "Dense layers (100 units each) against bits", "dense layers", {}};
    for (int bits : plan.dense_layer_bits) {
      for (int layers : plan.dense_layers) {
        NetworkShape shape = cnn.shape;
        shape.dense_layers = layers;
        sweep.points.push_back(run_point(cnn, plan.seeds, bits, layers, shape, cnn.batch_size, data, seed, log));
      }
    }
    report(context, sweep);
    // Rule: at every bit size, the bootstrap 95% intervals of the slopes against the number of
    // layers lie above 0 for epochs to target and fluctuation, below 0 for final accuracy.
    bool all = true;
    nlohmann::json measured = nlohmann::json::object();
    for (int bits : plan.dense_layer_bits) {
      const auto epochs = slope_at(sweep, bits, epochs_of, seed);
      const auto accuracy = slope_at(sweep, bits, accuracy_of, seed);
      const auto fluctuation = slope_at(sweep, bits, fluctuation_of, seed);
      all = all && epochs.lower > 0 && accuracy.upper < 0 && fluctuation.lower > 0;
      measured[std::to_string(bits)] = {{"epochs_slope", interval_json(epochs)},
                                        {"accuracy_slope", interval_json(accuracy)},
                                        {"fluctuation_slope", interval_json(fluctuation)}};
    }
    context.decide("dense_layers_slow_convergence",
                   decide_by(all).measured(measured)
                       .rule("at each bit size, 95% bootstrap intervals of the slope against the "
                             "layer count: epochs to target > 0, final accuracy < 0, fluctuation "
                             "(std of the last 5 evaluations) > 0")
                       .reason(all ? "all three trends hold at every bit size"
                                   : "at least one trend is not significant at some bit size"));
  }

  if (context.should_decide("dense_units_help_at_16_bits")) {
    Sweep sweep{"dense_units", "Units in the dense layer against bits", "dense units", {}};
    for (int bits : plan.dense_unit_bits) {
      for (int units : plan.dense_units) {
        NetworkShape shape = cnn.shape;
        shape.dense_units = units;
        sweep.points.push_back(run_point(cnn, plan.seeds, bits, units, shape, cnn.batch_size, data, seed, log));
      }
    }
    report(context, sweep);
    // Rule: at 16 bits the bootstrap 95% interval of the accuracy slope against units is > 0.
    const auto slope = slope_at(sweep, 16, accuracy_of, seed);
    context.decide("dense_units_help_at_16_bits",
                   decide_by(slope.lower > 0)
                       .measured({{"accuracy_slope_per_unit_at_16_bits", interval_json(slope)}})
                       .rule("at 16 bits, the 95% bootstrap interval of the slope of final "
                             "accuracy against dense units lies above 0")
                       .reason(fmt::format("slope interval {:.2e}..{:.2e} per unit", slope.lower, slope.upper)));
  }

  if (context.should_decide("batch_size_speed_not_accuracy")) {
    Sweep sweep{"batch_size", "Batch size (32 bits)", "log2 batch size", {}};
    for (std::int64_t batch : plan.batch_sizes) {
      sweep.points.push_back(run_point(cnn, plan.seeds, 32, std::log2(static_cast<double>(batch)),
                                       cnn.shape, batch, data, seed, log));
    }
    report(context, sweep);
    // Rule: smallest and largest batch equivalent in accuracy within ±1 point (Welch TOST,
    // α 0.05), and the epochs-to-target slope against log2 batch size has its interval above 0.
    const auto equivalence = stats::welch_equivalence_test(
        sweep.points.front().final_accuracy, sweep.points.back().final_accuracy, 0.01);
    const auto epochs = slope_at(sweep, 32, epochs_of, seed);
    const bool holds = equivalence.equivalent && epochs.lower > 0;
    context.decide("batch_size_speed_not_accuracy",
                   decide_by(holds)
                       .measured({{"accuracy_tost_p", equivalence.p_value},
                                  {"epochs_slope_per_doubling", interval_json(epochs)}})
                       .rule("accuracy of the smallest and largest batch equivalent within ±1 "
                             "point (Welch TOST, alpha 0.05) and the 95% bootstrap interval of "
                             "the epochs-to-target slope against log2(batch) above 0")
                       .reason(fmt::format("TOST p = {:.3g}; epochs slope {:.2f}..{:.2f} per doubling",
                                           equivalence.p_value, epochs.lower, epochs.upper)));
  }

  if (context.should_decide("initial_weights_matter")) {
    Sweep sweep{"initial_weights", "Initial weight scale against bits", "initial weight std", {}};
    for (int bits : plan.initial_weight_bits) {
      for (double std_dev : plan.initial_weight_stds) {
        NetworkShape shape = cnn.shape;
        shape.initial_weight_std = std_dev;
        sweep.points.push_back(run_point(cnn, plan.seeds, bits, std_dev, shape, cnn.batch_size, data, seed, log));
      }
    }
    report(context, sweep);
    // Rule: at each bit size, the smallest and largest initial scale differ (Welch t, p < 0.05)
    // in final accuracy and in epochs to target.
    bool sensitive = true;
    nlohmann::json measured = nlohmann::json::object();
    for (int bits : plan.initial_weight_bits) {
      const SweepPoint* first = nullptr;
      const SweepPoint* last = nullptr;
      for (const auto& point : sweep.points) {
        if (point.bits != bits) continue;
        if (!first) first = &point;
        last = &point;
      }
      const auto accuracy = stats::welch_t_test(first->final_accuracy, last->final_accuracy);
      const auto epochs = stats::welch_t_test(first->epochs_to_target, last->epochs_to_target);
      const auto significant = [](const stats::TTestResult& t) {
        return !std::isnan(t.p_value) ? t.p_value < 0.05 : false;
      };
      sensitive = sensitive && significant(accuracy) && significant(epochs);
      measured[std::to_string(bits)] = {{"accuracy_p", accuracy.p_value}, {"epochs_p", epochs.p_value}};
    }
    context.decide("initial_weights_matter",
                   decide_by(sensitive).measured(measured)
                       .rule("at 16 and 20 bits, the smallest and largest initial weight scales "
                             "differ in final accuracy and in epochs to target (Welch t, p < 0.05)")
                       .reason(sensitive ? "both differ at both bit sizes"
                                         : "some difference is not significant"));
  }

  if (context.should_decide("conv_layers_convergence")) {
    Sweep sweep{"conv_layers", "Convolutional layers (one dense layer) against bits", "conv layers", {}};
    for (int bits : plan.conv_layer_bits) {
      for (int layers : plan.conv_layers) {
        NetworkShape shape = cnn.shape;
        shape.conv_layers = layers;
        shape.dense_layers = 1;
        sweep.points.push_back(run_point(cnn, plan.seeds, bits, layers, shape, cnn.batch_size, data, seed, log));
      }
    }
    report(context, sweep);
    // Rule: (a) at every bit size 1 layer has the smallest mean epochs to target; (b) no run with
    // >= 3 layers converges; (c) the smallest bit size at which any 1- or 2-layer run converges
    // is 18 ± 1.
    bool one_fastest = true, deep_never = true;
    int threshold = 0;
    for (int bits : plan.conv_layer_bits) {
      double one_layer = 0, best_other = 1e300;
      for (const auto& point : sweep.points) {
        if (point.bits != bits) continue;
        if (point.x == 1) one_layer = mean_of(point.epochs_to_target);
        else best_other = std::min(best_other, mean_of(point.epochs_to_target));
        if (point.x >= 3 && point.converged > 0) deep_never = false;
        if (point.x <= 2 && point.converged > 0 && threshold == 0) threshold = bits;
      }
      one_fastest = one_fastest && one_layer <= best_other;
    }
    const bool holds = one_fastest && deep_never && threshold >= 17 && threshold <= 19;
    context.decide("conv_layers_convergence",
                   decide_by(holds)
                       .measured({{"one_layer_fastest_everywhere", one_fastest},
                                  {"three_or_more_never_converge", deep_never},
                                  {"convergence_threshold_bits", threshold}})
                       .rule("(a) 1 conv layer has the smallest mean epochs to target at every "
                             "bit size, (b) no run with >= 3 conv layers reaches the target, (c) "
                             "the smallest bit size where a 1- or 2-layer run converges is 18 ± 1")
                       .reason(fmt::format("one layer fastest everywhere: {}; >= 3 layers never "
                                           "converge: {}; convergence from {} bits",
                                           one_fastest, deep_never, threshold)));
  }
}

}  // namespace repro::arbitrary_bit_mnist
