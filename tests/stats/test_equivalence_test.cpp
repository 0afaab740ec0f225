// TOST equivalence test against statsmodels 0.13.5:
//   from statsmodels.stats.weightstats import ttost_ind
//   ttost_ind(a, b, -margin, margin, usevar='unequal')
//     -> (p, (lower_t, lower_p, df), (upper_t, upper_p, df))
#include "stats/equivalence_test.h"

#include <gtest/gtest.h>

#include "base/errors.h"
#include "tests/stats/expect_relative.h"

namespace repro::stats {
namespace {

const std::vector<double> kFirst = {0.81, 0.84, 0.79, 0.86, 0.83, 0.80};
const std::vector<double> kSecond = {0.78, 0.80, 0.77, 0.83, 0.79, 0.76, 0.81};

TEST(EquivalenceTest, MatchesStatsmodelsTtostInd) {
  // margin 0.05 -> (0.0953614843490033, (5.686437649797737, 8.999362195569958e-05,
  //                 10.31192917631069), (-1.400517284668301, 0.0953614843490033, 10.31192917631069))
  const EquivalenceTestResult wide = welch_equivalence_test(kFirst, kSecond, 0.05);
  EXPECT_RELATIVE(wide.lower_statistic, 5.686437649797737, kExactTolerance);
  EXPECT_RELATIVE(wide.lower_p_value, 8.999362195569958e-05, kExactTolerance);
  EXPECT_RELATIVE(wide.upper_statistic, -1.400517284668301, kExactTolerance);
  EXPECT_RELATIVE(wide.upper_p_value, 0.0953614843490033, kExactTolerance);
  EXPECT_RELATIVE(wide.degrees_of_freedom, 10.31192917631069, kExactTolerance);
  EXPECT_RELATIVE(wide.p_value, 0.0953614843490033, kExactTolerance);
  EXPECT_FALSE(wide.equivalent);                                      // 0.095 >= 0.05
  EXPECT_TRUE(welch_equivalence_test(kFirst, kSecond, 0.05, 0.10).equivalent);  // < 0.10
  // margin 0.02 -> (0.7578779774507951, (3.560351169457926, 0.0024683203037968817, ...),
  //                 (0.7255691956715106, 0.7578779774507951, ...))
  const EquivalenceTestResult narrow = welch_equivalence_test(kFirst, kSecond, 0.02);
  EXPECT_RELATIVE(narrow.lower_statistic, 3.560351169457926, kExactTolerance);
  EXPECT_RELATIVE(narrow.lower_p_value, 0.0024683203037968817, kExactTolerance);
  EXPECT_RELATIVE(narrow.upper_statistic, 0.7255691956715106, kExactTolerance);
  EXPECT_RELATIVE(narrow.p_value, 0.7578779774507951, kExactTolerance);
  EXPECT_FALSE(narrow.equivalent);
}

TEST(EquivalenceTest, ConstantSamples) {
  EXPECT_TRUE(welch_equivalence_test({1.0, 1.0}, {1.01, 1.01}, 0.05).equivalent);
  EXPECT_FALSE(welch_equivalence_test({1.0, 1.0}, {1.1, 1.1}, 0.05).equivalent);
}

TEST(EquivalenceTest, InvalidInputThrows) {
  EXPECT_THROW(welch_equivalence_test(kFirst, kSecond, 0.0), InputError);
  EXPECT_THROW(welch_equivalence_test(kFirst, kSecond, 0.05, 1.0), InputError);
  EXPECT_THROW(welch_equivalence_test({1.0}, kSecond, 0.05), InputError);
}

}  // namespace
}  // namespace repro::stats
