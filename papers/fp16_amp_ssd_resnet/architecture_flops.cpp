#include "papers/fp16_amp_ssd_resnet/architecture_flops.h"

namespace repro::fp16_amp_ssd_resnet {

std::vector<ConvolutionShape> resnet18_cifar_layers() {
  std::vector<ConvolutionShape> layers{{"stem", 3, 32, 3, 32}};
  const std::int64_t widths[] = {64, 128, 256, 512};
  const std::int64_t sizes[] = {32, 16, 8, 4};
  std::int64_t in_channels = 32;
  for (int stage = 0; stage < 4; ++stage) {
    const std::string prefix = "stage" + std::to_string(stage + 1);
    const std::int64_t width = widths[stage];
    const std::int64_t size = sizes[stage];
    layers.push_back({prefix + ".block1.conv1", in_channels, width, 3, size});
    layers.push_back({prefix + ".block1.conv2", width, width, 3, size});
    layers.push_back({prefix + ".block1.shortcut", in_channels, width, 1, size});
    layers.push_back({prefix + ".block2.conv1", width, width, 3, size});
    layers.push_back({prefix + ".block2.conv2", width, width, 3, size});
    in_channels = width;
  }
  layers.push_back({"linear", 512, 10, 1, 1});
  return layers;
}

std::vector<ConvolutionShape> ssd300_vgg16_layers() {
  std::vector<ConvolutionShape> layers{
      {"conv1_1", 3, 64, 3, 300},     {"conv1_2", 64, 64, 3, 300},
      {"conv2_1", 64, 128, 3, 150},   {"conv2_2", 128, 128, 3, 150},
      {"conv3_1", 128, 256, 3, 75},   {"conv3_2", 256, 256, 3, 75},
      {"conv3_3", 256, 256, 3, 75},   {"conv4_1", 256, 512, 3, 38},
      {"conv4_2", 512, 512, 3, 38},   {"conv4_3", 512, 512, 3, 38},
      {"conv5_1", 512, 512, 3, 19},   {"conv5_2", 512, 512, 3, 19},
      {"conv5_3", 512, 512, 3, 19},   {"conv6", 512, 1024, 3, 19},
      {"conv7", 1024, 1024, 1, 19},   {"conv8_1", 1024, 256, 1, 19},
      {"conv8_2", 256, 512, 3, 10},   {"conv9_1", 512, 128, 1, 10},
      {"conv9_2", 128, 256, 3, 5},    {"conv10_1", 256, 128, 1, 5},
      {"conv10_2", 128, 256, 3, 3},   {"conv11_1", 256, 128, 1, 3},
      {"conv11_2", 128, 256, 3, 1},
  };
  struct Source { const char* name; std::int64_t channels, size, boxes; };
  constexpr std::int64_t kClasses = 21;   // 20 VOC classes and background
  constexpr std::int64_t kBoxCoordinates = 4;
  const Source sources[] = {{"conv4_3", 512, 38, 4}, {"conv7", 1024, 19, 6}, {"conv8_2", 512, 10, 6},
                            {"conv9_2", 256, 5, 6},  {"conv10_2", 256, 3, 4}, {"conv11_2", 256, 1, 4}};
  for (const Source& source : sources) {
    layers.push_back({std::string(source.name) + ".loc", source.channels,
                      source.boxes * kBoxCoordinates, 3, source.size});
    layers.push_back({std::string(source.name) + ".conf", source.channels, source.boxes * kClasses,
                      3, source.size});
  }
  return layers;
}

std::int64_t total_multiply_accumulates(const std::vector<ConvolutionShape>& layers) {
  std::int64_t total = 0;
  for (const auto& layer : layers) total += layer.multiply_accumulates();
  return total;
}

}  // namespace repro::fp16_amp_ssd_resnet
