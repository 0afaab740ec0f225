// Investigation driver (not a test): trains readings of the slides' fixed-point flow on real
// FashionMNIST and prints, per run and epoch, the test accuracy and each role's telemetry.
//
//   fixed_point_numerics_investigation DATA_DIR TRAIN_IMAGES EPOCHS SEED READING...
// READING: FORMATS[+FLAG...] with FORMATS baseline | optimized | fp32 and FLAG
//   qat            float master weights, quantized forward copies
//   float-errors   errors (gradients between layers) unquantized
//   float-wgrads   weight and bias gradients unquantized
//   float-grads    both
//   summed-loss    loss summed over the batch (gradients x batch size)
//   standardized   inputs (x - mean) / deviation
//   stochastic     stochastic rounding in every fixed-point role
// e.g. fixed_point_numerics_investigation /work/shared/data/fashion-mnist 0 5 1 baseline
//      baseline+float-grads optimized+qat
// TRAIN_IMAGES 0 = all 60,000; the full 10,000-image test set. Two runs train at once.
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "base/errors.h"
#include "papers/fixed_point_fashion_mnist/run_grid.h"

namespace fp = repro::fixed_point_fashion_mnist;
namespace q = repro::quantization;

namespace {

fp::RoleFormats formats_of(const std::string& name) {
  if (name == "baseline") return {{16, 8}, {16, 10}, {16, 10}, {24, 12}, {16, 8}};
  if (name == "optimized") return {{16, 4}, {16, 9}, {16, 11}, {16, 11}, {10, 8}};
  throw repro::InputError("unknown formats '" + name + "'");
}

fp::Configuration configuration_of(const std::string& text, std::int64_t epochs) {
  fp::Configuration configuration;
  configuration.name = text;
  configuration.epochs = epochs;
  std::stringstream parts(text);
  std::string part;
  std::getline(parts, part, '+');
  if (part != "fp32") configuration.formats = formats_of(part);
  while (std::getline(parts, part, '+')) {
    fp::FlowReading& reading = configuration.reading;
    if (part == "qat") reading.parameters_stored_in_formats = false;
    else if (part == "float-errors") reading.quantize_errors = false;
    else if (part == "float-wgrads") reading.quantize_weight_gradients = false;
    else if (part == "float-grads") reading.quantize_errors = reading.quantize_weight_gradients = false;
    else if (part == "summed-loss") reading.summed_loss = true;
    else if (part == "standardized") reading.standardized_inputs = true;
    else if (part == "stochastic") configuration.choice.with_rounding(repro::kernels::Rounding::stochastic);
    else throw repro::InputError("unknown flag '" + part + "'");
  }
  return configuration;
}

void print_run(const fp::RunResult& run) {
  std::cout << fmt::format("== {} seed {}: final {:.2f}% in {:.1f} s\n", run.configuration,
                           run.seed, 100.0 * run.accuracy(), run.duration_ms / 1000.0);
  for (std::size_t epoch = 0; epoch < run.epoch_test_accuracy.size(); ++epoch) {
    std::cout << fmt::format("  epoch {}: test {:.2f}%  train loss {:.4f}\n", epoch + 1,
                             100.0 * run.epoch_test_accuracy[epoch],
                             epoch < run.epoch_train_loss.size() ? run.epoch_train_loss[epoch]
                                                                 : 0.0);
    if (epoch >= run.numerics.size()) continue;
    for (q::Role role : q::kAllRoles) {
      const q::RoleCounts& counts = run.numerics[epoch].roles[static_cast<int>(role)];
      if (counts.empty()) continue;
      std::cout << fmt::format(
          "    {:<17} {:<12} sat {:7.3f}%  under {:7.3f}%  nonfinite {:6.3f}%  stagnant {}\n",
          q::role_name(role), counts.format, 100.0 * q::fraction(counts.saturated, counts.values),
          100.0 * q::fraction(counts.underflowed, counts.values),
          100.0 * q::fraction(counts.nonfinite, counts.values),
          counts.parameter_elements > 0
              ? fmt::format("{:7.3f}%", 100.0 * q::fraction(counts.stagnant, counts.parameter_elements))
              : std::string("-"));
    }
  }
  std::cout << std::flush;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 6) {
    std::cerr << "usage: " << argv[0] << " DATA_DIR TRAIN_IMAGES EPOCHS SEED READING...\n";
    return 2;
  }
  const fp::FashionData data = fp::load_fashion_mnist(argv[1], std::atoll(argv[2]), 0);
  const std::int64_t epochs = std::atoll(argv[3]);
  const auto seed = static_cast<std::uint64_t>(std::atoll(argv[4]));
  std::vector<fp::RunJob> jobs;
  for (int i = 5; i < argc; ++i) jobs.push_back({configuration_of(argv[i], epochs), seed});
  const fp::ResultSet results = fp::run_jobs(jobs, data, torch::Device(torch::kCPU), 2, std::cout);
  for (const auto& job : jobs) {
    for (const auto& run : results.runs(job.configuration.name)) print_run(run);
  }
  return 0;
}
