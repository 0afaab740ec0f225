// Dogs vs. Cats listing and deterministic split, JPEG decoding and resizing.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <set>

#include "base/errors.h"
#include "data/checksum.h"
#include "data/deterministic_random.h"
#include "data/dogs_vs_cats.h"
#include "data/file_bytes.h"
#include "data/image_resize.h"
#include "data/jpeg_codec.h"
#include "data_test_support.h"

namespace repro::data {
namespace {

using testing::ScratchFolder;

TEST(DeterministicRandom, Mt19937StreamAndShuffleAreFixed) {
  DeterministicRandom random(5489);
  EXPECT_EQ(random.next_u32(), 3499211612u);  // the standard's first output of mt19937 for seed 5489
  const std::vector<std::int64_t> a = seeded_permutation(100, 42);
  const std::vector<std::int64_t> b = seeded_permutation(100, 42);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, seeded_permutation(100, 43));
  std::vector<std::int64_t> sorted = a;
  std::sort(sorted.begin(), sorted.end());
  std::vector<std::int64_t> expected(100);
  std::iota(expected.begin(), expected.end(), 0);
  EXPECT_EQ(sorted, expected);
}

TEST(ImageResize, BilinearHalfPixelCentres) {
  Image image(1, 2, 1);
  image.pixels = {0, 100};
  const Image wide = resize_bilinear(image, 1, 4);
  // Sample positions -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1).
  EXPECT_EQ(wide.pixels, (std::vector<std::uint8_t>{0, 25, 75, 100}));
  Image square(2, 2, 3);
  for (std::size_t i = 0; i < square.pixels.size(); ++i) square.pixels[i] = static_cast<std::uint8_t>(i * 20);
  const Image same = resize_bilinear(square, 2, 2);
  EXPECT_EQ(same.pixels, square.pixels);
  const Image half = resize_bilinear(square, 1, 1);  // the centre: mean of the four pixels
  EXPECT_EQ(half.pixels, (std::vector<std::uint8_t>{90, 110, 130}));
  const std::vector<float> unit = to_unit_chw(square);
  EXPECT_FLOAT_EQ(unit[1], 60.0f / 255.0f);  // channel 0 of pixel 1
  EXPECT_FLOAT_EQ(unit[4], 20.0f / 255.0f);  // channel 1 of pixel 0
}

TEST(JpegCodec, RoundTripAndCorruptStreams) {
  Image image(16, 24, 3);
  for (int y = 0; y < 16; ++y)
    for (int x = 0; x < 24; ++x)
      for (int c = 0; c < 3; ++c) image.at(y, x, c) = static_cast<std::uint8_t>(20 + 5 * x + 3 * y + 20 * c);
  const std::vector<std::uint8_t> encoded = encode_jpeg(image, 95);
  const Image decoded = decode_jpeg(encoded.data(), encoded.size(), "mem.jpg");
  ASSERT_EQ(decoded.width, 24);
  ASSERT_EQ(decoded.height, 16);
  int max_error = 0;
  for (std::size_t i = 0; i < image.pixels.size(); ++i)
    max_error = std::max(max_error, std::abs(int(image.pixels[i]) - int(decoded.pixels[i])));
  EXPECT_LE(max_error, 12);

  std::vector<std::uint8_t> truncated(encoded.begin(), encoded.begin() + encoded.size() / 2);
  EXPECT_THROW(decode_jpeg(truncated.data(), truncated.size(), "cut.jpg"), InputError);
  std::vector<std::uint8_t> garbage = {0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5, 6, 7, 8};
  try {
    decode_jpeg(garbage.data(), garbage.size(), "bad.jpg");
    FAIL();
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("bad.jpg"), std::string::npos);
  }
  std::vector<std::uint8_t> not_jpeg = {'P', 'N', 'G', 0};
  EXPECT_THROW(decode_jpeg(not_jpeg.data(), not_jpeg.size(), "x.png"), InputError);
}

