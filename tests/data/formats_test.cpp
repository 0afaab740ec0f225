// CIFAR and VOC readers and the format writers: round trips through the readers, bad input.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "base/errors.h"
#include "data/cifar_format.h"
#include "data/dogs_vs_cats.h"
#include "data/file_bytes.h"
#include "data/format_writers.h"
#include "data/jpeg_codec.h"
#include "data/mnist.h"
#include "data/voc_dataset.h"
#include "data_test_support.h"

namespace repro::data {
namespace {

using testing::ScratchFolder;

std::string message_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const InputError& error) {
    return error.what();
  }
  return "(no InputError)";
}

TEST(FormatWriters, IdxRoundTripThroughMnistLoader) {
  ScratchFolder folder("fmt");
  const IdxImages images = synthetic_idx_images(7, 28, 28, 1);
  const std::vector<std::uint8_t> labels = synthetic_labels(7, 10, 2);
  write_idx_images(folder.path() / "train-images-idx3-ubyte.gz", images, true);
  write_idx_labels(folder.path() / "train-labels-idx1-ubyte", labels, false);
  const MnistSplit split = load_mnist_split(folder.path(), Split::train);
  EXPECT_EQ(split.images.pixels, images.pixels);
  EXPECT_EQ(split.labels, labels);
}

TEST(FormatWriters, Cifar10And100RoundTrip) {
  ScratchFolder folder("fmt");
  for (int batch = 1; batch <= 5; ++batch) {
    write_cifar_batch(folder.path() / ("data_batch_" + std::to_string(batch) + ".bin"),
                      synthetic_cifar(3, CifarKind::cifar10, static_cast<std::uint64_t>(batch)), CifarKind::cifar10);
  }
  const CifarImages test = synthetic_cifar(4, CifarKind::cifar10, 9);
  write_cifar_batch(folder.path() / "test_batch.bin", test, CifarKind::cifar10);
  const CifarImages train = load_cifar10(folder.path(), true);
  EXPECT_EQ(train.count, 15);
  EXPECT_EQ(train.pixels.size(), 15u * 3072);
  const CifarImages third = synthetic_cifar(3, CifarKind::cifar10, 3);
  EXPECT_TRUE(std::equal(third.pixels.begin(), third.pixels.end(), train.image(6)));
  EXPECT_EQ(load_cifar10(folder.path(), false).labels, test.labels);

  const CifarImages hundred = synthetic_cifar(5, CifarKind::cifar100, 4);
  write_cifar_batch(folder.path() / "train.bin", hundred, CifarKind::cifar100);
  const CifarImages read = load_cifar100(folder.path(), true);
  EXPECT_EQ(read.labels, hundred.labels);
  EXPECT_EQ(read.coarse_labels, hundred.coarse_labels);
  EXPECT_EQ(read.pixels, hundred.pixels);
}

TEST(CifarFormat, RejectsTruncatedBatchesAndBadLabels) {
  std::vector<std::uint8_t> bytes = encode_cifar_batch(synthetic_cifar(2, CifarKind::cifar10, 1), CifarKind::cifar10);
  bytes.pop_back();
  std::string message = message_of([&] { parse_cifar_batch(bytes.data(), bytes.size(), CifarKind::cifar10, "b.bin"); });
  EXPECT_NE(message.find("b.bin"), std::string::npos) << message;
  EXPECT_NE(message.find("offset 6145"), std::string::npos) << message;
  bytes = encode_cifar_batch(synthetic_cifar(2, CifarKind::cifar10, 1), CifarKind::cifar10);
  bytes[3073] = 10;  // label of record 1
  message = message_of([&] { parse_cifar_batch(bytes.data(), bytes.size(), CifarKind::cifar10, "b.bin"); });
  EXPECT_NE(message.find("record 1"), std::string::npos) << message;
  EXPECT_NE(message.find("offset 3073"), std::string::npos) << message;
  std::vector<std::uint8_t> hundred = encode_cifar_batch(synthetic_cifar(1, CifarKind::cifar100, 1), CifarKind::cifar100);
  hundred[0] = 20;
  message = message_of([&] { parse_cifar_batch(hundred.data(), hundred.size(), CifarKind::cifar100, "c.bin"); });
  EXPECT_NE(message.find("coarse label 20"), std::string::npos) << message;
  EXPECT_NE(message_of([] { read_cifar_batch("/nonexistent/x.bin", CifarKind::cifar10); }).find("/nonexistent/x.bin"),
            std::string::npos);
}

