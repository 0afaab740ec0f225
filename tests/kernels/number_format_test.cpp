#include <gtest/gtest.h>

#include <cmath>

#include "base/errors.h"
#include "kernels/number_format.h"
#include "kernels/rounding.h"

namespace repro::kernels {
namespace {

TEST(ParseNumberFormat, AliasesAreTheIssuesFloatFormats) {
  struct Alias { const char* spec; int e, m; };
  for (const Alias& a : {Alias{"fp32", 8, 23}, Alias{"tf32", 8, 10}, Alias{"bf16", 8, 7}, Alias{"fp16", 5, 10},
                         Alias{"e5m2", 5, 2}, Alias{"e4m3", 4, 3}}) {
    const NumberFormat f = parse_number_format(a.spec);
    EXPECT_EQ(f.family, FormatFamily::floating_point) << a.spec;
    EXPECT_EQ(f.exponent_bits, a.e) << a.spec;
    EXPECT_EQ(f.mantissa_bits, a.m) << a.spec;
    EXPECT_EQ(f.overflow, OverflowPolicy::ieee) << a.spec;
  }
  EXPECT_TRUE(parse_number_format("e4m3").e4m3_finite_only);
  EXPECT_FALSE(parse_number_format("float:4:3").e4m3_finite_only);
  EXPECT_EQ(parse_number_format("fp16").spec, "float:5:10");
  EXPECT_EQ(parse_number_format(" FP16:SAT ").spec, "float:5:10:sat");
  EXPECT_EQ(parse_number_format("e4m3:sat").spec, "e4m3:sat");
}

TEST(ParseNumberFormat, FamiliesAndSuffixes) {
  const NumberFormat sat = parse_number_format("float:5:10:sat");
  EXPECT_EQ(sat.overflow, OverflowPolicy::saturate);
  const NumberFormat mask = parse_number_format("mask:16");
  EXPECT_EQ(mask.family, FormatFamily::bit_mask);
  EXPECT_EQ(mask.kept_bits, 16);
  const NumberFormat fixed = parse_number_format("fixed:16:8");
  EXPECT_EQ(fixed.family, FormatFamily::fixed_point);
  EXPECT_EQ(fixed.total_bits, 16);
  EXPECT_EQ(fixed.fractional_bits, 8);
  EXPECT_TRUE(fixed.is_signed);
  EXPECT_EQ(fixed.overflow, OverflowPolicy::saturate);
  const NumberFormat wrap = parse_number_format("ufixed:8:-2:wrap");
  EXPECT_FALSE(wrap.is_signed);
  EXPECT_EQ(wrap.fractional_bits, -2);
  EXPECT_EQ(wrap.overflow, OverflowPolicy::wrap);
  EXPECT_EQ(wrap.spec, "ufixed:8:-2:wrap");
  const NumberFormat affine = parse_number_format("affine:4");
  EXPECT_EQ(affine.family, FormatFamily::affine);
  EXPECT_EQ(affine.affine_bits, 4);
}

TEST(ParseNumberFormat, BadSpecsThrowInputErrorNamingTheSpec) {
  for (const char* bad : {"", "float", "float:9:3", "float:1:3", "float:5:24", "float:5:x", "float:5:10:wrap",
                          "mask:0", "mask:33", "fixed:1:0", "fixed:33:0", "fixed:8:200", "fixed:8:4:ieee",
                          "affine:0", "affine:17", "fp8", "bf16:sat:sat", "mask:16:sat", "float:5:1.5"}) {
    try {
      parse_number_format(bad);
      ADD_FAILURE() << "accepted '" << bad << "'";
    } catch (const InputError& error) {
      EXPECT_NE(std::string(error.what()).find("'" + std::string(bad) + "'"), std::string::npos) << error.what();
    }
  }
}

// Two formats are the same when every field is (the spec included).
void expect_same_format(const NumberFormat& built, const NumberFormat& parsed) {
  EXPECT_EQ(built.spec, parsed.spec);
  EXPECT_EQ(built.family, parsed.family) << parsed.spec;
  EXPECT_EQ(built.exponent_bits, parsed.exponent_bits) << parsed.spec;
  EXPECT_EQ(built.mantissa_bits, parsed.mantissa_bits) << parsed.spec;
  EXPECT_EQ(built.e4m3_finite_only, parsed.e4m3_finite_only) << parsed.spec;
  EXPECT_EQ(built.kept_bits, parsed.kept_bits) << parsed.spec;
  EXPECT_EQ(built.total_bits, parsed.total_bits) << parsed.spec;
  EXPECT_EQ(built.fractional_bits, parsed.fractional_bits) << parsed.spec;
  EXPECT_EQ(built.is_signed, parsed.is_signed) << parsed.spec;
  EXPECT_EQ(built.affine_bits, parsed.affine_bits) << parsed.spec;
  EXPECT_EQ(built.overflow, parsed.overflow) << parsed.spec;
}

TEST(TypedFormats, EqualTheParsedSpecOfEachFamily) {
  expect_same_format(floating_point_format(5, 10), parse_number_format("fp16"));
  expect_same_format(floating_point_format(8, 3, OverflowPolicy::saturate), parse_number_format("float:8:3:sat"));
  expect_same_format(bit_mask_format(12), parse_number_format("mask:12"));
  expect_same_format(fixed_point_format(16, 8), parse_number_format("fixed:16:8"));
  expect_same_format(fixed_point_format(8, -2, false, OverflowPolicy::wrap), parse_number_format("ufixed:8:-2:wrap"));
  expect_same_format(affine_format(4), parse_number_format("affine:4"));
  EXPECT_EQ(bit_mask_format(12).spec, "mask:12");
  EXPECT_EQ(fixed_point_format(24, 12).spec, "fixed:24:12");
}

TEST(TypedFormats, OutOfRangeThrowsInputErrorNamingTheFormat) {
  EXPECT_THROW(floating_point_format(9, 3), InputError);
  EXPECT_THROW(floating_point_format(5, 2, OverflowPolicy::wrap), InputError);
  EXPECT_THROW(bit_mask_format(0), InputError);
  EXPECT_THROW(fixed_point_format(40, 8), InputError);
  EXPECT_THROW(fixed_point_format(16, 8, true, OverflowPolicy::ieee), InputError);
  try {
    affine_format(17);
    FAIL() << "affine:17 was accepted";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("affine:17"), std::string::npos) << error.what();
  }
}

TEST(Describe, Fp16Bf16E4m3E5m2MatchTheirStandards) {
  const FormatDescription fp16 = describe(parse_number_format("fp16"));
  EXPECT_EQ(fp16.largest_finite, 65504.0);
  EXPECT_EQ(fp16.smallest_normal, std::ldexp(1.0, -14));
  EXPECT_EQ(fp16.smallest_subnormal, std::ldexp(1.0, -24));
  EXPECT_EQ(fp16.machine_epsilon, std::ldexp(1.0, -10));
  const FormatDescription bf16 = describe(parse_number_format("bf16"));
  EXPECT_EQ(bf16.largest_finite, static_cast<double>(std::ldexp(255.0f, 120)));  // 0x7f7f as bf16
  EXPECT_EQ(bf16.smallest_normal, std::ldexp(1.0, -126));
  EXPECT_EQ(bf16.smallest_subnormal, std::ldexp(1.0, -133));
  const FormatDescription e4m3 = describe(parse_number_format("e4m3"));
  EXPECT_EQ(e4m3.largest_finite, 448.0);
  EXPECT_EQ(e4m3.smallest_normal, std::ldexp(1.0, -6));
  EXPECT_EQ(e4m3.smallest_subnormal, std::ldexp(1.0, -9));
  EXPECT_EQ(describe(parse_number_format("e5m2")).largest_finite, 57344.0);
  EXPECT_EQ(describe(parse_number_format("fp32")).largest_finite, static_cast<double>(3.4028234663852886e38f));
}

TEST(Describe, MaskFixedAndAffine) {
  const FormatDescription mask16 = describe(parse_number_format("mask:16"));
  EXPECT_EQ(mask16.exponent_bits, 8);
  EXPECT_EQ(mask16.mantissa_bits, 7);
  const FormatDescription fixed = describe(parse_number_format("fixed:8:4"));
  EXPECT_EQ(fixed.largest_finite, 127.0 / 16.0);
  EXPECT_EQ(fixed.machine_epsilon, 1.0 / 16.0);
  // W > 24: the largest fixed value is not a float32; the largest float32 below it is reported.
  EXPECT_EQ(describe(parse_number_format("fixed:32:0")).largest_finite, 2147483520.0);
  EXPECT_EQ(describe(parse_number_format("affine:8")).largest_finite, 255.0);
}

TEST(ParseRounding, NamesAndStochasticBits) {
  EXPECT_EQ(parse_rounding("nearest"), Rounding::nearest_even);
  EXPECT_EQ(parse_rounding("nearest-away"), Rounding::nearest_away);
  EXPECT_EQ(parse_rounding("toward-zero"), Rounding::toward_zero);
  EXPECT_EQ(parse_rounding("down"), Rounding::down);
  EXPECT_EQ(parse_rounding("up"), Rounding::up);
  EXPECT_EQ(parse_rounding("stochastic"), Rounding::stochastic);
  for (Rounding mode : {Rounding::nearest_even, Rounding::nearest_away, Rounding::toward_zero, Rounding::down,
                        Rounding::up, Rounding::stochastic})
    EXPECT_EQ(parse_rounding(rounding_name(mode)), mode);
  EXPECT_EQ(parse_rounding_options("stochastic").random_bits, 23);
  EXPECT_EQ(parse_rounding_options("stochastic:12").random_bits, 12);
  EXPECT_THROW(parse_rounding("nearest-odd"), InputError);
  EXPECT_THROW(parse_rounding_options("stochastic:0"), InputError);
  EXPECT_THROW(parse_rounding_options("stochastic:33"), InputError);
  EXPECT_THROW(parse_rounding_options("nearest:4"), InputError);
  const RoundingOptions options = RoundingOptions().with_mode(Rounding::up).with_seed(7).with_stream(9).with_random_bits(5);
  EXPECT_EQ(options.mode, Rounding::up);
  EXPECT_EQ(options.seed, 7u);
  EXPECT_EQ(options.stream, 9u);
  EXPECT_EQ(options.random_bits, 5);
}

}  // namespace
}  // namespace repro::kernels