TEST(DogsVsCats, ListsAndSplitsAWrittenFolder) {
  ScratchFolder folder("dvc");
  Image tiny(8, 8, 3);
  for (int n : {0, 1, 2, 10}) {
    write_jpeg(folder.path() / ("cat." + std::to_string(n) + ".jpg"), tiny);
    write_jpeg(folder.path() / ("dog." + std::to_string(n) + ".jpg"), tiny);
  }
  write_file_bytes(folder.path() / "notes.txt", {1});
  const std::vector<LabeledImageFile> files = list_dogs_vs_cats(folder.path());
  ASSERT_EQ(files.size(), 8u);
  EXPECT_EQ(files[3].path.filename(), "cat.10.jpg");  // numeric, not lexicographic, order
  EXPECT_EQ(files[4].label, 1);
  const DogsVsCatsSplit split = split_dogs_vs_cats(files, 42, 0.25);
  EXPECT_EQ(split.validation.size(), 2u);
  EXPECT_EQ(split.train.size(), 6u);
  EXPECT_THROW(list_dogs_vs_cats(folder.path() / "absent"), InputError);
}

TEST(DogsVsCats, RealSubsetSplitsDeterministically) {
  REPRO_REQUIRE_REAL_DATA("dogs-vs-cats/train");
  const std::vector<LabeledImageFile> files = list_dogs_vs_cats(testing::real_data_dir() / "dogs-vs-cats" / "train");
  ASSERT_EQ(files.size(), 2002u);
  EXPECT_EQ(std::count_if(files.begin(), files.end(), [](const LabeledImageFile& f) { return f.label == 1; }), 1001);
  const DogsVsCatsSplit split = split_dogs_vs_cats(files);
  EXPECT_EQ(split.validation.size(), 400u);
  EXPECT_EQ(split.train.size(), 1602u);
  const DogsVsCatsSplit again = split_dogs_vs_cats(files);
  ASSERT_EQ(again.validation.size(), split.validation.size());
  for (std::size_t i = 0; i < split.validation.size(); ++i) EXPECT_EQ(again.validation[i].path, split.validation[i].path);
  std::set<std::filesystem::path> all;
  for (const auto& f : split.train) all.insert(f.path);
  for (const auto& f : split.validation) all.insert(f.path);
  EXPECT_EQ(all.size(), 2002u);  // a partition
  // The split is pinned: the first validation and training files of seed 42, from an
  // independent Python implementation of mt19937 and the documented Fisher-Yates.
  EXPECT_EQ(split.validation.front().path.filename(), "dog.338.jpg");
  EXPECT_EQ(split.train.front().path.filename(), "cat.453.jpg");
}

TEST(DogsVsCats, RealImageDecodesToTheReferenceChecksum) {
  REPRO_REQUIRE_REAL_DATA("dogs-vs-cats/train/cat.0.jpg");
  const std::filesystem::path folder = testing::real_data_dir() / "dogs-vs-cats" / "train";
  // References: libjpeg-turbo's djpeg -dct int -ppm, SHA-256 of the pixel bytes.
  const Image cat = read_jpeg(folder / "cat.0.jpg");
  EXPECT_EQ(cat.width, 500);
  EXPECT_EQ(cat.height, 374);
  EXPECT_EQ(sha256_hex(cat.pixels.data(), cat.pixels.size()),
            "67a4958d6b96f251a5ee15a0c0f9327c8453dfd001220082823484021e14c69e");
  const Image dog = read_jpeg(folder / "dog.1000.jpg");
  EXPECT_EQ(dog.width, 499);
  EXPECT_EQ(dog.height, 375);
  EXPECT_EQ(sha256_hex(dog.pixels.data(), dog.pixels.size()),
            "38a71e3b41aa01da525486d6a06cf577287882cc74facb0414ce2ecaaf72587b");
  const std::vector<float> input = load_dogs_vs_cats_image(folder / "cat.0.jpg");
  ASSERT_EQ(input.size(), 3u * 224 * 224);
  EXPECT_GE(*std::min_element(input.begin(), input.end()), 0.0f);
  EXPECT_LE(*std::max_element(input.begin(), input.end()), 1.0f);
  // Mean of the 224x224 input from an independent double-precision Python bilinear reference.
  const double mean = std::accumulate(input.begin(), input.end(), 0.0) / input.size();
  EXPECT_NEAR(mean, 0.4697357067827007, 2e-4);
}

}  // namespace
}  // namespace repro::data
