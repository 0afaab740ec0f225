// IDX parsing: strict validation of synthetic files (errors name file and offset), gzip and
// raw reading, and the real MNIST / FashionMNIST files from REPRO_DATA_DIR.
#include <gtest/gtest.h>

#include <array>

#include "base/errors.h"
#include "data/checksum.h"
#include "data/file_bytes.h"
#include "data/idx_format.h"
#include "data/mnist.h"
#include "data_test_support.h"

namespace repro::data {
namespace {

using testing::ScratchFolder;

IdxImages small_images() {
  IdxImages images;
  images.count = 3;
  images.rows = 2;
  images.cols = 4;
  for (int i = 0; i < 24; ++i) images.pixels.push_back(static_cast<std::uint8_t>(i * 10));
  return images;
}

// Expects parse to throw InputError whose message contains every one of `needles`.
template <typename Parse>
void expect_input_error(Parse parse, std::initializer_list<std::string> needles) {
  try {
    parse();
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    for (const std::string& needle : needles) {
      EXPECT_NE(std::string(error.what()).find(needle), std::string::npos) << error.what() << " lacks " << needle;
    }
  }
}

TEST(IdxFormat, RoundTripsImagesAndLabels) {
  const IdxImages images = small_images();
  const std::vector<std::uint8_t> bytes = encode_idx_images(images);
  ASSERT_EQ(bytes.size(), 16u + 24u);
  const IdxImages parsed = parse_idx_images(bytes.data(), bytes.size(), "x");
  EXPECT_EQ(parsed.count, 3);
  EXPECT_EQ(parsed.rows, 2);
  EXPECT_EQ(parsed.cols, 4);
  EXPECT_EQ(parsed.pixels, images.pixels);
  EXPECT_EQ(parsed.image(2)[0], 160);

  const std::vector<std::uint8_t> labels = {3, 1, 4, 1, 5, 9};
  const std::vector<std::uint8_t> label_bytes = encode_idx_labels(labels);
  EXPECT_EQ(parse_idx_labels(label_bytes.data(), label_bytes.size(), "y", 9), labels);
}

TEST(IdxFormat, RejectsWrongMagicNamingFileAndOffset) {
  std::vector<std::uint8_t> bytes = encode_idx_images(small_images());
  bytes[3] = 1;  // an IDX1 magic where IDX3 is expected
  expect_input_error([&] { parse_idx_images(bytes.data(), bytes.size(), "imgs.idx"); },
                     {"imgs.idx", "magic", "0x00000801", "offset 0"});
  const std::vector<std::uint8_t> labels = encode_idx_labels({1, 2});
  expect_input_error([&] { parse_idx_images(labels.data(), labels.size(), "labels.idx"); }, {"labels.idx", "magic"});
}

TEST(IdxFormat, RejectsTruncatedData) {
  std::vector<std::uint8_t> bytes = encode_idx_images(small_images());
  bytes.resize(bytes.size() - 5);
  expect_input_error([&] { parse_idx_images(bytes.data(), bytes.size(), "t.idx"); }, {"t.idx", "truncated", "offset 35"});
  bytes.resize(10);
  expect_input_error([&] { parse_idx_images(bytes.data(), bytes.size(), "t.idx"); }, {"t.idx", "truncated IDX header"});
  expect_input_error([&] { parse_idx_images(bytes.data(), 2, "t.idx"); }, {"t.idx", "offset 0"});
}

TEST(IdxFormat, RejectsCountsThatDisagreeWithSize) {
  std::vector<std::uint8_t> bytes = encode_idx_images(small_images());
  bytes.push_back(7);  // one trailing byte
  expect_input_error([&] { parse_idx_images(bytes.data(), bytes.size(), "s.idx"); }, {"s.idx", "trailing", "offset 40"});
  std::vector<std::uint8_t> huge = encode_idx_images(small_images());
  huge[4] = 0x7f;  // count 0x7f000003: far beyond the file
  expect_input_error([&] { parse_idx_images(huge.data(), huge.size(), "h.idx"); }, {"h.idx", "truncated"});
  std::vector<std::uint8_t> zero = encode_idx_images(small_images());
  zero[11] = 0;  // rows = 0
  expect_input_error([&] { parse_idx_images(zero.data(), zero.size(), "z.idx"); }, {"z.idx", "positive"});
}

TEST(IdxFormat, RejectsLabelsOutOfRangeNamingElement) {
  const std::vector<std::uint8_t> bytes = encode_idx_labels({1, 2, 10, 3});
  expect_input_error([&] { parse_idx_labels(bytes.data(), bytes.size(), "l.idx", 9); },
                     {"l.idx", "label 10", "element 2", "offset 10"});
}

TEST(IdxReader, ReadsGzipAndRawFilesAlike) {
  ScratchFolder folder("idx");
  const IdxImages images = small_images();
  write_file_bytes(folder.path() / "a.gz", encode_idx_images(images), true);
  write_file_bytes(folder.path() / "a", encode_idx_images(images), false);
  EXPECT_EQ(read_idx_images(folder.path() / "a.gz").pixels, images.pixels);
  EXPECT_EQ(read_idx_images(folder.path() / "a").pixels, images.pixels);
}

TEST(IdxReader, TruncatedGzipAndMissingFilesNameTheFile) {
  ScratchFolder folder("idx");
  IdxImages images;
  images.count = 50;
  images.rows = images.cols = 28;
  for (int i = 0; i < 50 * 784; ++i) images.pixels.push_back(static_cast<std::uint8_t>((i * 7919) % 251));
  write_file_bytes(folder.path() / "big.gz", encode_idx_images(images), true);
  std::vector<std::uint8_t> compressed = read_file_bytes(folder.path() / "big.gz");
  compressed.resize(compressed.size() / 2);
  write_file_bytes(folder.path() / "cut.gz", compressed);
  const std::string cut = (folder.path() / "cut.gz").string();
  expect_input_error([&] { read_idx_images(cut); }, {cut, "truncated gzip"});
  const std::string missing = (folder.path() / "nope.gz").string();
  expect_input_error([&] { read_idx_images(missing); }, {missing, "missing"});
  expect_input_error([&] { load_mnist_split(folder.path(), Split::train); }, {"train-images-idx3-ubyte.gz", "missing"});
}

TEST(IdxReader, LoadMnistSplitFindsRawFilesAndChecksCounts) {
  ScratchFolder folder("mnist");
  IdxImages images = small_images();
  write_file_bytes(folder.path() / "t10k-images-idx3-ubyte", encode_idx_images(images));
  write_file_bytes(folder.path() / "t10k-labels-idx1-ubyte.gz", encode_idx_labels({0, 9, 4}), true);
  const MnistSplit split = load_mnist_split(folder.path(), Split::test);
  EXPECT_EQ(split.images.count, 3);
  EXPECT_EQ(split.labels, (std::vector<std::uint8_t>{0, 9, 4}));
  write_file_bytes(folder.path() / "t10k-labels-idx1-ubyte.gz", encode_idx_labels({0, 9}), true);
  expect_input_error([&] { load_mnist_split(folder.path(), Split::test); }, {"2 labels", "3 images"});
}

struct RealSplitExpectation {
  const char* folder;
  Split split;
  std::int64_t count;
  std::array<int, 10> histogram;
  const char* first_image_sha256;
  const char* last_image_sha256;
  int first_label;
  int last_label;
};

// Expected values computed independently (Python gzip + hashlib) from the canonical files.
const RealSplitExpectation kRealSplits[] = {
    {"mnist", Split::train, 60000, {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949},
     "23ceaef5eb61f0e70d64ac18fdf0f60df3d5971cf30bbadac7b6ebf07f782d2c",
     "a4d26ec9c55ad38391292cd307292ee5d75fb27652874c1c4aadda20d04d4866", 5, 8},
    {"mnist", Split::test, 10000, {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009},
     "8f6a418c9a639f9e14e96feca47a97df2a35a0a68ae2875431c5c80e05536941",
     "bdf9356b0cf6b1ae761aa7bac43b70e5aee88808980afb4d1a0f13604d9fdee6", 7, 6},
    {"fashion-mnist", Split::train, 60000, {6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000},
     "5bd44e331a6d6998daf675700cd0c13dcd7af8ab954b7585124124da61459e7b",
     "489c477715bd5275b2646b28941db83e4ff26ece5302728fcb7632e1be5110ac", 9, 5},
    {"fashion-mnist", Split::test, 10000, {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000},
     "ffc7351ed0f8bae542820866086177fa4e0b366b97bf9d998dffdb8dbe138787",
     "0e65cd3713adf40ebd419516c1a2256c9e24ad75e86a862368adafd141f4c1bb", 9, 5},
};

class RealMnist : public ::testing::TestWithParam<RealSplitExpectation> {};

TEST_P(RealMnist, CountsHistogramsAndImageChecksums) {
  const RealSplitExpectation& expected = GetParam();
  REPRO_REQUIRE_REAL_DATA(expected.folder);
  const MnistSplit split = load_mnist_split(testing::real_data_dir() / expected.folder, expected.split);
  ASSERT_EQ(split.images.count, expected.count);
  EXPECT_EQ(split.images.rows, 28);
  EXPECT_EQ(split.images.cols, 28);
  ASSERT_EQ(static_cast<std::int64_t>(split.labels.size()), expected.count);
  std::array<int, 10> histogram{};
  for (std::uint8_t label : split.labels) ++histogram[label];
  EXPECT_EQ(histogram, expected.histogram);
  EXPECT_EQ(sha256_hex(split.images.image(0), 784), expected.first_image_sha256);
  EXPECT_EQ(sha256_hex(split.images.image(expected.count - 1), 784), expected.last_image_sha256);
  EXPECT_EQ(split.labels.front(), expected.first_label);
  EXPECT_EQ(split.labels.back(), expected.last_label);
}

INSTANTIATE_TEST_SUITE_P(SharedData, RealMnist, ::testing::ValuesIn(kRealSplits),
                         [](const ::testing::TestParamInfo<RealSplitExpectation>& info) {
                           std::string name = std::string(info.param.folder) + (info.param.split == Split::train ? "_train" : "_test");
                           for (char& c : name) if (c == '-') c = '_';
                           return name;
                         });

}  // namespace
}  // namespace repro::data
