#include <unistd.h>

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "common/atomic_file.h"
#include "common/errors.h"
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

}  // namespace
}  // namespace repro
