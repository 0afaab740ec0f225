// Images per second of the data pipelines, one worker thread each (LibTorch intra-op threads
// set to 1): CIFAR host (crop/flip/normalise into a tensor), CIFAR on the device (a
// device-resident data set, CUDA when available), SSD (JPEG decode + SSD augmentation to
// 300x300) and Dogs vs. Cats (JPEG decode + resize to 224x224). The JPEG pipelines read
// 500x375 synthetic photographs (the typical VOC / Dogs vs. Cats size) written to a temporary
// folder, or the real Dogs vs. Cats subset when REPRO_DATA_DIR has it.
#include <benchmark/benchmark.h>
#include <torch/torch.h>

#include <cstdlib>
#include <filesystem>

#include "data/device_dataset.h"
#include "data/format_writers.h"
#include "data/pipeline_batches.h"
#include "data/tensor_conversion.h"

namespace repro::data {
namespace {

std::filesystem::path scratch_folder() {
  static const std::filesystem::path folder = [] {
    std::filesystem::path path = std::filesystem::temp_directory_path() / "repro-data-benchmark";
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
    return path;
  }();
  return folder;
}

const CifarImages& cifar_images() {
  static const CifarImages images = synthetic_cifar(4096, CifarKind::cifar10, 1);
  return images;
}

void BM_CifarHostPipeline(benchmark::State& state) {
  torch::set_num_threads(1);
  const std::int64_t batch_size = state.range(0);
  std::vector<std::int64_t> indices(static_cast<std::size_t>(batch_size));
  std::uint64_t seed = 0;
  for (auto _ : state) {
    for (std::int64_t i = 0; i < batch_size; ++i) indices[static_cast<std::size_t>(i)] = (seed * batch_size + i) % 4096;
    TensorBatch batch = make_cifar_batch(cifar_images(), indices, seed++, true);
    benchmark::DoNotOptimize(batch.inputs.data_ptr());
  }
  state.SetItemsProcessed(state.iterations() * batch_size);
}
BENCHMARK(BM_CifarHostPipeline)->Arg(512)->Unit(benchmark::kMillisecond);

void BM_CifarDevicePipeline(benchmark::State& state) {
  torch::set_num_threads(1);
  const torch::Device device = torch::cuda::is_available() ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
  state.SetLabel(device.is_cuda() ? "cuda" : "cpu");
  DeviceResidentDataset dataset(cifar_images_to_tensor(cifar_images()), labels_to_tensor(cifar_images().labels), device,
                                cifar10_train_augmentation());
  const std::int64_t batch_size = state.range(0);
  std::int64_t epoch = 0;
  dataset.start_epoch(epoch, 1);
  for (auto _ : state) {
    auto batch = dataset.next_batch(batch_size);
    if (!batch || batch->inputs.size(0) < batch_size) {
      dataset.start_epoch(++epoch, 1);
      batch = dataset.next_batch(batch_size);
    }
    if (device.is_cuda()) torch::cuda::synchronize();
    benchmark::DoNotOptimize(batch->inputs.data_ptr());
  }
  state.SetItemsProcessed(state.iterations() * batch_size);
}
BENCHMARK(BM_CifarDevicePipeline)->Arg(512)->Unit(benchmark::kMillisecond)->UseRealTime();

const std::vector<VocSample>& voc_samples() {
  static const std::vector<VocSample> samples = [] {
    std::vector<VocSampleToWrite> written;
    for (int i = 0; i < 16; ++i) written.push_back(synthetic_voc_sample("b" + std::to_string(i), 375, 500, i));
    write_voc_folder(scratch_folder() / "VOC2007", written, "trainval");
    return load_voc_samples(scratch_folder() / "VOC2007", "trainval");
  }();
  return samples;
}

void BM_SsdPipeline(benchmark::State& state) {
  torch::set_num_threads(1);
  const std::int64_t batch_size = state.range(0);
  std::vector<std::int64_t> indices(static_cast<std::size_t>(batch_size));
  std::uint64_t seed = 0;
  for (auto _ : state) {
    for (std::int64_t i = 0; i < batch_size; ++i) indices[static_cast<std::size_t>(i)] = (seed * batch_size + i) % 16;
    TensorBatch batch = make_ssd_batch(voc_samples(), indices, seed++, true);
    benchmark::DoNotOptimize(batch.inputs.data_ptr());
  }
  state.SetItemsProcessed(state.iterations() * batch_size);
}
BENCHMARK(BM_SsdPipeline)->Arg(8)->Unit(benchmark::kMillisecond);

const std::vector<LabeledImageFile>& dogs_vs_cats_files() {
  static const std::vector<LabeledImageFile> files = [] {
    const char* data_dir = std::getenv("REPRO_DATA_DIR");
    if (data_dir != nullptr && std::filesystem::is_directory(std::filesystem::path(data_dir) / "dogs-vs-cats" / "train")) {
      return list_dogs_vs_cats(std::filesystem::path(data_dir) / "dogs-vs-cats" / "train");
    }
    std::vector<Image> cats, dogs;
    for (int i = 0; i < 8; ++i) cats.push_back(synthetic_photo(375, 500, i));
    for (int i = 0; i < 8; ++i) dogs.push_back(synthetic_photo(375, 500, 100 + i));
    write_dogs_vs_cats_folder(scratch_folder() / "dogs-vs-cats", cats, dogs);
    return list_dogs_vs_cats(scratch_folder() / "dogs-vs-cats");
  }();
  return files;
}

void BM_DogsVsCatsPipeline(benchmark::State& state) {
  torch::set_num_threads(1);
  const std::int64_t batch_size = state.range(0);
  const auto count = static_cast<std::int64_t>(dogs_vs_cats_files().size());
  std::vector<std::int64_t> indices(static_cast<std::size_t>(batch_size));
  std::int64_t step = 0;
  for (auto _ : state) {
    for (std::int64_t i = 0; i < batch_size; ++i) indices[static_cast<std::size_t>(i)] = (step * batch_size + i) % count;
    ++step;
    TensorBatch batch = make_dogs_vs_cats_batch(dogs_vs_cats_files(), indices);
    benchmark::DoNotOptimize(batch.inputs.data_ptr());
  }
  state.SetItemsProcessed(state.iterations() * batch_size);
}
BENCHMARK(BM_DogsVsCatsPipeline)->Arg(8)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace repro::data

BENCHMARK_MAIN();
