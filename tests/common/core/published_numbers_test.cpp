#include <unistd.h>

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "base/atomic_file.h"
#include "base/errors.h"
#include "common/printed_precision.h"
#include "common/published_numbers.h"

namespace repro {
namespace {

std::filesystem::path write_published(const std::string& name, const std::string& contents) {
  auto path = std::filesystem::temp_directory_path() /
              ("repro_published_" + std::to_string(::getpid())) / name / "published.json";
  write_file_atomically(path, contents);
  return path;
}

// Loads and returns the InputError's message, or "" when loading succeeds.
std::string load_error(const std::filesystem::path& path, const std::string& study) {
  try {
    PublishedNumbers::load(path, study);
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

const char* kValid = R"({"study": "demo", "paper": {"title": "A paper"},
  "numbers": {"accuracy": {"value": 93.75, "unit": "%", "provenance": "Table 2"},
              "cells": {"value": [1, 2], "provenance": "logs"}}})";

TEST(PublishedNumbers, LoadsNumbersWithProvenance) {
  auto published = PublishedNumbers::load(write_published("valid", kValid), "demo");
  EXPECT_DOUBLE_EQ(published.number("accuracy"), 93.75);
  EXPECT_EQ(published.entry("accuracy")["provenance"], "Table 2");
  EXPECT_EQ(published.value("cells")[1], 2);
  EXPECT_TRUE(published.contains("cells"));
  EXPECT_FALSE(published.contains("nothing"));
}

TEST(PublishedNumbers, MissingKeyAndNonNumberNameTheFileAndKey) {
  auto path = write_published("keys", kValid);
  auto published = PublishedNumbers::load(path, "demo");
  try {
    published.number("loss");
    FAIL();
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find(path.string()), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("loss"), std::string::npos);
  }
  EXPECT_THROW(published.number("cells"), InputError);
}

TEST(PublishedNumbers, MalformedFilesAreInputErrorsNamingTheFile) {
  struct Case { const char* name; const char* contents; const char* expected_words; };
  const Case cases[] = {
      {"not_json", "{\"study\": ", "malformed JSON"},
      {"not_object", "[1, 2]", "top level"},
      {"no_study", R"({"paper": {"title": "t"}, "numbers": {}})", "'study'"},
      {"other_study", R"({"study": "other", "paper": {"title": "t"}, "numbers": {}})", "other"},
      {"no_paper", R"({"study": "demo", "numbers": {}})", "'paper'"},
      {"no_numbers", R"({"study": "demo", "paper": {"title": "t"}})", "'numbers'"},
      {"no_value", R"({"study": "demo", "paper": {"title": "t"}, "numbers": {"x": {"provenance": "p"}}})", "numbers.x has no 'value'"},
      {"no_provenance", R"({"study": "demo", "paper": {"title": "t"}, "numbers": {"x": {"value": 1}}})", "numbers.x has no 'provenance'"},
  };
  for (const Case& test_case : cases) {
    auto path = write_published(test_case.name, test_case.contents);
    std::string message = load_error(path, "demo");
    EXPECT_NE(message.find(path.string()), std::string::npos) << test_case.name << ": " << message;
    EXPECT_NE(message.find(test_case.expected_words), std::string::npos) << test_case.name << ": " << message;
  }
  EXPECT_NE(load_error("/nonexistent/published.json", "demo").find("not found"), std::string::npos);
}

TEST(PrintedPrecision, HalfAUnitOfTheLastPrintedDigit) {
  EXPECT_DOUBLE_EQ(half_unit_of_printed("84.4"), 0.05);
  EXPECT_DOUBLE_EQ(half_unit_of_printed("30.0"), 0.05);
  EXPECT_DOUBLE_EQ(half_unit_of_printed("93.75"), 0.005);
  EXPECT_DOUBLE_EQ(half_unit_of_printed("35"), 0.5);
  EXPECT_DOUBLE_EQ(half_unit_of_printed("-30.2%"), 0.05);
  EXPECT_DOUBLE_EQ(half_unit_of_printed("1.0e6"), 5e4);   // Table 5 of CPT prints "1.0e6"
  EXPECT_DOUBLE_EQ(half_unit_of_printed("9.87e5"), 500.0);
  EXPECT_DOUBLE_EQ(half_unit_of_printed("4.03E3"), 5.0);
  EXPECT_DOUBLE_EQ(half_unit_of_printed("2.5e-3"), 0.05e-3);
  for (const char* bad : {"", "-", "abc", "1.2.3", "1e", "12 %", "1.0e6x"}) {
    try {
      half_unit_of_printed(bad);
      ADD_FAILURE() << "accepted '" << bad << "'";
    } catch (const InputError& error) {
      EXPECT_NE(std::string(error.what()).find(std::string("'") + bad + "'"), std::string::npos) << error.what();
    }
  }
}

TEST(PublishedNumbers, HalfUnitComesFromThePrintedTextWhenThereIsOne) {
  auto path = write_published("printed", R"({"study": "demo", "paper": {"title": "A paper"},
    "numbers": {"cost": {"value": 1000000.0, "printed": "1.0e6", "provenance": "Table 5"},
                "accuracy": {"value": 84.4, "provenance": "Table 2"},
                "whole": {"value": 35, "provenance": "Table 4"},
                "garbled": {"value": 1.0, "printed": "one", "provenance": "Table 9"}}})");
  auto published = PublishedNumbers::load(path, "demo");
  EXPECT_DOUBLE_EQ(published.half_unit("cost"), 5e4);  // the value alone would give 0.05
  EXPECT_DOUBLE_EQ(published.half_unit("accuracy"), 0.05);
  EXPECT_DOUBLE_EQ(published.half_unit("whole"), 0.5);
  try {
    published.half_unit("garbled");
    FAIL();
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find(path.string()), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("numbers.garbled.printed"), std::string::npos);
  }
  EXPECT_THROW(published.half_unit("missing"), InputError);
}

}  // namespace
}  // namespace repro
