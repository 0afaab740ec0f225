// Run units: stable keys, atomic results, reuse only of an equal key, --fresh, bad files.
#include "common/run_units.h"

#include "common/unit_schedule.h"

#include <unistd.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "base/atomic_file.h"
#include "base/errors.h"

namespace repro {
namespace {

UnitKey example_key() {
  return UnitKey{"fixed_point_fashion_mnist", Tier::reduced, /*experiment=*/"training",
                 /*configuration=*/"weights 16 bits F/W 0.500", /*seed=*/3,
                 {{"epochs", 3}, {"train_images", 12000}}};
}

class RunUnits : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() /
                 ("repro_units_" + std::to_string(::getpid()) + "_" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(directory_);
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }
  std::filesystem::path directory_;
};

TEST_F(RunUnits, TheFileNameIsReadableAndStableAndDiffersWithTheKey) {
  const UnitKey key = example_key();
  const std::string stem = key.file_stem();
  EXPECT_EQ(stem.rfind("training.weights_16_bits_F_W_0.500.seed3.", 0), 0u) << stem;
  EXPECT_EQ(stem, example_key().file_stem());
  UnitKey other = example_key();
  other.seed = 4;
  EXPECT_NE(other.file_stem(), stem);
  other = example_key();
  other.options["epochs"] = 5;
  EXPECT_NE(other.file_stem(), stem);  // same readable part, another hash
}

TEST_F(RunUnits, AWrittenUnitIsFoundWithItsExactKeyOnly) {
  const UnitStore store(directory_, /*fresh=*/false);
  const UnitKey key = example_key();
  EXPECT_FALSE(store.find(key).has_value());
  store.write(key, {{"accuracy", 0.8765432109876543}, {"curve", {0.1, 0.2}}});
  const auto found = store.find(key);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ((*found)["accuracy"].get<double>(), 0.8765432109876543);  // doubles round-trip exactly
  UnitKey other = example_key();
  other.tier = Tier::full;
  EXPECT_FALSE(store.find(other).has_value());
  EXPECT_FALSE(UnitStore(directory_, /*fresh=*/true).find(key).has_value());
}

// The key leaves out the commit and the machine; the file still says where and when it was made.
TEST_F(RunUnits, AWrittenUnitRecordsItsProvenanceOutsideTheKey) {
  const UnitStore store(directory_, /*fresh=*/false);
  store.set_provenance({{"git_commit", "abc123"}, {"host", "node-7"}});
  const UnitKey key = example_key();
  store.write(key, {{"accuracy", 0.5}}, 2.0);
  const auto unit = nlohmann::json::parse(read_whole_file(store.path_of(key)));
  EXPECT_EQ(unit["computed_by"]["git_commit"], "abc123");
  EXPECT_EQ(unit["computed_by"]["host"], "node-7");
  const std::string finished = unit["computed_by"]["finished_at"].get<std::string>();
  EXPECT_EQ(finished.size(), 20u) << finished;  // 2026-12-07T12:15:36Z
  EXPECT_EQ(unit["key"], key.to_json());
  // Another commit's store reuses it: the provenance is not part of the key.
  const UnitStore later(directory_, /*fresh=*/false);
  later.set_provenance({{"git_commit", "def456"}});
  ASSERT_TRUE(later.find(key).has_value());
  EXPECT_EQ((*later.find(key))["accuracy"], 0.5);
  EXPECT_THROW(later.set_provenance(nlohmann::json::array()), std::logic_error);
}

TEST_F(RunUnits, AFileUnderTheKeysNameWithAnotherKeyIsNotReused) {
  const UnitStore store(directory_, false);
  const UnitKey key = example_key();
  UnitKey other = example_key();
  other.options["epochs"] = 99;
  write_file_atomically(store.path_of(key),
                        nlohmann::json{{"key", other.to_json()}, {"result", 1}}.dump());
  EXPECT_FALSE(store.find(key).has_value());
}

TEST_F(RunUnits, AMalformedUnitIsAnInputErrorNamingTheFile) {
  const UnitStore store(directory_, false);
  const UnitKey key = example_key();
  write_file_atomically(store.path_of(key), "{not json");
  try {
    store.find(key);
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find(store.path_of(key).string()), std::string::npos) << error.what();
  }
  write_file_atomically(store.path_of(key), "{\"result\": 1}");
  EXPECT_THROW(store.find(key), InputError);
}

UnitKey key_with_seed(std::uint64_t seed) {
  UnitKey key = example_key();
  key.seed = seed;
  return key;
}

