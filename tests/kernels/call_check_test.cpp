// One call check for the three quantizers (kernels/quantize_call_check.cpp): the same bad call throws
// repro::InputError from quantize_ref, quantize_cpu and quantize_cuda (also in a build without CUDA, where a
// valid call throws std::runtime_error instead); QuantizeCounters sum with +=.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "base/errors.h"
#include "kernels/quantize.h"

namespace repro::kernels {
namespace {

using Quantizer = std::function<void(const QuantizeCall&, const NumberFormat&, const RoundingOptions&)>;

std::vector<std::pair<std::string, Quantizer>> quantizers() {
  return {{"ref", quantize_ref},
          {"cpu", quantize_cpu},
          {"cuda", [](const QuantizeCall& c, const NumberFormat& f, const RoundingOptions& r) { quantize_cuda(c, f, r); }}};
}

// The message of the InputError `run` throws ("" when it throws something else or nothing).
std::string input_error_message(const std::function<void()>& run) {
  try {
    run();
  } catch (const InputError& error) {
    return error.what();
  } catch (...) {
  }
  return "";
}

TEST(CallCheck, EveryQuantizerThrowsTheSameInputErrorForTheSameBadCall) {
  float values[4] = {1.0f, 2.0f, 3.0f, 4.0f};
  const AffineRange bad_range{1.0f, std::numeric_limits<float>::quiet_NaN()};
  const AffineRange good_range{0.0f, 4.0f};
  struct Case {
    std::string what, expected;
    QuantizeCall call;
    std::string format;
    RoundingOptions rounding;
  };
  const std::vector<Case> cases = {
      {"negative count", "negative element count -1", QuantizeCall{values, values, -1}, "fp16", RoundingOptions()},
      {"random bits 0", "random bits 0 outside 1..32", QuantizeCall{values, values, 4}, "fp16",
       RoundingOptions().with_mode(Rounding::stochastic).with_random_bits(0)},
      {"random bits 33", "random bits 33 outside 1..32", QuantizeCall{values, values, 4}, "fp16",
       RoundingOptions().with_random_bits(33)},
      {"affine without ranges", "affine format without ranges", QuantizeCall{values, values, 4}, "affine:4",
       RoundingOptions()},
      {"negative elements per range", "negative elements per affine range",
       QuantizeCall{values, values, 4, 0, &good_range, -2}, "affine:4", RoundingOptions()},
  };
  for (const Case& c : cases) {
    const NumberFormat format = parse_number_format(c.format);
    for (const auto& [name, quantize] : quantizers()) {
      const std::string message = input_error_message([&] { quantize(c.call, format, c.rounding); });
      EXPECT_NE(message.find(c.expected), std::string::npos) << name << ", " << c.what << ": '" << message << "'";
    }
  }
  // A bad host range: the CPU paths name its index (the CUDA path reads device ranges, tests/kernels/cuda_test).
  const AffineRange ranges[2] = {good_range, bad_range};
  const QuantizeCall call{values, values, 4, 0, ranges, 2};
  for (const auto& [name, quantize] : {quantizers()[0], quantizers()[1]}) {
    const std::string message = input_error_message([&] { quantize(call, parse_number_format("affine:4"), {}); });
    EXPECT_NE(message.find("affine range 1:"), std::string::npos) << name << ": '" << message << "'";
  }
  // Nothing was written by a rejected call.
  EXPECT_EQ(values[0], 1.0f);
  EXPECT_EQ(values[3], 4.0f);
}

TEST(CallCheck, WithoutCudaAValidCallThrowsRuntimeError) {
  if (cuda_kernels_compiled()) GTEST_SKIP() << "CUDA kernels are compiled in (tests/kernels/cuda_test.cpp runs them)";
  float x = 1.0f;
  EXPECT_FALSE(cuda_device_available());
  EXPECT_THROW(quantize_cuda(QuantizeCall{&x, &x, 1}, parse_number_format("fp16"), RoundingOptions()),
               std::runtime_error);
}

TEST(CallCheck, AffineRangeCount) {
  EXPECT_EQ(affine_range_count(0, 4), 0);
  EXPECT_EQ(affine_range_count(9, 0), 1);
  EXPECT_EQ(affine_range_count(8, 4), 2);
  EXPECT_EQ(affine_range_count(9, 4), 3);
}

TEST(Counters, PlusEqualsAddsEveryField) {
  QuantizeCounters total{1, 2, 3, 4, 5};
  total += QuantizeCounters{10, 20, 30, 40, 50};
  EXPECT_TRUE(total == (QuantizeCounters{11, 22, 33, 44, 55}));
  EXPECT_FALSE(total == QuantizeCounters{});
}

}  // namespace
}  // namespace repro::kernels
