#include "common/quantization/quantize_tensor.h"

#include <cctype>
#include <cmath>
#include <limits>
#include <string>

#include <gtest/gtest.h>

#include "base/errors.h"
#include "test_support.h"

namespace repro::quantization {
namespace {

using testing::bitwise_equal;
using testing::reference_quantize;

// Normal values over many binades plus zeros, subnormals, huge values, infinities and NaN.
torch::Tensor mixed_values(std::int64_t rows, std::int64_t columns, bool specials) {
  torch::manual_seed(7);
  torch::Tensor values = torch::randn({rows, columns}) *
                         torch::pow(2.0, torch::randint(-12, 12, {rows, columns}).to(torch::kFloat));
  if (specials) {
    auto flat = values.view({-1});
    const float special[] = {0.0f,
                             -0.0f,
                             std::numeric_limits<float>::infinity(),
                             -std::numeric_limits<float>::infinity(),
                             std::numeric_limits<float>::quiet_NaN(),
                             std::numeric_limits<float>::denorm_min(),
                             -1e-40f,
                             3.0e38f,
                             -70000.0f,
                             65520.0f};
    for (int i = 0; i < 10; ++i) flat[i * 7] = special[i];
  }
  return values;
}

struct Case {
  std::string spec;
  bool specials;  // affine ranges need finite inputs
};

void PrintTo(const Case& value, std::ostream* stream) { *stream << value.spec; }

class QuantizeMatchesReference : public ::testing::TestWithParam<Case> {};

TEST_P(QuantizeMatchesReference, ContiguousInputBitForBit) {
  const QuantizationSpec spec = parse_quantization_spec(GetParam().spec);
  const torch::Tensor input = mixed_values(37, 53, GetParam().specials);
  const StochasticKey key{1234, 99};
  const torch::Tensor result = quantize(input, spec, key);
  EXPECT_EQ(result.sizes(), input.sizes());
  EXPECT_TRUE(bitwise_equal(result, reference_quantize(input, spec, key))) << spec.to_string();
}

TEST_P(QuantizeMatchesReference, NonContiguousInputBitForBit) {
  const QuantizationSpec spec = parse_quantization_spec(GetParam().spec);
  const torch::Tensor base = mixed_values(40, 60, GetParam().specials);
  // A transposed, strided view: not contiguous, element order differs from storage order.
  const torch::Tensor input = base.t().slice(/*dim=*/0, 1, 60, 2);
  ASSERT_FALSE(input.is_contiguous());
  const StochasticKey key{42, 7};
  const torch::Tensor result = quantize(input, spec, key);
  EXPECT_EQ(result.sizes(), input.sizes());
  EXPECT_TRUE(bitwise_equal(result, reference_quantize(input, spec, key))) << spec.to_string();
  // Same values, same key, contiguous copy: same result (row-major element indices).
  EXPECT_TRUE(bitwise_equal(result, quantize(input.contiguous(), spec, key)));
}

INSTANTIATE_TEST_SUITE_P(
    Formats, QuantizeMatchesReference,
    ::testing::Values(Case{"fp16", true}, Case{"bf16/toward-zero", true},
                      Case{"e4m3/nearest-away", true}, Case{"e5m2/stochastic", true},
                      Case{"float:4:3:sat/up", true}, Case{"mask:12", true},
                      Case{"fixed:16:8", true}, Case{"fixed:8:4:wrap/down", true},
                      Case{"ufixed:12:6/stochastic:8", true}, Case{"fixed:16:8/stochastic", true},
                      Case{"affine:4", false}, Case{"affine:8/per-channel", false},
                      Case{"affine:3/stochastic/per-channel", false},
                      Case{"affine:6/range=-1:1.5", false}),
    [](const ::testing::TestParamInfo<Case>& info) {
      std::string name = info.param.spec;  // e.g. "fixed_16_8_stochastic"
      for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return name;
    });

TEST(Quantize, HandComputedValues) {
  const torch::Tensor input = torch::tensor({1.98749995f, 0.3f, -2.7f, 1000.0f});
  // mask:16 keeps sign, exponent and 7 mantissa bits: 1.98749995 -> 1.984375 (the example).
  EXPECT_FLOAT_EQ(quantize(input, QuantizationSpec("mask:16"))[0].item<float>(), 1.984375f);
  // fixed:8:2: steps of 0.25, range [-32, 31.75], saturating.
  const torch::Tensor fixed = quantize(input, QuantizationSpec("fixed:8:2"));
  EXPECT_TRUE(torch::equal(fixed, torch::tensor({2.0f, 0.25f, -2.75f, 31.75f})));
}

TEST(Quantize, StochasticRoundingDependsOnKeyOnly) {
  const QuantizationSpec spec = parse_quantization_spec("fixed:12:4/stochastic");
  const torch::Tensor input = torch::rand({4096}) * 10;
  const torch::Tensor a = quantize(input, spec, {1, 2});
  EXPECT_TRUE(bitwise_equal(a, quantize(input, spec, {1, 2})));
  EXPECT_FALSE(bitwise_equal(a, quantize(input, spec, {1, 3})));
  EXPECT_FALSE(bitwise_equal(a, quantize(input, spec, {2, 2})));
  // Every result is one of the two neighbours on the 1/16 grid.
  const torch::Tensor lower = torch::floor(input * 16) / 16;
  EXPECT_TRUE(torch::logical_or(a == lower, a == lower + 1.0 / 16).all().item<bool>());
}

TEST(Quantize, OtherDtypesGoThroughFloat32) {
  const QuantizationSpec spec("fixed:10:3");
  const torch::Tensor values = torch::randn({5, 6}) * 4;
  const torch::Tensor as_double = values.to(torch::kFloat64);
  const torch::Tensor result = quantize(as_double, spec);
  EXPECT_EQ(result.scalar_type(), torch::kFloat64);
  EXPECT_TRUE(bitwise_equal(result.to(torch::kFloat32), reference_quantize(values, spec)));
  EXPECT_THROW(quantize(torch::ones({3}, torch::kInt32), spec), InputError);
}

TEST(Quantize, IdentityFormatsReturnTheInput) {
  const torch::Tensor input = torch::randn({3, 4});
  EXPECT_TRUE(quantize(input, QuantizationSpec("fp32")).is_same(input));
  EXPECT_TRUE(quantize(input, QuantizationSpec("mask:32")).is_same(input));
  EXPECT_FALSE(quantize(input, QuantizationSpec("bf16")).is_same(input));
}

TEST(Quantize, AffinePerChannelUsesEachRowsRange) {
  const torch::Tensor input = torch::tensor({{0.0f, 1.0f, 0.4f}, {-2.0f, 2.0f, 0.1f}});
  const QuantizationSpec spec = parse_quantization_spec("affine:2/per-channel");
  // Row 0: grid 0, 1/3, 2/3, 1 -> 0.4 goes to 1/3. Row 1: grid -2, -2/3, 2/3, 2 -> 0.1 to 2/3.
  const torch::Tensor result = quantize(input, spec);
  EXPECT_FLOAT_EQ(result[0][2].item<float>(), 0.0f + 1 * (1.0f / 3.0f));
  EXPECT_FLOAT_EQ(result[1][2].item<float>(), -2.0f + 2 * (4.0f / 3.0f));
  EXPECT_FLOAT_EQ(result[1][0].item<float>(), -2.0f);
}

TEST(Quantize, CountersReportSaturation) {
  kernels::QuantizeCounters counters;
  quantize(torch::tensor({100.0f, -100.0f, 0.5f}), QuantizationSpec("fixed:8:4"), {}, &counters);
  EXPECT_EQ(counters.saturated, 2);
}

TEST(Quantize, InPlaceEqualsOutOfPlace) {
  const QuantizationSpec spec = parse_quantization_spec("fixed:12:5/stochastic");
  const torch::Tensor values = torch::randn({20, 30}) * 8;
  torch::Tensor contiguous = values.clone();
  const float* storage = contiguous.data_ptr<float>();
  quantize_in_place(contiguous, spec, {9, 1});
  EXPECT_EQ(contiguous.data_ptr<float>(), storage);
  EXPECT_TRUE(bitwise_equal(contiguous, quantize(values, spec, {9, 1})));
  // A strided view: only the viewed elements change.
  torch::Tensor base = values.clone();
  torch::Tensor view = base.t().slice(0, 0, 30, 3);
  const torch::Tensor expected_view = quantize(view, spec, {9, 2});
  quantize_in_place(view, spec, {9, 2});
  EXPECT_TRUE(bitwise_equal(base.t().slice(0, 0, 30, 3), expected_view));
  EXPECT_TRUE(bitwise_equal(base.t().slice(0, 1, 30, 3), values.t().slice(0, 1, 30, 3)));
}

TEST(Quantize, EmptyAndUndefinedTensors) {
  EXPECT_EQ(quantize(torch::empty({0, 3}), QuantizationSpec("fp16")).sizes(),
            torch::IntArrayRef({0, 3}));
  EXPECT_FALSE(quantize(torch::Tensor(), QuantizationSpec("fp16")).defined());
}

}  // namespace
}  // namespace repro::quantization
