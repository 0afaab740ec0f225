#include "data/tensor_conversion.h"

#include <torch/torch.h>

namespace repro::data {

namespace {
torch::Tensor copy_bytes(const std::vector<std::uint8_t>& bytes, std::vector<std::int64_t> shape) {
  torch::Tensor tensor = torch::empty(shape, torch::kUInt8);
  std::memcpy(tensor.data_ptr<std::uint8_t>(), bytes.data(), bytes.size());
  return tensor;
}
}  // namespace

torch::Tensor idx_images_to_tensor(const IdxImages& images) {
  return copy_bytes(images.pixels, {images.count, 1, images.rows, images.cols});
}

torch::Tensor labels_to_tensor(const std::vector<std::uint8_t>& labels) {
  return copy_bytes(labels, {static_cast<std::int64_t>(labels.size())}).to(torch::kInt64);
}

torch::Tensor cifar_images_to_tensor(const CifarImages& images) {
  return copy_bytes(images.pixels, {images.count, 3, 32, 32});
}

torch::Tensor chw_to_tensor(const std::vector<float>& chw, std::int64_t channels, std::int64_t height, std::int64_t width) {
  TORCH_CHECK(static_cast<std::int64_t>(chw.size()) == channels * height * width, "chw_to_tensor: size mismatch");
  return torch::from_blob(const_cast<float*>(chw.data()), {channels, height, width}, torch::kFloat32).clone();
}

}  // namespace repro::data
