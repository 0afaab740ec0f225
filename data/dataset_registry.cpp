#include "data/dataset_registry.h"

#include "base/errors.h"

namespace repro::data {

namespace {

DatasetFile idx_file(const std::string& name, std::int64_t size, const std::string& sha256, const std::string& md5,
                     const std::string& content_sha256) {
  DatasetFile file;
  file.relative_path = name;
  file.raw_alternative = name.substr(0, name.size() - 3);  // without ".gz"
  file.size_bytes = size;
  file.sha256 = sha256;
  file.md5 = md5;
  file.content_sha256 = content_sha256;
  return file;
}

DatasetDownload plain_download(const DatasetFile& file, const std::vector<std::string>& base_urls) {
  DatasetDownload download;
  download.file_name = file.relative_path;
  for (const std::string& base : base_urls) download.urls.push_back(base + file.relative_path);
  download.size_bytes = file.size_bytes;
  download.sha256 = file.sha256;
  download.md5 = file.md5;
  return download;
}

DatasetFile plain_file(const std::string& path, const std::string& md5 = "") {
  DatasetFile file;
  file.relative_path = path;
  file.md5 = md5;
  return file;
}

DatasetInfo make_mnist() {
  DatasetInfo info;
  info.name = "mnist";
  info.folder = "mnist";
  info.description = "MNIST handwritten digits, 60,000 train + 10,000 test 28x28 grey images (IDX)";
  // SHA-256: shared/data/SHA256SUMS; MD5: the lists torchvision and others publish.
  info.files = {
      idx_file("train-images-idx3-ubyte.gz", 9912422, "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
               "f68b3c2dcbeaaa9fbdd348bbdeb94873", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
      idx_file("train-labels-idx1-ubyte.gz", 28881, "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
               "d53e105ee54ea40749a09fcbcd1e9432", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
      idx_file("t10k-images-idx3-ubyte.gz", 1648877, "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
               "9fb629c4189551a2d022fa330f9573f3", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
      idx_file("t10k-labels-idx1-ubyte.gz", 4542, "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
               "ec29112dd5afa0611ce80d1b7f02629c", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
  };
  for (const DatasetFile& file : info.files) {
    info.downloads.push_back(plain_download(
        file, {"http://yann.lecun.com/exdb/mnist/", "https://ossci-datasets.s3.amazonaws.com/mnist/"}));
  }
  return info;
}

DatasetInfo make_fashion_mnist() {
  DatasetInfo info;
  info.name = "fashion-mnist";
  info.folder = "fashion-mnist";
  info.description = "Zalando FashionMNIST, 60,000 train + 10,000 test 28x28 grey images (IDX)";
  info.files = {
      idx_file("train-images-idx3-ubyte.gz", 26421880, "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
               "8d4fb7e6c68d591d4c3dfef9ec88bf0d", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
      idx_file("train-labels-idx1-ubyte.gz", 29515, "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
               "25c81989df183df01b3e8a0aad5dffbe", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
      idx_file("t10k-images-idx3-ubyte.gz", 4422102, "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
               "bef4ecab320f06d8554ea6380940ec79", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
      idx_file("t10k-labels-idx1-ubyte.gz", 5148, "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
               "bb300cfdad3c16e7a12a480ee83cd310", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
  };
  for (const DatasetFile& file : info.files) {
    info.downloads.push_back(plain_download(file, {"http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"}));
  }
  // Debian's dataset-fashion-mnist rewrites the gzip headers (different file checksums, same
  // content_sha256).
  info.system_folders = {"/usr/share/datasets/fashion-mnist"};
  return info;
}

DatasetInfo make_cifar10() {
  DatasetInfo info;
  info.name = "cifar-10";
  info.folder = "cifar-10";
  info.description = "CIFAR-10, 50,000 train + 10,000 test 32x32 colour images, 10 classes (binary version)";
  info.files = {
      plain_file("cifar-10-batches-bin/data_batch_1.bin", "5dd7e06a14cb22eb9f671a540d1b7c25"),
      plain_file("cifar-10-batches-bin/data_batch_2.bin", "5ea93a67294ea407fff1d09f752e9692"),
      plain_file("cifar-10-batches-bin/data_batch_3.bin", "942cd6a4bcdd0dd3c604fbe906cb4421"),
      plain_file("cifar-10-batches-bin/data_batch_4.bin", "ae636b3ba5c66a11e91e8cb52e771fcb"),
      plain_file("cifar-10-batches-bin/data_batch_5.bin", "53f37980c15c3d472c316c40844f3f0d"),
      plain_file("cifar-10-batches-bin/test_batch.bin", "803d5f7f4d78ea53de84dbe85f74fb6d"),
  };
  for (DatasetFile& file : info.files) file.size_bytes = 10000 * 3073;
  DatasetDownload archive;
  archive.file_name = "cifar-10-binary.tar.gz";
  archive.urls = {"https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"};
  archive.md5 = "c32a1d4ab5d03f1284b67883e8d87530";
  archive.extract_tar = true;
  info.downloads = {archive};
  return info;
}

DatasetInfo make_cifar100() {
  DatasetInfo info;
  info.name = "cifar-100";
  info.folder = "cifar-100";
  info.description = "CIFAR-100, 50,000 train + 10,000 test 32x32 colour images, 20 coarse / 100 fine classes";
  info.files = {plain_file("cifar-100-binary/train.bin"), plain_file("cifar-100-binary/test.bin")};
  info.files[0].size_bytes = 50000 * 3074;
  info.files[1].size_bytes = 10000 * 3074;
  DatasetDownload archive;
  archive.file_name = "cifar-100-binary.tar.gz";
  archive.urls = {"https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz"};
  archive.md5 = "03b5dce01913d631647c71ecec9e9cb8";
  archive.extract_tar = true;
  info.downloads = {archive};
  return info;
}

DatasetDownload voc_archive(const std::string& year, const std::string& file_name, const std::string& md5) {
  DatasetDownload archive;
  archive.file_name = file_name;
  archive.urls = {"http://host.robots.ox.ac.uk/pascal/VOC/voc" + year + "/" + file_name};
  archive.md5 = md5;
  archive.extract_tar = true;
  return archive;
}

DatasetInfo make_voc2007() {
  DatasetInfo info;
  info.name = "voc2007";
  info.folder = "voc";
  info.description = "Pascal VOC 2007 detection, trainval (5,011 images) and test (4,952 images)";
  info.files = {plain_file("VOCdevkit/VOC2007/ImageSets/Main/trainval.txt"),
                plain_file("VOCdevkit/VOC2007/ImageSets/Main/test.txt")};
  for (const char* folder : {"VOCdevkit/VOC2007/Annotations", "VOCdevkit/VOC2007/JPEGImages"}) {
    DatasetFile directory = plain_file(folder);
    directory.is_directory = true;
    info.files.push_back(directory);
  }
  // MD5s as torchvision publishes them.
  info.downloads = {voc_archive("2007", "VOCtrainval_06-Nov-2007.tar", "c52e279531787c972589f7e41ab4ae64"),
                    voc_archive("2007", "VOCtest_06-Nov-2007.tar", "b6e924de25625d8de591ea690078ad9f")};
  return info;
}

DatasetInfo make_voc2012() {
  DatasetInfo info;
  info.name = "voc2012";
  info.folder = "voc";
  info.description = "Pascal VOC 2012 detection, trainval (11,540 images)";
  info.files = {plain_file("VOCdevkit/VOC2012/ImageSets/Main/trainval.txt")};
  for (const char* folder : {"VOCdevkit/VOC2012/Annotations", "VOCdevkit/VOC2012/JPEGImages"}) {
    DatasetFile directory = plain_file(folder);
    directory.is_directory = true;
    info.files.push_back(directory);
  }
  info.downloads = {voc_archive("2012", "VOCtrainval_11-May-2012.tar", "6cd6e144f989b92b3379bac3b3de84fd")};
  return info;
}

DatasetInfo make_dogs_vs_cats() {
  DatasetInfo info;
  info.name = "dogs-vs-cats";
  info.folder = "dogs-vs-cats";
  info.description = "Kaggle Dogs vs. Cats, labelled training JPEGs cat.N.jpg / dog.N.jpg (25,000 in full)";
  DatasetFile train = plain_file("train");
  train.is_directory = true;
  info.files = {train};
  info.manual_download =
      "Kaggle requires signing in and accepting the competition rules: "
      "`kaggle competitions download -c dogs-vs-cats` (https://www.kaggle.com/c/dogs-vs-cats/data), "
      "then unzip train.zip so that DATA_DIR/dogs-vs-cats/train/cat.0.jpg exists";
  return info;
}

bool file_present(const DatasetFile& file, const std::filesystem::path& directory) {
  const std::filesystem::path path = directory / file.relative_path;
  if (file.is_directory) {
    return std::filesystem::is_directory(path) && !std::filesystem::is_empty(path);
  }
  if (std::filesystem::is_regular_file(path)) return true;
  return !file.raw_alternative.empty() &&
         std::filesystem::is_regular_file(path.parent_path() / file.raw_alternative);
}

std::vector<std::string> missing_files(const DatasetInfo& info, const std::filesystem::path& directory) {
  std::vector<std::string> missing;
  for (const DatasetFile& file : info.files) {
    if (!file_present(file, directory)) missing.push_back(file.relative_path);
  }
  return missing;
}

}  // namespace

const std::vector<DatasetInfo>& dataset_registry() {
  static const std::vector<DatasetInfo> registry = {make_mnist(),   make_fashion_mnist(), make_cifar10(),
                                                    make_cifar100(), make_voc2007(),      make_voc2012(),
                                                    make_dogs_vs_cats()};
  return registry;
}

const DatasetInfo& find_dataset(const std::string& name) {
  std::string known;
  for (const DatasetInfo& info : dataset_registry()) {
    if (info.name == name) return info;
    known += (known.empty() ? "" : ", ") + info.name;
  }
  throw InputError("unknown data set '" + name + "' (known: " + known + ")");
}

std::filesystem::path installed_file_path(const DatasetFile& file, const std::filesystem::path& directory) {
  const std::filesystem::path path = directory / file.relative_path;
  if (file.is_directory || file.raw_alternative.empty() || std::filesystem::exists(path)) return path;
  const std::filesystem::path raw = path.parent_path() / file.raw_alternative;
  return std::filesystem::exists(raw) ? raw : path;
}

DatasetLocation locate_dataset(const std::string& name, const std::filesystem::path& data_dir) {
  const DatasetInfo& info = find_dataset(name);
  DatasetLocation location;
  if (!data_dir.empty()) {
    const std::filesystem::path directory = data_dir / info.folder;
    location.missing = missing_files(info, directory);
    if (location.missing.empty()) {
      location.found = true;
      location.directory = directory;
      location.source = "data directory";
      return location;
    }
  } else {
    for (const DatasetFile& file : info.files) location.missing.push_back(file.relative_path);
  }
  for (const std::filesystem::path& folder : info.system_folders) {
    if (missing_files(info, folder).empty()) {
      location.found = true;
      location.directory = folder;
      location.source = "system folder " + folder.string() + (name == "fashion-mnist" ? " (Debian package dataset-fashion-mnist)" : "");
      return location;
    }
  }
  return location;
}

bool dataset_available(const std::string& name, const std::filesystem::path& data_dir) {
  return locate_dataset(name, data_dir).found;
}

}  // namespace repro::data
