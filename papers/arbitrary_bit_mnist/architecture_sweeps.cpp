#include "papers/arbitrary_bit_mnist/architecture_sweeps.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "common/study_context.h"
#include "data/deterministic_random.h"
#include "papers/arbitrary_bit_mnist/bit_training.h"
#include "papers/arbitrary_bit_mnist/claim_ids.h"
#include "papers/arbitrary_bit_mnist/sweep_plots.h"
#include "papers/arbitrary_bit_mnist/verdict_rules.h"

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
                     std::ostream& log, const BitRunUnits& units) {
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
    const RunResult run = train_unit_at_bits(units, "architecture", config, data);
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
      {"positive_initial_weights", "initial_weights_positive_accuracy"},
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

// The least-squares slope at one bit size with its 95% bootstrap interval (pairs resampled).
Estimate slope_at(const Sweep& sweep, int bits,
                  const std::function<const std::vector<double>&(const SweepPoint&)>& field, std::uint64_t seed) {
  std::vector<double> x, y;
  pairs_at(sweep, bits, field, x, y);
  return {fit_line(x, y).slope, slope_interval(x, y, seed),
          fmt::format("least squares over {} runs at {} bits; 95% bootstrap percentile", x.size(), bits)};
}

const std::vector<double>& accuracy_of(const SweepPoint& p) { return p.final_accuracy; }
const std::vector<double>& epochs_of(const SweepPoint& p) { return p.epochs_to_target; }
const std::vector<double>& fluctuation_of(const SweepPoint& p) { return p.fluctuation; }

}  // namespace

