#include "papers/arbitrary_bit_mnist/bit_training.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <random>

#include <torch/torch.h>

#include "common/errors.h"
#include "common/quantization/quantize_tensor.h"

namespace repro::arbitrary_bit_mnist {
namespace {

using quantization::Role;

double accuracy_on(BitNetwork& network, const torch::Tensor& images, const torch::Tensor& labels) {
  torch::NoGradGuard no_grad;
  std::int64_t correct = 0;
  const std::int64_t count = images.size(0);
  for (std::int64_t start = 0; start < count; start += 2000) {
    const std::int64_t end = std::min(count, start + 2000);
    const auto predicted = network->forward(images.slice(0, start, end)).argmax(1);
    correct += predicted.eq(labels.slice(0, start, end)).sum().item<std::int64_t>();
  }
  return static_cast<double>(correct) / static_cast<double>(count);
}

// Stores every parameter at N bits (the key streams keep stochastic draws distinct per
// parameter and iteration).
void store_parameters(BitNetwork& network, const quantization::QuantizationSpec& spec,
                      quantization::TrainingPrecision& precision) {
  if (spec.is_identity()) return;
  torch::NoGradGuard no_grad;
  std::int64_t index = 0;
  for (auto& parameter : network->parameters()) {
    const auto key = precision.next_key(Role::weights, index++);
    parameter.set_data(quantization::quantize(parameter.detach(), spec, key));
  }
}

}  // namespace

std::string to_string(Truncated truncated) {
  return truncated == Truncated::parameters ? "weights and biases"
                                            : "weights, biases and activations";
}

RunResult train_at_bits(const RunConfig& config, const MnistTensors& data) {
  if (config.iterations <= 0 || config.batch_size <= 0) {
    throw InputError("arbitrary_bit_mnist: a run needs iterations > 0 and batch_size > 0");
  }
  const auto started = std::chrono::steady_clock::now();
  const quantization::QuantizationSpec spec =
      quantization::parse_quantization_spec(bit_format_spec(config.bits, config.rounding));
  auto precision = std::make_shared<quantization::TrainingPrecision>(
      quantization::PrecisionPolicy().weights(spec).activations(spec), config.seed);
  torch::manual_seed(config.seed);
  BitNetwork network(config.shape, config.truncated == Truncated::parameters_and_activations
                                       ? precision
                                       : nullptr);
  store_parameters(network, spec, *precision);  // the initial weights are N-bit numbers too

  const std::int64_t train_count = data.train_images.size(0);
  const std::int64_t evaluation_count =
      std::min<std::int64_t>(config.evaluation_images, data.test_images.size(0));
  const auto evaluation_images = data.test_images.slice(0, 0, evaluation_count);
  const auto evaluation_labels = data.test_labels.slice(0, 0, evaluation_count);
  std::vector<std::int64_t> order(static_cast<std::size_t>(train_count));
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 shuffler(config.seed ^ 0x9E3779B97F4A7C15ull);
  std::int64_t position = train_count;  // forces a shuffle first
  torch::Tensor permutation;

  RunResult result;
  for (std::int64_t iteration = 0; iteration < config.iterations; ++iteration) {
    if (position + config.batch_size > train_count) {  // a new pass; drop the ragged tail
      std::shuffle(order.begin(), order.end(), shuffler);
      permutation = torch::tensor(order, torch::kInt64);
      position = 0;
    }
    const auto batch = permutation.slice(0, position, position + config.batch_size);
    position += config.batch_size;
    precision->set_iteration(iteration);
    network->zero_grad();
    const auto logits = network->forward(data.train_images.index_select(0, batch));
    const auto loss = torch::cross_entropy_loss(logits, data.train_labels.index_select(0, batch));
    if (!std::isfinite(loss.item<double>())) {
      result.diverged = true;
      break;
    }
    loss.backward();
    {
      torch::NoGradGuard no_grad;
      for (auto& parameter : network->parameters()) {
        if (parameter.grad().defined()) parameter.sub_(parameter.grad() * config.learning_rate);
      }
    }
    store_parameters(network, spec, *precision);
    const bool last = iteration + 1 == config.iterations;
    if ((config.evaluate_every > 0 && (iteration + 1) % config.evaluate_every == 0) || last) {
      result.epochs.push_back(static_cast<double>((iteration + 1) * config.batch_size) /
                              static_cast<double>(train_count));
      result.accuracy.push_back(accuracy_on(network, evaluation_images, evaluation_labels));
    }
  }
  result.final_accuracy = accuracy_on(network, data.test_images, data.test_labels);
  if (result.diverged) {  // the curve stays at what the broken network scores
    const double expected_points =
        config.evaluate_every > 0 ? static_cast<double>(config.iterations / config.evaluate_every) : 1.0;
    while (static_cast<double>(result.accuracy.size()) < expected_points) {
      result.epochs.push_back(static_cast<double>((result.accuracy.size() + 1) * config.evaluate_every *
                                                  config.batch_size) / static_cast<double>(train_count));
      result.accuracy.push_back(result.final_accuracy);
    }
  }
  result.duration_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace repro::arbitrary_bit_mnist
