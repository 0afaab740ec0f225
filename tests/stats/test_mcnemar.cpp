// McNemar's test against statsmodels 0.13.5:
//   from statsmodels.stats.contingency_tables import mcnemar
//   r = mcnemar([[0, b], [c, 0]], exact=..., correction=...); r.statistic, r.pvalue
// and the mid-p value from scipy 1.10:
//   from scipy import stats; k = min(b, c); n = b + c
//   min(1.0, 2 * (stats.binom.cdf(k, n, .5) - 0.5 * stats.binom.pmf(k, n, .5)))
#include "stats/mcnemar.h"

#include <gtest/gtest.h>

#include "base/errors.h"
#include "tests/stats/expect_relative.h"

namespace repro::stats {
namespace {

struct McNemarReference {
  std::int64_t b;
  std::int64_t c;
  double exact_statistic, exact_p;            // exact=True
  double chi2_statistic, chi2_p;              // exact=False, correction=False
  double corrected_statistic, corrected_p;    // exact=False, correction=True
  double mid_p;
};

const McNemarReference kReferences[] = {
    {19, 26, 19.0, 0.3712980344710104, 1.0888888888888888, 0.2967175263220574, 0.8,
     0.37109336952269756, 0.3019956131896606},
    {26, 19, 19.0, 0.3712980344710104, 1.0888888888888888, 0.2967175263220574, 0.8,
     0.37109336952269756, 0.3019956131896606},
    {12, 15, 12.0, 0.7011080384254456, 0.3333333333333333, 0.5637028616507731,
     0.14814814814814814, 0.7003113729368903, 0.5715881884098052},
    {10, 12, 10.0, 0.8318119049072266, 0.18181818181818182, 0.6698153575994166,
     0.045454545454545456, 0.8311704095417624, 0.6776394844055177},
    {0, 5, 0.0, 0.0625, 5.0, 0.025347318677468325, 3.2, 0.07363827012030258, 0.03125},
    {3, 3, 3.0, 1.0, 0.0, 1.0, 0.16666666666666666, 0.6830913983096086, 1.0},
    {1, 0, 0.0, 1.0, 1.0, 0.31731050786291115, 0.0, 1.0, 0.5},
    {100, 60, 60.0, 0.001953728034064355, 10.0, 0.001565402258002549, 9.50625,
     0.002047732153668759, 0.0015383166151492008},
    {400, 350, 350.0, 0.0735077740584349, 3.3333333333333335, 0.06788915486182893,
     3.2013333333333334, 0.07357826163585493, 0.06800134821028239},
};

TEST(McNemarTest, ExactMatchesStatsmodels) {
  for (const auto& reference : kReferences) {
    SCOPED_TRACE(testing::Message() << "b=" << reference.b << " c=" << reference.c);
    const McNemarResult result = mcnemar_test(reference.b, reference.c, McNemarMethod::exact);
    EXPECT_EQ(result.method, McNemarMethod::exact);
    EXPECT_EQ(result.statistic, reference.exact_statistic);
    EXPECT_RELATIVE(result.p_value, reference.exact_p, kExactTolerance);
  }
}

TEST(McNemarTest, ChiSquareMatchesStatsmodels) {
  for (const auto& reference : kReferences) {
    SCOPED_TRACE(testing::Message() << "b=" << reference.b << " c=" << reference.c);
    const McNemarResult plain = mcnemar_test(reference.b, reference.c, McNemarMethod::chi_square);
    EXPECT_RELATIVE(plain.statistic, reference.chi2_statistic, kExactTolerance);
    EXPECT_RELATIVE(plain.p_value, reference.chi2_p, kExactTolerance);
    const McNemarResult corrected =
        mcnemar_test(reference.b, reference.c, McNemarMethod::chi_square_corrected);
    EXPECT_RELATIVE(corrected.statistic, reference.corrected_statistic, kExactTolerance);
    EXPECT_RELATIVE(corrected.p_value, reference.corrected_p, kExactTolerance);
  }
}

TEST(McNemarTest, MidPMatchesScipyFormula) {
  for (const auto& reference : kReferences) {
    SCOPED_TRACE(testing::Message() << "b=" << reference.b << " c=" << reference.c);
    const McNemarResult result = mcnemar_test(reference.b, reference.c, McNemarMethod::mid_p);
    EXPECT_EQ(result.statistic, reference.exact_statistic);
    EXPECT_RELATIVE(result.p_value, reference.mid_p, kExactTolerance);
    EXPECT_LE(result.p_value, mcnemar_test(reference.b, reference.c, McNemarMethod::exact).p_value);
  }
}

// The required case, and the Dogs vs. Cats audit triples, to the printed digits.
TEST(McNemarTest, PublishedAuditValues) {
  const McNemarResult required = mcnemar_test(19, 26, McNemarMethod::exact);
  EXPECT_EQ(required.statistic, 19.0);
  EXPECT_NEAR(required.p_value, 0.3713, 1e-4);
  EXPECT_NEAR(mcnemar_test(26, 19, McNemarMethod::exact).p_value, 0.371, 5e-4);
  EXPECT_NEAR(mcnemar_test(12, 15, McNemarMethod::exact).p_value, 0.701, 5e-4);
  EXPECT_NEAR(mcnemar_test(10, 12, McNemarMethod::exact).p_value, 0.832, 5e-4);
}

TEST(McNemarTest, NoDiscordantPairsGivesStatisticZeroAndPOne) {
  for (McNemarMethod method : {McNemarMethod::exact, McNemarMethod::mid_p,
                               McNemarMethod::chi_square, McNemarMethod::chi_square_corrected}) {
    const McNemarResult result = mcnemar_test(0, 0, method);
    EXPECT_EQ(result.method, method);
    EXPECT_EQ(result.statistic, 0.0);
    EXPECT_EQ(result.p_value, 1.0);
  }
}

TEST(McNemarTest, NegativeCountsThrowNamingTheArgument) {
  try {
    mcnemar_test(-1, 3, McNemarMethod::exact);
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("only_first_correct"), std::string::npos);
  }
  try {
    mcnemar_test(3, -2, McNemarMethod::chi_square);
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("only_second_correct"), std::string::npos);
  }
}

TEST(McNemarTest, MethodNamesRoundTrip) {
  for (const char* name : {"exact", "mid-p", "chi2", "chi2-cc"}) {
    EXPECT_EQ(to_string(parse_mcnemar_method(name)), name);
  }
  EXPECT_EQ(parse_mcnemar_method("chi2-cc"), McNemarMethod::chi_square_corrected);
  try {
    parse_mcnemar_method("fisher");
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("fisher"), std::string::npos);
  }
}

}  // namespace
}  // namespace repro::stats