TEST(FormatWriters, VocFolderRoundTrip) {
  ScratchFolder folder("voc");
  const std::filesystem::path devkit = folder.path() / "VOCdevkit";
  std::vector<VocSampleToWrite> trainval07, test07, trainval12;
  for (int i = 0; i < 3; ++i) trainval07.push_back(synthetic_voc_sample("00000" + std::to_string(i), 60, 80, i));
  for (int i = 3; i < 5; ++i) test07.push_back(synthetic_voc_sample("00000" + std::to_string(i), 50, 70, i));
  for (int i = 0; i < 2; ++i) trainval12.push_back(synthetic_voc_sample("2012_00000" + std::to_string(i), 64, 64, 10 + i));
  write_voc_folder(devkit / "VOC2007", trainval07, "trainval");
  write_voc_folder(devkit / "VOC2007", test07, "test");
  write_voc_folder(devkit / "VOC2012", trainval12, "trainval");

  const std::vector<VocSample> train = load_voc07_12_trainval(devkit);
  ASSERT_EQ(train.size(), 5u);
  EXPECT_EQ(train[3].id, "2012_000000");
  const VocAnnotation& expected = trainval07[1].annotation;
  const VocAnnotation& read = train[1].annotation;
  EXPECT_EQ(read.width, 80);
  EXPECT_EQ(read.height, 60);
  ASSERT_EQ(read.objects.size(), expected.objects.size());
  for (std::size_t i = 0; i < read.objects.size(); ++i) {
    EXPECT_EQ(read.objects[i].class_name, expected.objects[i].class_name);
    EXPECT_EQ(read.objects[i].class_index, expected.objects[i].class_index);
    EXPECT_FLOAT_EQ(read.objects[i].xmin, expected.objects[i].xmin);
    EXPECT_FLOAT_EQ(read.objects[i].ymax, expected.objects[i].ymax);
    EXPECT_EQ(read.objects[i].difficult, expected.objects[i].difficult);
  }
  const Image image = read_jpeg(train[1].image_path);
  EXPECT_EQ(image.width, 80);
  const std::vector<VocSample> test = load_voc07_test(devkit);
  EXPECT_EQ(test.size(), 2u);
  std::size_t all = 0, easy = 0;
  for (const VocSample& s : load_voc_samples(devkit / "VOC2007", "trainval", true)) all += s.annotation.objects.size();
  for (const VocSample& s : load_voc_samples(devkit / "VOC2007", "trainval", false)) easy += s.annotation.objects.size();
  std::size_t difficult = 0;
  for (const auto& s : trainval07) for (const auto& o : s.annotation.objects) difficult += o.difficult;
  EXPECT_EQ(all - easy, difficult);
}

TEST(VocAnnotation, ParsesTheDifficultFlagAndOneBasedBoxes) {
  const std::string xml =
      "<annotation><filename>000005.jpg</filename><size><width>500</width><height>375</height><depth>3</depth></size>"
      "<object><name>chair</name><difficult>1</difficult><bndbox><xmin>263</xmin><ymin>211</ymin><xmax>324</xmax>"
      "<ymax>339</ymax></bndbox></object><object><name>person</name><bndbox><xmin>1</xmin><ymin>1</ymin>"
      "<xmax>10</xmax><ymax>20</ymax></bndbox></object></annotation>";
  const VocAnnotation annotation = parse_voc_annotation(xml.data(), xml.size(), "a.xml");
  ASSERT_EQ(annotation.objects.size(), 2u);
  EXPECT_EQ(annotation.objects[0].class_index, 8);
  EXPECT_TRUE(annotation.objects[0].difficult);
  EXPECT_FALSE(annotation.objects[1].difficult);
  EXPECT_FLOAT_EQ(annotation.objects[0].xmin, 262.0f);
  EXPECT_FLOAT_EQ(annotation.objects[1].ymin, 0.0f);
  EXPECT_EQ(annotation.objects[1].class_index, 14);
}

TEST(VocAnnotation, MalformedXmlNamesFileAndElement) {
  auto parse = [](const std::string& xml) { return message_of([&] { parse_voc_annotation(xml.data(), xml.size(), "bad.xml"); }); };
  std::string message = parse("<annotation><size><width>5</width>");
  EXPECT_NE(message.find("bad.xml: malformed XML at offset"), std::string::npos) << message;
  message = parse("<annotation><object><name>dog</name></object></annotation>");
  EXPECT_NE(message.find("<size>"), std::string::npos) << message;
  message = parse("<annotation><size><width>5</width><height>5</height></size><object><name>dog</name></object></annotation>");
  EXPECT_NE(message.find("<bndbox>"), std::string::npos) << message;
  message = parse("<annotation><size><width>5</width><height>5</height></size><object><name>unicorn</name>"
                  "<bndbox><xmin>1</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax></bndbox></object></annotation>");
  EXPECT_NE(message.find("unicorn"), std::string::npos) << message;
  message = parse("<annotation><size><width>5</width><height>5</height></size><object><name>dog</name>"
                  "<bndbox><xmin>a</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax></bndbox></object></annotation>");
  EXPECT_NE(message.find("<xmin>"), std::string::npos) << message;
  EXPECT_NE(message.find("bad.xml"), std::string::npos) << message;
  EXPECT_NE(parse("<other/>").find("<annotation>"), std::string::npos);
}

TEST(VocDataset, MissingListAndAnnotationAreNamed) {
  ScratchFolder folder("voc");
  EXPECT_NE(message_of([&] { read_voc_image_set(folder.path(), "trainval"); }).find("trainval.txt"), std::string::npos);
  write_voc_folder(folder.path(), {synthetic_voc_sample("a", 40, 40, 1)}, "trainval");
  std::filesystem::remove(folder.path() / "Annotations" / "a.xml");
  EXPECT_NE(message_of([&] { load_voc_samples(folder.path(), "trainval"); }).find("a.xml"), std::string::npos);
}

TEST(FormatWriters, DogsVsCatsFolderRoundTrip) {
  ScratchFolder folder("dvc");
  std::vector<Image> cats = {synthetic_photo(40, 50, 1), synthetic_photo(30, 30, 2)};
  std::vector<Image> dogs = {synthetic_photo(45, 35, 3)};
  write_dogs_vs_cats_folder(folder.path(), cats, dogs);
  const std::vector<LabeledImageFile> files = list_dogs_vs_cats(folder.path());
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[2].label, 1);
  EXPECT_EQ(read_jpeg(files[2].path).width, 35);
  EXPECT_EQ(load_dogs_vs_cats_image(files[0].path, 64).size(), 3u * 64 * 64);
  // A corrupt JPEG in the folder is reported by name when loaded.
  std::vector<std::uint8_t> bytes = read_file_bytes(files[1].path);
  bytes.resize(bytes.size() / 3);
  write_file_bytes(files[1].path, bytes);
  EXPECT_NE(message_of([&] { load_dogs_vs_cats_image(files[1].path); }).find("cat.1.jpg"), std::string::npos);
}

}  // namespace
}  // namespace repro::data
