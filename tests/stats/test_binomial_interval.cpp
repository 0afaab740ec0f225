// Binomial proportion intervals against statsmodels 0.13.5:
//   from statsmodels.stats.proportion import proportion_confint
//   proportion_confint(k, n, alpha=1 - level, method="wilson" | "beta" | "jeffreys")
#include "stats/binomial_interval.h"

#include <gtest/gtest.h>

#include "base/errors.h"
#include "tests/stats/expect_relative.h"

namespace repro::stats {
namespace {

struct IntervalReference {
  std::int64_t successes;
  std::int64_t trials;
  double level;
  IntervalMethod method;
  double lower;
  double upper;
};

constexpr auto kWilson = IntervalMethod::wilson;
constexpr auto kBeta = IntervalMethod::clopper_pearson;
constexpr auto kJeffreys = IntervalMethod::jeffreys;

const IntervalReference kReferences[] = {
    // The Dogs vs. Cats accuracies (Wilson 95 % required).
    {30, 32, 0.95, kWilson, 0.7985287685584541, 0.9826894329683591},
    {30, 32, 0.95, kBeta, 0.7919305701049926, 0.9923392636535436},
    {30, 32, 0.95, kJeffreys, 0.8142804630034347, 0.9867853700428365},
    {28, 32, 0.95, kWilson, 0.7193169451834976, 0.9502986561251993},
    {28, 32, 0.95, kBeta, 0.7100515798092443, 0.9648693468966886},
    {28, 32, 0.95, kJeffreys, 0.7296569853327322, 0.9563002272042676},
    {27, 32, 0.95, kWilson, 0.682458504024696, 0.9313557971749429},
    {27, 32, 0.95, kBeta, 0.6721212343179582, 0.9472494355978659},
    {27, 32, 0.95, kJeffreys, 0.6908900964907815, 0.9377753532676487},
    // Edges: 0 and n successes.
    {0, 10, 0.95, kWilson, 0.0, 0.27753279986288926},
    {0, 10, 0.95, kBeta, 0.0, 0.30849710781876083},
    {0, 10, 0.95, kJeffreys, 4.789043315758196e-05, 0.21719626750921053},
    {10, 10, 0.95, kWilson, 0.7224672001371106, 1.0},
    {10, 10, 0.95, kBeta, 0.6915028921812392, 1.0},
    {10, 10, 0.95, kJeffreys, 0.7828037324907895, 0.9999521095668424},
    {1, 1, 0.95, kWilson, 0.2065493143772374, 1.0},
    {1, 1, 0.95, kBeta, 0.025, 1.0},
    {1, 1, 0.95, kJeffreys, 0.1467463163095752, 0.9996144190192441},
    {7, 20, 0.95, kWilson, 0.18119182410108203, 0.5671457233147638},
    {7, 20, 0.95, kBeta, 0.15390920478454118, 0.5921885345328282},
    {7, 20, 0.95, kJeffreys, 0.17227621363191203, 0.5677660938414961},
    {500, 1000, 0.95, kWilson, 0.4690696003681042, 0.5309303996318958},
    {500, 1000, 0.95, kBeta, 0.46854917297179216, 0.5314508270282079},
    {500, 1000, 0.95, kJeffreys, 0.46904771269911394, 0.5309522873008861},
    // Other levels.
    {30, 32, 0.99, kWilson, 0.7370371020874846, 0.9876962986293143},
    {30, 32, 0.99, kBeta, 0.7411892141721009, 0.9967194234603913},
    {30, 32, 0.99, kJeffreys, 0.7647567748362211, 0.9934322290993333},
    {7, 20, 0.9, kWilson, 0.202260040056761, 0.5334873111515284},
    {7, 20, 0.9, kBeta, 0.1773109175744491, 0.5580345113154888},
    {7, 20, 0.9, kJeffreys, 0.19695270513240815, 0.5331653212343397},
};

TEST(BinomialIntervalTest, MatchesStatsmodels) {
  for (const auto& reference : kReferences) {
    SCOPED_TRACE(testing::Message() << reference.successes << "/" << reference.trials << " "
                                    << to_string(reference.method) << " " << reference.level);
    const Interval interval =
        binomial_interval(reference.successes, reference.trials, reference.method, reference.level);
    // Wilson at 0 successes is 0 only up to rounding before our clip: absolute 1e-15 there.
    if (reference.lower == 0.0) {
      EXPECT_NEAR(interval.lower, 0.0, 1e-15);
    } else {
      EXPECT_RELATIVE(interval.lower, reference.lower, kExactTolerance);
    }
    EXPECT_RELATIVE(interval.upper, reference.upper, kExactTolerance);
    EXPECT_GE(interval.lower, 0.0);
    EXPECT_LE(interval.upper, 1.0);
  }
}

TEST(BinomialIntervalTest, DefaultLevelIs95Percent) {
  const Interval interval = binomial_interval(30, 32, IntervalMethod::wilson);
  EXPECT_RELATIVE(interval.lower, 0.7985287685584541, kExactTolerance);
}

TEST(BinomialIntervalTest, InvalidInputThrows) {
  EXPECT_THROW(binomial_interval(5, 4, kWilson), InputError);
  EXPECT_THROW(binomial_interval(-1, 4, kWilson), InputError);
  EXPECT_THROW(binomial_interval(0, 0, kBeta), InputError);
  EXPECT_THROW(binomial_interval(1, 4, kJeffreys, 1.0), InputError);
  EXPECT_THROW(binomial_interval(1, 4, kJeffreys, 0.0), InputError);
  EXPECT_THROW(parse_interval_method("wald"), InputError);
}

TEST(BinomialIntervalTest, MethodNamesRoundTrip) {
  for (const char* name : {"wilson", "clopper-pearson", "jeffreys"}) {
    EXPECT_EQ(to_string(parse_interval_method(name)), name);
  }
}

}  // namespace
}  // namespace repro::stats
