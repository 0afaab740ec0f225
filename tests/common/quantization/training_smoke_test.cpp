// A few iterations of a tiny MLP with every role quantized: no NaN, and the loss decreases.
#include <memory>
#include <vector>

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "common/quantization/layer_quantization.h"
#include "common/quantization/quantized_linear.h"
#include "common/quantization/quantized_optimizer.h"

namespace repro::quantization {
namespace {

struct TinyMlp : torch::nn::Module {
  explicit TinyMlp(std::shared_ptr<TrainingPrecision> precision)
      : hidden(register_module("hidden",
                               QuantizedLinear(torch::nn::LinearOptions(10, 32), precision))),
        output(register_module("output",
                               QuantizedLinear(torch::nn::LinearOptions(32, 1), precision))) {}
  torch::Tensor forward(const torch::Tensor& x) { return output(torch::tanh(hidden(x))); }
  QuantizedLinear hidden, output;
};

std::vector<float> train(const std::string& policy, std::uint64_t seed) {
  torch::manual_seed(41);
  const torch::Tensor inputs = torch::randn({64, 10});
  const torch::Tensor targets = inputs.slice(1, 0, 3).sum(1, /*keepdim=*/true) * 0.5;
  auto precision = std::make_shared<TrainingPrecision>(parse_precision_policy(policy), seed);
  TinyMlp model(precision);
  auto sgd = std::make_shared<torch::optim::SGD>(model.parameters(),
                                                 torch::optim::SGDOptions(0.05).momentum(0.9));
  QuantizedOptimizer optimizer(sgd, precision, model);
  optimizer.quantize_parameters_and_state();
  std::vector<float> losses;
  for (int iteration = 0; iteration < 30; ++iteration) {
    precision->set_iteration(iteration);
    optimizer.zero_grad();
    const torch::Tensor loss =
        quantize_loss(torch::mse_loss(model.forward(inputs), targets), *precision);
    loss.backward();
    optimizer.step();
    losses.push_back(loss.item<float>());
  }
  for (const auto& parameter : model.parameters()) {
    EXPECT_TRUE(torch::isfinite(parameter).all().item<bool>());
  }
  return losses;
}

TEST(QuantizedTraining, AllRolesFixed16x8LossDecreases) {
  const std::vector<float> losses = train("all=fixed:16:8", 0);
  for (float loss : losses) ASSERT_TRUE(std::isfinite(loss));
  EXPECT_LT(losses.back(), 0.5f * losses.front())
      << "first " << losses.front() << ", last " << losses.back();
}

TEST(QuantizedTraining, StochasticRoundingRunsAreReproducible) {
  const std::string policy = "all=fixed:16:8/stochastic";
  const std::vector<float> first = train(policy, 5);
  EXPECT_EQ(first, train(policy, 5));
  EXPECT_NE(first, train(policy, 6));
  EXPECT_LT(first.back(), 0.5f * first.front());
}

}  // namespace
}  // namespace repro::quantization