void run_architecture_sweeps(StudyContext& context, const CnnPlan& cnn,
                             const ArchitecturePlan& plan, const MnistTensors& data,
                             std::ostream& log, const BitRunUnits& units) {
  const std::uint64_t seed = data::mix_seed(context.seed(), 1000);
  // The sweeps train the CNN plan's epochs on its images: the same budget as its claims.
  const TierBudget budget = cnn_budget(
      cnn, static_cast<std::int64_t>(context.published().number("cnn_convergence_iterations")), kMnistTrainImages);
  // Practical margins stated with the rules before any run: one point of accuracy; one epoch,
  // the resolution of epochs to target at one evaluation per epoch.
  const Margin accuracy_margin{1.0, "points", "practical margin: one point of test accuracy"};
  const Margin epochs_margin{1.0, "epochs", "one epoch: the resolution of epochs to target (one evaluation per epoch)"};

  if (context.should_decide(kDenseLayersSlowConvergence)) {
    Sweep sweep{"dense_layers", "Dense layers (100 units each) against bits", "dense layers", {}};
    for (int bits : plan.dense_layer_bits) {
      for (int layers : plan.dense_layers) {
        NetworkShape shape = cnn.shape;
        shape.dense_layers = layers;
        sweep.points.push_back(run_point(cnn, plan.seeds, bits, layers, shape, cnn.batch_size, data, seed, log, units));
      }
    }
    report(context, sweep);
    // At every bit size, slopes against the layer count: epochs to target up, final accuracy
    // down, fluctuation (std of the last 5 evaluations) up.
    std::vector<Trend> trends;
    for (int bits : plan.dense_layer_bits) {
      trends.push_back({fmt::format("epochs-to-target slope per layer at {} bits", bits),
                        slope_at(sweep, bits, epochs_of, seed), true});
      trends.push_back({fmt::format("accuracy slope per layer at {} bits", bits), slope_at(sweep, bits, accuracy_of, seed),
                        false});
      trends.push_back({fmt::format("fluctuation slope per layer at {} bits", bits),
                        slope_at(sweep, bits, fluctuation_of, seed), true});
    }
    context.decide(kDenseLayersSlowConvergence,
                   budget.limit(trends_rule(kTrendsRule, trends,
                                            "more dense layers: slower convergence, lower accuracy, more fluctuation "
                                            "(bootstrap slope intervals at each bit size)")));
  }

  if (context.should_decide(kDenseUnitsHelpAt16Bits)) {
    Sweep sweep{"dense_units", "Units in the dense layer against bits", "dense units", {}};
    for (int bits : plan.dense_unit_bits) {
      for (int dense_units : plan.dense_units) {
        NetworkShape shape = cnn.shape;
        shape.dense_units = dense_units;
        sweep.points.push_back(run_point(cnn, plan.seeds, bits, dense_units, shape, cnn.batch_size, data, seed, log, units));
      }
    }
    report(context, sweep);
    context.decide(kDenseUnitsHelpAt16Bits,
                   budget.limit(trends_rule(kTrendsRule, {{"accuracy slope per dense unit at 16 bits",
                                                           slope_at(sweep, 16, accuracy_of, seed), true}},
                                            "at 16 bits more dense units give higher accuracy (bootstrap slope interval)")));
  }

  if (context.should_decide(kBatchSizeSpeedNotAccuracy)) {
    Sweep sweep{"batch_size", "Batch size (32 bits)", "log2 batch size", {}};
    for (std::int64_t batch : plan.batch_sizes) {
      sweep.points.push_back(run_point(cnn, plan.seeds, 32, std::log2(static_cast<double>(batch)),
                                       cnn.shape, batch, data, seed, log, units));
    }
    report(context, sweep);
    context.decide(kBatchSizeSpeedNotAccuracy,
                   budget.limit(batch_size_rule(welch_difference(sweep.points.front().final_accuracy,
                                                                 sweep.points.back().final_accuracy, 100.0),
                                                slope_at(sweep, 32, epochs_of, seed), accuracy_margin)));
  }

  if (context.should_decide(kInitialWeightsMatter)) {
    Sweep sweep{"initial_weights", "Initial weight scale against bits", "initial weight std", {}};
    for (int bits : plan.initial_weight_bits) {
      for (double std_dev : plan.initial_weight_stds) {
        NetworkShape shape = cnn.shape;
        shape.initial_weight_std = std_dev;
        sweep.points.push_back(run_point(cnn, plan.seeds, bits, std_dev, shape, cnn.batch_size, data, seed, log, units));
      }
    }
    report(context, sweep);
    // At each bit size, the smallest and largest initial scale differ in final accuracy and in
    // epochs to target (Welch intervals, each against its margin).
    std::vector<Difference> differences;
    for (int bits : plan.initial_weight_bits) {
      const SweepPoint* first = nullptr;
      const SweepPoint* last = nullptr;
      for (const auto& point : sweep.points) {
        if (point.bits != bits) continue;
        if (!first) first = &point;
        last = &point;
      }
      differences.push_back({fmt::format("accuracy, smallest − largest initial scale, {} bits", bits), "points",
                             welch_difference(first->final_accuracy, last->final_accuracy, 100.0), accuracy_margin});
      differences.push_back({fmt::format("epochs to target, smallest − largest initial scale, {} bits", bits), "epochs",
                             welch_difference(first->epochs_to_target, last->epochs_to_target, 1.0), epochs_margin});
    }
    context.decide(kInitialWeightsMatter, budget.limit(initial_weights_rule(differences)));
  }

  if (context.should_decide(kInitialWeightsPositiveAbout80)) {
    Sweep sweep{"positive_initial_weights", "Positive initial weights (|N(0, std²)|) against bits",
                "initial weight std", {}};
    std::map<int, std::vector<double>> accuracy_by_bits;
    for (int bits : plan.initial_weight_bits) {
      NetworkShape shape = cnn.shape;
      shape.positive_initial_weights = true;
      sweep.points.push_back(run_point(cnn, plan.seeds, bits, shape.initial_weight_std, shape, cnn.batch_size, data,
                                       seed, log, units));
      accuracy_by_bits[bits] = sweep.points.back().final_accuracy;
    }
    report(context, sweep);
    // "About 80 %": a round number, so half a unit of its last significant digit (10 points).
    const Margin about_margin{5.0, "points",
                              "the slide's 'about 80%' is a round number: half a unit of its last significant "
                              "digit (10 points), stated before any run"};
    context.decide(kInitialWeightsPositiveAbout80,
                   budget.limit(positive_initial_accuracy_rule(
                       context.published().number("initial_weights_positive_accuracy"), accuracy_by_bits,
                       about_margin)));
  }

  if (context.should_decide(kConvLayersConvergence)) {
    Sweep sweep{"conv_layers", "Convolutional layers (one dense layer) against bits", "conv layers", {}};
    for (int bits : plan.conv_layer_bits) {
      for (int layers : plan.conv_layers) {
        NetworkShape shape = cnn.shape;
        shape.conv_layers = layers;
        shape.dense_layers = 1;
        sweep.points.push_back(run_point(cnn, plan.seeds, bits, layers, shape, cnn.batch_size, data, seed, log, units));
      }
    }
    report(context, sweep);
    double lead = std::numeric_limits<double>::infinity();
    std::int64_t deep_converged = 0;
    int threshold = 0;
    for (int bits : plan.conv_layer_bits) {
      double one_layer = 0, best_other = std::numeric_limits<double>::infinity();
      for (const auto& point : sweep.points) {
        if (point.bits != bits) continue;
        if (point.x == 1) one_layer = mean_of(point.epochs_to_target);
        else best_other = std::min(best_other, mean_of(point.epochs_to_target));
        if (point.x >= 3) deep_converged += point.converged;
        if (point.x <= 2 && point.converged > 0 && threshold == 0) threshold = bits;
      }
      lead = std::min(lead, best_other - one_layer);
    }
    // "18 bits is the threshold", printed as an integer: half a unit (0.5) plus half the swept
    // grid's spacing at 18 bits (the first converging grid size locates the threshold to half a step).
    const double published_threshold = context.published().number("conv_layers_threshold_bits");
    const double spacing = grid_spacing_at(plan.conv_layer_bits, published_threshold);
    const Margin threshold_margin{0.5 + 0.5 * spacing, "bits",
                                  fmt::format("half a unit of the printed integer plus half the grid spacing ({:g})",
                                              spacing)};
    context.decide(kConvLayersConvergence,
                   budget.limit(conv_layers_rule(lead, deep_converged, threshold, published_threshold, threshold_margin)));
  }
}

}  // namespace repro::arbitrary_bit_mnist