// A unit of `seed` whose compute counts its calls and whose stand-in is marked.
UnitWork counted_work(int& computed, double seconds, double value) {
  UnitWork work;
  work.estimated_seconds = seconds;
  work.compute = [&computed, value] {
    ++computed;
    return nlohmann::json{{"value", value}};
  };
  work.stand_in = [] { return nlohmann::json{{"value", -1.0}}; };
  return work;
}

TEST_F(RunUnits, ARunPassComputesWritesAndThenReusesAUnit) {
  int computed = 0;
  const UnitStore store(directory_, /*fresh=*/false);
  EXPECT_EQ(store.obtain(key_with_seed(1), counted_work(computed, 1.0, 0.5))["value"], 0.5);
  EXPECT_EQ(store.obtain(key_with_seed(1), counted_work(computed, 1.0, 0.7))["value"], 0.5);  // reused
  EXPECT_EQ(computed, 1);
  EXPECT_EQ(store.computed(), 1);
  EXPECT_EQ(store.reused(), 1);
  const auto unit = nlohmann::json::parse(read_whole_file(store.path_of(key_with_seed(1))));
  EXPECT_TRUE(unit.contains("seconds"));  // what `repro plan` calibrates against
}

TEST_F(RunUnits, APartialRunComputesItsExperimentsAndTalliesEachStoodInUnitOnce) {
  int computed = 0;
  const UnitStore store(directory_, /*fresh=*/false);
  store.compute_only_experiments({"training"});
  UnitKey other = key_with_seed(2);
  other.experiment = "architecture";
  EXPECT_EQ(store.obtain(key_with_seed(1), counted_work(computed, 2.0, 0.5))["value"], 0.5);
  EXPECT_EQ(store.obtain(other, counted_work(computed, 30.0, 0.5))["value"], -1.0);  // stood in
  EXPECT_EQ(store.obtain(other, counted_work(computed, 30.0, 0.5))["value"], -1.0);  // asked again
  EXPECT_EQ(computed, 1);
  EXPECT_FALSE(std::filesystem::exists(store.path_of(other)));
  const auto stood_in = store.stood_in_by_experiment();
  ASSERT_EQ(stood_in.size(), 1u);
  EXPECT_EQ(stood_in.at("architecture").units, 1);
  EXPECT_DOUBLE_EQ(stood_in.at("architecture").estimated_seconds, 30.0);
}

TEST_F(RunUnits, APlanPassComputesNothingAndListsEachUnitOnceInOrder) {
  int computed = 0;
  const UnitStore finished(directory_, false);
  finished.write(key_with_seed(2), {{"value", 0.25}}, 3.5);
  const UnitStore store(directory_, /*fresh=*/false, UnitPass::plan);
  EXPECT_EQ(store.obtain(key_with_seed(1), counted_work(computed, 10.0, 0.5))["value"], -1.0);  // stand-in
  EXPECT_EQ(store.obtain(key_with_seed(2), counted_work(computed, 20.0, 0.5))["value"], 0.25);  // finished
  store.obtain(key_with_seed(1), counted_work(computed, 10.0, 0.5));
  EXPECT_EQ(computed, 0);
  const std::vector<PlannedUnit> plan = store.planned();
  ASSERT_EQ(plan.size(), 2u);
  EXPECT_EQ(plan[0].file_stem, key_with_seed(1).file_stem());
  EXPECT_FALSE(plan[0].finished);
  EXPECT_EQ(plan[0].estimated_seconds, 10.0);
  EXPECT_TRUE(plan[1].finished);
  ASSERT_TRUE(plan[1].measured_seconds.has_value());
  EXPECT_EQ(*plan[1].measured_seconds, 3.5);
  EXPECT_FALSE(std::filesystem::exists(store.path_of(key_with_seed(1))));
}

TEST_F(RunUnits, ShardPassesComputeDisjointSharesThatTogetherAreEveryUnit) {
  const UnitStore planner(directory_, false, UnitPass::plan);
  int ignored = 0;
  for (std::uint64_t seed = 1; seed <= 7; ++seed) {
    planner.obtain(key_with_seed(seed), counted_work(ignored, static_cast<double>(seed), 0.0));
  }
  const std::vector<PlannedUnit> plan = planner.planned();
  int total = 0;
  for (int shard = 1; shard <= 3; ++shard) {
    const UnitStore store(directory_, false, UnitPass::shard);
    store.set_plan(plan, ShardSpec{shard, 3});
    int computed = 0;
    for (std::uint64_t seed = 1; seed <= 7; ++seed) {
      store.obtain(key_with_seed(seed), counted_work(computed, static_cast<double>(seed), 1.0));
    }
    EXPECT_GT(computed, 0) << "shard " << shard;
    EXPECT_EQ(store.computed() + store.stood_in() + store.reused(), 7);
    total += computed;
  }
  EXPECT_EQ(total, 7);  // each unit once: the earlier shards' units are reused by the later ones
  int computed = 0;
  const UnitStore deciding(directory_, false);
  for (std::uint64_t seed = 1; seed <= 7; ++seed) {
    EXPECT_EQ(deciding.obtain(key_with_seed(seed), counted_work(computed, 1.0, 2.0))["value"], 1.0);
  }
  EXPECT_EQ(computed, 0);
}

