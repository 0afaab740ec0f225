// The verified downloader and `fetch`, against a local HTTP server on 127.0.0.1
// (http_test_server.py): a good file, a corrupted file, a transfer cut halfway then resumed
// with a Range request, a missing file, mirror fallback, and a whole data set.
#include <gtest/gtest.h>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "base/errors.h"
#include "data/checksum.h"
#include "data/dataset_fetch.h"
#include "data/downloader.h"
#include "data/file_bytes.h"
#include "data_test_support.h"

extern char** environ;

namespace repro::data {
namespace {

using testing::ScratchFolder;

std::filesystem::path server_script() {
  const char* source = std::getenv("REPRO_SOURCE_DIR");
  return std::filesystem::path(source ? source : REPRO_TEST_SOURCE_DIR) / "tests" / "data" / "http_test_server.py";
}

class LocalHttpServer : public ::testing::Test {
 protected:
  void SetUp() override {
    served_ = std::make_unique<ScratchFolder>("served");
    downloads_ = std::make_unique<ScratchFolder>("downloads");
    payload_.resize(300 * 1000);
    for (std::size_t i = 0; i < payload_.size(); ++i) payload_[i] = static_cast<std::uint8_t>((i * 2654435761u) >> 13);
    write_file_bytes(served_->path() / "good.bin", payload_);
    std::vector<std::uint8_t> corrupted = payload_;
    corrupted[payload_.size() / 3] ^= 0x40;
    write_file_bytes(served_->path() / "corrupt.bin", corrupted);
    expected_.sha256 = sha256_hex(payload_.data(), payload_.size());
    expected_.size_bytes = static_cast<std::int64_t>(payload_.size());

    const std::filesystem::path port_file = served_->path() / "port";
    log_ = served_->path() / "requests.log";
    std::vector<std::string> arguments = {"python3", server_script().string(), served_->path().string(),
                                          port_file.string(), log_.string()};
    std::vector<char*> argv;
    for (std::string& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);
    if (posix_spawnp(&pid_, "python3", nullptr, nullptr, argv.data(), environ) != 0) {
      pid_ = 0;
      GTEST_SKIP() << "python3 is not available to run the local HTTP server";
    }
    for (int i = 0; i < 200 && !std::filesystem::exists(port_file); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    ASSERT_TRUE(std::filesystem::exists(port_file)) << "the local HTTP server did not start";
    std::ifstream(port_file) >> port_;
    base_ = "http://127.0.0.1:" + std::to_string(port_);
  }

  void TearDown() override {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
  }

  std::string request_log() const {
    std::ifstream in(log_);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  std::string url(const std::string& mode, const std::string& name) const { return base_ + "/" + mode + "/" + name; }

  std::unique_ptr<ScratchFolder> served_, downloads_;
  std::vector<std::uint8_t> payload_;
  ExpectedDigest expected_;
  std::filesystem::path log_;
  pid_t pid_ = 0;
  int port_ = 0;
  std::string base_;
};

TEST_F(LocalHttpServer, DownloadsAndVerifiesAGoodFile) {
  const std::filesystem::path destination = downloads_->path() / "sub" / "good.bin";
  download_verified({url("files", "good.bin")}, destination, expected_);
  EXPECT_EQ(read_file_bytes(destination), payload_);
  EXPECT_FALSE(std::filesystem::exists(partial_download_path(destination)));
  // A second call finds the verified file and transfers nothing.
  const std::string before = request_log();
  download_verified({url("files", "good.bin")}, destination, expected_);
  EXPECT_EQ(request_log(), before);
}

TEST_F(LocalHttpServer, CorruptedFileIsRejectedAndLeavesNothing) {
  const std::filesystem::path destination = downloads_->path() / "good.bin";
  try {
    download_verified({url("files", "corrupt.bin")}, destination, expected_);
    FAIL() << "expected a checksum mismatch";
  } catch (const InputError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("checksum mismatch"), std::string::npos) << message;
    EXPECT_NE(message.find(destination.string()), std::string::npos) << message;
  }
  EXPECT_FALSE(std::filesystem::exists(destination));
  EXPECT_FALSE(std::filesystem::exists(partial_download_path(destination)));
}

TEST_F(LocalHttpServer, CutTransferLeavesOnlyAPartialThenResumesWithRange) {
  const std::filesystem::path destination = downloads_->path() / "good.bin";
  EXPECT_THROW(download_verified({url("cut", "good.bin")}, destination, expected_), InputError);
  EXPECT_FALSE(std::filesystem::exists(destination));
  const std::filesystem::path partial = partial_download_path(destination);
  ASSERT_TRUE(std::filesystem::exists(partial));
  const auto half = std::filesystem::file_size(partial);
  EXPECT_EQ(half, payload_.size() / 2);

  download_verified({url("files", "good.bin")}, destination, expected_);
  EXPECT_EQ(read_file_bytes(destination), payload_);
  EXPECT_FALSE(std::filesystem::exists(partial));
  EXPECT_NE(request_log().find("/files/good.bin range=bytes=" + std::to_string(half) + "-"), std::string::npos)
      << request_log();
}

TEST_F(LocalHttpServer, MissingFileFailsAndMirrorsAreTriedInOrder) {
  const std::filesystem::path destination = downloads_->path() / "good.bin";
  try {
    download_verified({url("files", "absent.bin")}, destination, expected_);
    FAIL();
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("404"), std::string::npos) << error.what();
  }
  EXPECT_FALSE(std::filesystem::exists(destination));
  download_verified({url("files", "absent.bin"), url("files", "good.bin")}, destination, expected_);
  EXPECT_EQ(read_file_bytes(destination), payload_);
}

TEST_F(LocalHttpServer, FetchesRealMnistThroughTheRegistry) {
  REPRO_REQUIRE_REAL_DATA("mnist");
  for (const DatasetFile& file : find_dataset("mnist").files) {
    std::filesystem::copy_file(testing::real_data_dir() / "mnist" / file.relative_path, served_->path() / file.relative_path);
  }
  const DatasetVerification verification = fetch_dataset("mnist", downloads_->path(), DownloadOptions(), base_ + "/files");
  EXPECT_TRUE(verification.ok());
  for (const FileVerification& file : verification.files) EXPECT_EQ(file.status, FileStatus::ok) << file.path;
  EXPECT_TRUE(dataset_available("mnist", downloads_->path()));
  EXPECT_THROW(fetch_dataset("dogs-vs-cats", downloads_->path()), InputError);
}

}  // namespace
}  // namespace repro::data
