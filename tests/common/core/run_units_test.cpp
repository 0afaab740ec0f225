// Run units: stable keys, atomic results, reuse only of an equal key, --fresh, bad files.
#include "common/run_units.h"

#include <unistd.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "base/atomic_file.h"
#include "base/errors.h"

namespace repro {
namespace {

UnitKey example_key() {
  UnitKey key;
  key.study = "fixed_point_fashion_mnist";
  key.tier = Tier::reduced;
  key.experiment = "training";
  key.configuration = "weights 16 bits F/W 0.500";
  key.seed = 3;
  key.options = {{"epochs", 3}, {"train_images", 12000}};
  return key;
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

}  // namespace
}  // namespace repro