TEST_F(RunUnits, StandInFractionsAreFixedByTheKeyAndWithinBounds) {
  EXPECT_EQ(stand_in_fraction(key_with_seed(1)), stand_in_fraction(key_with_seed(1)));
  EXPECT_NE(stand_in_fraction(key_with_seed(1)), stand_in_fraction(key_with_seed(2)));
  for (std::uint64_t seed = 0; seed < 50; ++seed) {
    const double fraction = stand_in_fraction(key_with_seed(seed));
    EXPECT_GE(fraction, 0.25);
    EXPECT_LE(fraction, 0.75);
  }
}

TEST_F(RunUnits, ANegativeEstimateIsBadInput) {
  int computed = 0;
  const UnitStore store(directory_, false);
  EXPECT_THROW(store.obtain(key_with_seed(1), counted_work(computed, -1.0, 0.0)), InputError);
}

PlannedUnit planned(const std::string& stem, double seconds, bool finished = false) {
  PlannedUnit unit;
  unit.file_stem = stem;
  unit.estimated_seconds = seconds;
  unit.finished = finished;
  return unit;
}

TEST(UnitSchedule, LongestFirstToTheLeastLoadedShard) {
  // 5, 4, 3, 3, 2, 1 over 2 shards: 5 -> 1, 4 -> 2, 3a -> 2 (7), 3b -> 1 (8), 2 -> 2 (9), 1 -> 1 (9).
  const std::vector<PlannedUnit> units{planned("e", 2), planned("a", 5), planned("c", 3),
                                       planned("b", 4), planned("d", 3), planned("f", 1)};
  EXPECT_EQ(assign_to_shards(units, 2), (std::vector<int>{2, 1, 2, 2, 1, 1}));
  EXPECT_EQ(assign_to_shards(units, 1), (std::vector<int>(6, 1)));
  EXPECT_DOUBLE_EQ(projected_wall_seconds(units, 2), 9.0);
  EXPECT_DOUBLE_EQ(projected_wall_seconds(units, 1), 18.0);
  EXPECT_DOUBLE_EQ(projected_wall_seconds(units, 16), 5.0);
  EXPECT_THROW(assign_to_shards(units, 0), InputError);
}

TEST(UnitSchedule, FinishedUnitsCountInTheAssignmentButNotInTheWallTime) {
  const std::vector<PlannedUnit> units{planned("a", 5, true), planned("b", 4), planned("c", 3)};
  EXPECT_DOUBLE_EQ(unfinished_seconds(units), 7.0);
  EXPECT_DOUBLE_EQ(projected_wall_seconds(units, 1), 7.0);
  EXPECT_DOUBLE_EQ(projected_wall_seconds(units, 2), 4.0);
  // The assignment does not move when a unit finishes: every shard process agrees on it.
  std::vector<PlannedUnit> none_finished = units;
  none_finished[0].finished = false;
  EXPECT_EQ(assign_to_shards(units, 2), assign_to_shards(none_finished, 2));
}

TEST(UnitSchedule, WorkTimeTextIsSecondsMinutesOrHours) {
  EXPECT_EQ(work_time_text(95.0), "95 s");
  EXPECT_EQ(work_time_text(2700.0), "45 min");
  EXPECT_EQ(work_time_text(7200.0), "2.0 h");
  EXPECT_EQ(work_time_text(2.39e6), "663.9 h");
}

TEST(ShardSpecParse, AcceptsKOverNAndNamesTheOptionOtherwise) {
  const ShardSpec spec = ShardSpec::parse("2/16");
  EXPECT_EQ(spec.index, 2);
  EXPECT_EQ(spec.count, 16);
  EXPECT_EQ(spec.to_string(), "2/16");
  for (const char* bad : {"0/3", "4/3", "3", "/3", "a/3", "1/", "-1/3", "1/3x", ""}) {
    try {
      ShardSpec::parse(bad);
      ADD_FAILURE() << bad;
    } catch (const InputError& error) {
      EXPECT_NE(std::string(error.what()).find("--shard"), std::string::npos) << bad;
    }
  }
}

}  // namespace
}  // namespace repro
