// LibTorch side: tensor conversion, device-resident data set with on-device augmentation,
// tensor batch pipelines through the prefetching loader, synthetic study batches.
#include <gtest/gtest.h>

#include <torch/torch.h>

#include "data/device_dataset.h"
#include "data/format_writers.h"
#include "data/mnist.h"
#include "data/pipeline_batches.h"
#include "data/synthetic_batches.h"
#include "data/tensor_conversion.h"
#include "base/errors.h"
#include "data_test_support.h"

namespace repro::data {
namespace {

using testing::ScratchFolder;

TEST(TensorConversion, ShapesTypesAndValues) {
  const CifarImages cifar = synthetic_cifar(5, CifarKind::cifar10, 3);
  const torch::Tensor images = cifar_images_to_tensor(cifar);
  EXPECT_EQ(images.sizes(), (std::vector<std::int64_t>{5, 3, 32, 32}));
  EXPECT_EQ(images.scalar_type(), torch::kUInt8);
  EXPECT_EQ(images[4][2][31][31].item<int>(), cifar.image(4)[3071]);
  const torch::Tensor labels = labels_to_tensor(cifar.labels);
  EXPECT_EQ(labels.scalar_type(), torch::kInt64);
  EXPECT_EQ(labels[2].item<std::int64_t>(), cifar.labels[2]);
  const IdxImages mnist = synthetic_idx_images(2, 28, 28, 1);
  EXPECT_EQ(idx_images_to_tensor(mnist).sizes(), (std::vector<std::int64_t>{2, 1, 28, 28}));
}

TEST(DeviceDataset, RandomCropFlipMatchesTheHostTransform) {
  // The device crop/flip and the host CIFAR transform draw the same numbers in the same order.
  const CifarImages cifar = synthetic_cifar(6, CifarKind::cifar10, 9);
  const torch::Tensor images = cifar_images_to_tensor(cifar);
  const std::uint64_t seed = 1234;
  const torch::Tensor cropped = random_crop_flip(images, 4, true, seed);
  DeterministicRandom random(seed);
  const CifarTransformOptions identity = CifarTransformOptions().channel_mean({0, 0, 0}).channel_std({1, 1, 1});
  for (std::int64_t i = 0; i < 6; ++i) {
    std::vector<float> host(3072);
    cifar_train_transform(cifar.image(i), host.data(), random, identity);
    const torch::Tensor expected = torch::from_blob(host.data(), {3, 32, 32}).mul(255.0f).round();
    EXPECT_TRUE(torch::equal(cropped[i].to(torch::kFloat32), expected)) << "image " << i;
  }
}

TEST(DeviceDataset, EpochsAreSeededAndNormalised) {
  const CifarImages cifar = synthetic_cifar(50, CifarKind::cifar10, 5);
  DeviceResidentDataset dataset(cifar_images_to_tensor(cifar), labels_to_tensor(cifar.labels), torch::kCPU,
                                cifar10_train_augmentation());
  auto run = [&](std::int64_t epoch) {
    dataset.start_epoch(epoch, 42);
    std::vector<DeviceBatch> batches;
    while (auto batch = dataset.next_batch(16)) batches.push_back(*batch);
    return batches;
  };
  const auto first = run(0);
  ASSERT_EQ(first.size(), 4u);
  EXPECT_EQ(first[3].inputs.size(0), 2);
  EXPECT_EQ(first[0].inputs.sizes(), (std::vector<std::int64_t>{16, 3, 32, 32}));
  const auto again = run(0);
  EXPECT_TRUE(torch::equal(first[1].inputs, again[1].inputs));
  EXPECT_TRUE(torch::equal(first[1].targets, again[1].targets));
  const auto other = run(1);
  EXPECT_FALSE(torch::equal(first[0].targets, other[0].targets));
  std::int64_t label_sum = 0;
  for (const auto& batch : first) label_sum += batch.targets.sum().item<std::int64_t>();
  std::int64_t expected_sum = 0;
  for (std::uint8_t label : cifar.labels) expected_sum += label;
  EXPECT_EQ(label_sum, expected_sum);
  // Evaluation: in order, normalisation only.
  DeviceResidentDataset eval(cifar_images_to_tensor(cifar), labels_to_tensor(cifar.labels), torch::kCPU,
                             cifar10_eval_augmentation());
  const DeviceBatch batch = *eval.next_batch(1);
  const float expected = (cifar.image(0)[0] / 255.0f - 0.4914f) / 0.2470f;
  EXPECT_NEAR(batch.inputs[0][0][0][0].item<float>(), expected, 1e-5);
  if (torch::cuda::is_available()) {
    DeviceResidentDataset on_gpu(cifar_images_to_tensor(cifar), labels_to_tensor(cifar.labels), torch::kCUDA,
                                 cifar10_train_augmentation());
    on_gpu.start_epoch(0, 42);
    EXPECT_TRUE(torch::allclose(on_gpu.next_batch(16)->inputs.cpu(), first[0].inputs, 1e-5, 1e-5));
  }
}

TEST(PipelineBatches, CifarHostLoaderWithWorkers) {
  const CifarImages cifar = synthetic_cifar(40, CifarKind::cifar10, 2);
  auto make = [&](const std::vector<std::int64_t>& indices, std::uint64_t seed) {
    return make_cifar_batch(cifar, indices, seed, true);
  };
  auto collect = [&](int workers) {
    TensorBatchLoader loader(40, make, LoaderOptions().batch(16).worker_threads(workers).random_seed(3));
    loader.start_epoch(0);
    std::vector<TensorBatch> batches;
    while (auto batch = loader.next()) batches.push_back(*batch);
    return batches;
  };
  const auto serial = collect(0), parallel = collect(3);
  ASSERT_EQ(serial.size(), 3u);
  for (std::size_t i = 0; i < serial.size(); ++i) {
    EXPECT_TRUE(torch::equal(serial[i].inputs, parallel[i].inputs));
    EXPECT_TRUE(torch::equal(serial[i].targets, parallel[i].targets));
  }
  EXPECT_EQ(serial[2].inputs.size(0), 8);
}

TEST(PipelineBatches, SsdAndDogsVsCatsFromWrittenFolders) {
  ScratchFolder folder("pipe");
  std::vector<VocSampleToWrite> written;
  for (int i = 0; i < 3; ++i) written.push_back(synthetic_voc_sample("00000" + std::to_string(i), 75, 100, i));
  write_voc_folder(folder.path() / "VOC2007", written, "trainval");
  const std::vector<VocSample> samples = load_voc_samples(folder.path() / "VOC2007", "trainval");
  const TensorBatch ssd = make_ssd_batch(samples, {2, 0}, 5, true);
  EXPECT_EQ(ssd.inputs.sizes(), (std::vector<std::int64_t>{2, 3, 300, 300}));
  ASSERT_EQ(ssd.boxes.size(), 2u);
  EXPECT_EQ(ssd.boxes[0].size(1), 4);
  EXPECT_EQ(ssd.boxes[0].size(0), ssd.box_labels[0].size(0));
  EXPECT_GE(ssd.boxes[0].size(0), 1);
  const TensorBatch ssd_test = make_ssd_batch(samples, {1}, 0, false);
  EXPECT_EQ(ssd_test.boxes[0].size(0), static_cast<std::int64_t>(samples[1].annotation.objects.size()));

  write_dogs_vs_cats_folder(folder.path() / "dvc", {synthetic_photo(50, 60, 1)}, {synthetic_photo(40, 30, 2)});
  const std::vector<LabeledImageFile> files = list_dogs_vs_cats(folder.path() / "dvc");
  const TensorBatch dogs = make_dogs_vs_cats_batch(files, {1, 0});
  EXPECT_EQ(dogs.inputs.sizes(), (std::vector<std::int64_t>{2, 3, 224, 224}));
  EXPECT_EQ(dogs.targets[0].item<std::int64_t>(), 1);
  EXPECT_GE(dogs.inputs.min().item<float>(), 0.0f);
  EXPECT_LE(dogs.inputs.max().item<float>(), 1.0f);
}

TEST(SyntheticBatches, StudyShapes) {
  EXPECT_EQ(synthetic_batch(StudyInput::mnist, 4, 1).inputs.sizes(), (std::vector<std::int64_t>{4, 1, 28, 28}));
  const TensorBatch cifar100 = synthetic_batch(parse_study_input("cifar-100"), 64, 1);
  EXPECT_LT(cifar100.targets.max().item<std::int64_t>(), 100);
  const TensorBatch ssd = synthetic_batch(StudyInput::ssd300, 3, 2);
  EXPECT_EQ(ssd.inputs.sizes(), (std::vector<std::int64_t>{3, 3, 300, 300}));
  ASSERT_EQ(ssd.boxes.size(), 3u);
  EXPECT_TRUE((ssd.boxes[1].select(1, 2) > ssd.boxes[1].select(1, 0)).all().item<bool>());
  EXPECT_EQ(synthetic_batch(StudyInput::dogs_vs_cats, 2, 3).inputs.size(3), 224);
  EXPECT_TRUE(torch::equal(synthetic_batch(StudyInput::cifar10, 8, 9).inputs, synthetic_batch(StudyInput::cifar10, 8, 9).inputs));
  EXPECT_THROW(parse_study_input("imagenet"), InputError);
}

TEST(DeviceDataset, RealMnistOnTheDevice) {
  REPRO_REQUIRE_REAL_DATA("mnist");
  const MnistSplit test = load_mnist_split(testing::real_data_dir() / "mnist", Split::test);
  DeviceResidentDataset dataset(idx_images_to_tensor(test.images), labels_to_tensor(test.labels), torch::kCPU,
                                DeviceAugmentOptions().normalise({0.1307f}, {0.3081f}));
  EXPECT_EQ(dataset.size(), 10000);
  dataset.start_epoch(0, 1, false);
  const DeviceBatch batch = *dataset.next_batch(10000);
  // MNIST test-set pixel mean on [0, 1] is 0.1325; normalised with the train mean/std it stays near 0.
  EXPECT_NEAR(batch.inputs.mean().item<float>(), (0.1325f - 0.1307f) / 0.3081f, 0.01f);
  EXPECT_EQ(batch.targets[0].item<std::int64_t>(), 7);
}

}  // namespace
}  // namespace repro::data
