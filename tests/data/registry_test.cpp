// Checksums (OpenSSL), the data-set registry, locate_dataset / dataset_available, verify.
#include <gtest/gtest.h>

#include <set>

#include "base/errors.h"
#include "data/checksum.h"
#include "data/dataset_registry.h"
#include "data/dataset_verify.h"
#include "data/file_bytes.h"
#include "data_test_support.h"

namespace repro::data {
namespace {

using testing::ScratchFolder;

TEST(Checksum, KnownVectors) {
  EXPECT_EQ(sha256_hex("abc", 3), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(md5_hex("abc", 3), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(sha256_hex("", 0), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Checksum, StreamingFileDigestEqualsInMemoryDigest) {
  ScratchFolder folder("sum");
  std::vector<std::uint8_t> bytes(3 * (1 << 20) + 17);  // spans several 1 MiB chunks
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<std::uint8_t>(i * 31 + (i >> 11));
  write_file_bytes(folder.path() / "f", bytes);
  EXPECT_EQ(file_sha256(folder.path() / "f"), sha256_hex(bytes.data(), bytes.size()));
  EXPECT_EQ(file_md5(folder.path() / "f"), md5_hex(bytes.data(), bytes.size()));
  EXPECT_THROW(file_sha256(folder.path() / "missing"), InputError);
}

TEST(Registry, ListsTheStudiesDataSets) {
  std::set<std::string> names;
  for (const DatasetInfo& info : dataset_registry()) {
    names.insert(info.name);
    EXPECT_FALSE(info.files.empty()) << info.name;
    EXPECT_TRUE(!info.downloads.empty() || !info.manual_download.empty()) << info.name;
    for (const DatasetDownload& download : info.downloads) {
      EXPECT_TRUE(!download.sha256.empty() || !download.md5.empty()) << download.file_name;
      EXPECT_FALSE(download.urls.empty()) << download.file_name;
    }
  }
  EXPECT_EQ(names, (std::set<std::string>{"mnist", "fashion-mnist", "cifar-10", "cifar-100", "voc2007", "voc2012",
                                          "dogs-vs-cats"}));
  EXPECT_EQ(find_dataset("mnist").files[0].md5, "f68b3c2dcbeaaa9fbdd348bbdeb94873");
  try {
    find_dataset("imagenet");
    FAIL();
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("imagenet"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("cifar-10"), std::string::npos);
  }
}

TEST(Registry, AbsentDataSetIsNotAvailable) {
  ScratchFolder folder("reg");
  EXPECT_FALSE(dataset_available("cifar-10", folder.path()));
  const DatasetLocation location = locate_dataset("cifar-100", folder.path());
  EXPECT_FALSE(location.found);
  EXPECT_EQ(location.missing.size(), 2u);
  const DatasetVerification verification = verify_dataset("cifar-10", folder.path());
  EXPECT_FALSE(verification.ok());
  EXPECT_EQ(verification.files[0].status, FileStatus::missing);
}

TEST(Registry, VerifyDetectsAMismatchedFile) {
  ScratchFolder folder("reg");
  const DatasetInfo& info = find_dataset("mnist");
  for (const DatasetFile& file : info.files) write_file_bytes(folder.path() / "mnist" / file.relative_path, {1, 2, 3});
  EXPECT_TRUE(dataset_available("mnist", folder.path()));  // present, though wrong
  const DatasetVerification verification = verify_dataset("mnist", folder.path());
  EXPECT_FALSE(verification.ok());
  for (const FileVerification& file : verification.files) {
    EXPECT_EQ(file.status, FileStatus::mismatch);
    EXPECT_NE(file.detail.find("expected"), std::string::npos);
  }
}

TEST(Registry, RealMnistAndFashionMnistVerify) {
  REPRO_REQUIRE_REAL_DATA("mnist");
  for (const char* name : {"mnist", "fashion-mnist"}) {
    ASSERT_TRUE(dataset_available(name, testing::real_data_dir())) << name;
    const DatasetVerification verification = verify_dataset(name, testing::real_data_dir());
    EXPECT_TRUE(verification.ok()) << name;
    EXPECT_EQ(verification.location.source, "data directory");
    for (const FileVerification& file : verification.files) EXPECT_EQ(file.status, FileStatus::ok) << file.path;
  }
  EXPECT_TRUE(dataset_available("dogs-vs-cats", testing::real_data_dir()));
}

TEST(Registry, DecompressedCopiesVerifyOnContentChecksum) {
  REPRO_REQUIRE_REAL_DATA("mnist/t10k-labels-idx1-ubyte.gz");
  ScratchFolder folder("reg");
  const DatasetInfo& info = find_dataset("mnist");
  for (const DatasetFile& file : info.files) {
    const std::filesystem::path source = testing::real_data_dir() / "mnist" / file.relative_path;
    if (file.relative_path.rfind("t10k-labels", 0) == 0) {
      write_file_bytes(folder.path() / "mnist" / file.raw_alternative, read_maybe_gzip_file(source));
    } else {
      std::filesystem::create_directories(folder.path() / "mnist");
      std::filesystem::create_symlink(source, folder.path() / "mnist" / file.relative_path);
    }
  }
  const DatasetVerification verification = verify_dataset("mnist", folder.path());
  EXPECT_TRUE(verification.ok());
  EXPECT_EQ(verification.files[3].path.filename(), "t10k-labels-idx1-ubyte");
  EXPECT_EQ(verification.files[3].status, FileStatus::ok);
}

TEST(Registry, FindsDebianFashionMnistPackage) {
  if (!std::filesystem::exists("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")) {
    GTEST_SKIP() << "Debian package dataset-fashion-mnist is not installed";
  }
  ScratchFolder empty("reg");
  const DatasetLocation location = locate_dataset("fashion-mnist", empty.path());
  ASSERT_TRUE(location.found);
  EXPECT_EQ(location.directory, "/usr/share/datasets/fashion-mnist");
  EXPECT_NE(location.source.find("dataset-fashion-mnist"), std::string::npos);
  // Rewritten gzip headers: file checksums differ, decompressed content matches.
  EXPECT_TRUE(verify_dataset("fashion-mnist", empty.path()).ok());
}

}  // namespace
}  // namespace repro::data
