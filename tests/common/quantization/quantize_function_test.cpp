#include "common/quantization/quantize_function.h"

#include <gtest/gtest.h>

#include "common/quantization/quantize_tensor.h"
#include "test_support.h"

namespace repro::quantization {
namespace {

using testing::bitwise_equal;

QuantizeDirections directions(const char* forward, const char* backward) {
  QuantizeDirections result;
  if (forward) result.forward = parse_quantization_spec(forward);
  if (backward) result.backward = parse_quantization_spec(backward);
  return result;
}

TEST(QuantizeFunction, ForwardQuantizesValuesBackwardQuantizesGradient) {
  const torch::Tensor x = torch::tensor({1.3f, -0.7f, 2.6f}, torch::requires_grad());
  // Forward fixed:8:1 (steps of 0.5), backward fixed:8:2 (steps of 0.25), both nearest-even.
  const torch::Tensor y = QuantizeFunction::apply(x, directions("fixed:8:1", "fixed:8:2"));
  EXPECT_TRUE(torch::equal(y, torch::tensor({1.5f, -0.5f, 2.5f})));
  // dL/dy = (0.3, 0.1, -0.9): quantized to (0.25, 0, -1) (0.4 -> 0, -3.6 -> -4 steps).
  y.backward(torch::tensor({0.3f, 0.1f, -0.9f}));
  EXPECT_TRUE(torch::equal(x.grad(), torch::tensor({0.25f, 0.0f, -1.0f})));
}

TEST(QuantizeFunction, StraightThroughWithoutBackwardSpec) {
  const torch::Tensor x = torch::tensor({0.3f, 7.9f, -100.0f}, torch::requires_grad());
  // fixed:6:1 saturates at 15.5 and -16: the gradient still passes unmasked (pure STE).
  const torch::Tensor y = QuantizeFunction::apply(x, directions("fixed:6:1", nullptr));
  EXPECT_TRUE(torch::equal(y, torch::tensor({0.5f, 8.0f, -16.0f})));
  const torch::Tensor upstream = torch::tensor({0.123f, -4.56f, 7.89f});
  y.backward(upstream);
  EXPECT_TRUE(bitwise_equal(x.grad(), upstream));
}

TEST(QuantizeFunction, BackwardOnlyLeavesValuesAndQuantizesGradient) {
  const torch::Tensor x = torch::tensor({0.3f, -1.7f}, torch::requires_grad());
  const torch::Tensor y = quantize_with_gradient(x, directions(nullptr, "mask:10"));
  EXPECT_TRUE(bitwise_equal(y, x.detach()));
  // mask:10 keeps sign, exponent and 1 mantissa bit: 1.7 -> 1.5, 3.3 -> 3.0.
  (y * torch::tensor({1.7f, 3.3f})).sum().backward();
  EXPECT_TRUE(torch::equal(x.grad(), torch::tensor({1.5f, 3.0f})));
}

TEST(QuantizeFunction, ChainRuleThroughAProduct) {
  // L = sum(Q_f(x) * c): dL/dx = Q_b(c) by the straight-through estimator.
  const torch::Tensor x = torch::tensor({{0.26f, 0.74f}, {-0.51f, 1.2f}}, torch::requires_grad());
  const torch::Tensor c = torch::tensor({{0.1f, 0.6f}, {-0.35f, 2.0f}});
  const torch::Tensor y = QuantizeFunction::apply(x, directions("fixed:8:2", "fixed:8:3"));
  const torch::Tensor loss = (y * c).sum();
  // Q_f: 0.26 -> 0.25, 0.74 -> 0.75, -0.51 -> -0.5, 1.2 -> 1.25.
  EXPECT_FLOAT_EQ(loss.item<float>(), 0.25f * 0.1f + 0.75f * 0.6f + 0.5f * 0.35f + 1.25f * 2.0f);
  loss.backward();
  // Q_b (steps of 1/8): 0.1 -> 0.125, 0.6 -> 0.625, -0.35 -> -0.375, 2.0 -> 2.0.
  EXPECT_TRUE(torch::equal(x.grad(), torch::tensor({{0.125f, 0.625f}, {-0.375f, 2.0f}})));
}

TEST(QuantizeFunction, StochasticBackwardUsesTheGivenKey) {
  const QuantizationSpec spec = parse_quantization_spec("fixed:16:4/stochastic");
  const torch::Tensor upstream = torch::rand({256});
  QuantizeDirections stochastic;
  stochastic.backward = spec;
  stochastic.backward_key = {5, 6};
  const torch::Tensor x = torch::zeros({256}, torch::requires_grad());
  QuantizeFunction::apply(x, stochastic).backward(upstream);
  EXPECT_TRUE(bitwise_equal(x.grad(), quantize(upstream, spec, {5, 6})));
}

TEST(QuantizeFunction, NoQuantizationReturnsTheInput) {
  const torch::Tensor x = torch::randn({4}, torch::requires_grad());
  EXPECT_TRUE(quantize_with_gradient(x, directions(nullptr, nullptr)).is_same(x));
  EXPECT_TRUE(quantize_with_gradient(x, directions("fp32", "fp32")).is_same(x));
}

}  // namespace
}  // namespace repro::quantization
