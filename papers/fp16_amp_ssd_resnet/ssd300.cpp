#include "papers/fp16_amp_ssd_resnet/ssd300.h"

#include <string>

#include "base/errors.h"
#include "common/training/checkpoint.h"

namespace repro::fp16_amp_ssd_resnet {
namespace {

torch::nn::Conv2d conv(std::int64_t input, std::int64_t output, std::int64_t kernel,
                       std::int64_t stride = 1, std::int64_t padding = 0, std::int64_t dilation = 1) {
  return torch::nn::Conv2d(torch::nn::Conv2dOptions(input, output, kernel)
                               .stride(stride)
                               .padding(padding)
                               .dilation(dilation));
}

void xavier_initialise(torch::nn::Conv2d& layer) {
  torch::NoGradGuard no_grad;
  torch::nn::init::xavier_uniform_(layer->weight);
  torch::nn::init::zeros_(layer->bias);
}

std::vector<torch::Tensor> flatten_heads(const std::vector<torch::Tensor>& maps, std::int64_t per_box) {
  std::vector<torch::Tensor> flat;
  for (const auto& map : maps) {
    flat.push_back(map.permute({0, 2, 3, 1}).contiguous().view({map.size(0), -1, per_box}));
  }
  return flat;
}

}  // namespace

const std::vector<std::int64_t>& ssd300_boxes_per_location() {
  static const std::vector<std::int64_t> boxes{4, 6, 6, 6, 4, 4};
  return boxes;
}

L2NormImpl::L2NormImpl(std::int64_t channels, double initial_scale) {
  weight = register_parameter("weight", torch::full({channels}, initial_scale));
}

torch::Tensor L2NormImpl::forward(const torch::Tensor& input) {
  const torch::Tensor x = input.to(torch::kFloat);
  const torch::Tensor norm = x.pow(2).sum(1, /*keepdim=*/true).sqrt() + 1e-10;
  const torch::Tensor out = weight.to(torch::kFloat).view({1, -1, 1, 1}) * (x / norm);
  return out.to(input.scalar_type());
}

Vgg16FeaturesImpl::Vgg16FeaturesImpl(std::int64_t width_divisor) {
  features = register_module("features", torch::nn::Sequential());
  const auto width = [&](std::int64_t channels) { return channels / width_divisor; };
  std::int64_t channels = 3;
  const auto add_conv = [&](std::int64_t out) {
    features->push_back(conv(channels, width(out), 3, 1, 1));
    features->push_back(torch::nn::ReLU(torch::nn::ReLUOptions(true)));
    channels = width(out);
  };
  const auto add_pool = [&](bool ceil_mode) {
    features->push_back(torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(2).stride(2).ceil_mode(ceil_mode)));
  };
  add_conv(64), add_conv(64), add_pool(false);                  // 0..4
  add_conv(128), add_conv(128), add_pool(false);                // 5..9
  add_conv(256), add_conv(256), add_conv(256), add_pool(true);  // 10..16: 75 → 38
  add_conv(512), add_conv(512), add_conv(512), add_pool(false); // 17..23: conv4_3 relu at 22
  add_conv(512), add_conv(512), add_conv(512);                  // 24..29
  features->push_back(torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(3).stride(1).padding(1)));  // 30
}

Ssd300Impl::Ssd300Impl(const Ssd300Options& options) : options_(options) {
  const std::int64_t divisor = options.width_divisor();
  if (divisor < 1 || 64 % divisor != 0) {
    throw InputError("SSD300 option width_divisor must divide 64, got " + std::to_string(divisor));
  }
  const auto width = [&](std::int64_t channels) { return channels / divisor; };
  base = register_module("base", Vgg16Features(divisor));
  conv4_3_norm_ = register_module("conv4_3_norm", L2Norm(width(512), 20.0));
  conv6_ = register_module("conv6", conv(width(512), width(1024), 3, 1, 6, 6));
  conv7_ = register_module("conv7", conv(width(1024), width(1024), 1));
  extras_ = register_module("extras", torch::nn::ModuleList());
  const std::int64_t extra[][5] = {  // in, out, kernel, stride, padding
      {1024, 256, 1, 1, 0}, {256, 512, 3, 2, 1}, {512, 128, 1, 1, 0}, {128, 256, 3, 2, 1},
      {256, 128, 1, 1, 0},  {128, 256, 3, 1, 0}, {256, 128, 1, 1, 0}, {128, 256, 3, 1, 0}};
  for (const auto& layer : extra) {
    auto extra_conv = conv(width(layer[0]), width(layer[1]), layer[2], layer[3], layer[4]);
    xavier_initialise(extra_conv);
    extras_->push_back(extra_conv);
  }
  location_heads_ = register_module("loc", torch::nn::ModuleList());
  confidence_heads_ = register_module("conf", torch::nn::ModuleList());
  const std::int64_t source_channels[] = {512, 1024, 512, 256, 256, 256};
  for (std::size_t source = 0; source < 6; ++source) {
    const std::int64_t boxes = ssd300_boxes_per_location()[source];
    auto location = conv(width(source_channels[source]), boxes * 4, 3, 1, 1);
    auto confidence = conv(width(source_channels[source]), boxes * options.classes(), 3, 1, 1);
    xavier_initialise(location);
    xavier_initialise(confidence);
    location_heads_->push_back(location);
    confidence_heads_->push_back(confidence);
  }
}

SsdOutput Ssd300Impl::forward(const torch::Tensor& input) {
  std::vector<torch::Tensor> sources;
  torch::Tensor x = input;
  // Sequential iterates over AnyModule; the ReLU at index 22 ends conv4_3.
  std::size_t index = 0;
  for (auto& layer : *base->features) {
    x = layer.forward(x);
    if (index++ == 22) sources.push_back(conv4_3_norm_(x));
  }
  x = torch::relu(conv6_(x));
  x = torch::relu(conv7_(x));
  sources.push_back(x);
  for (std::size_t index = 0; index < extras_->size(); ++index) {
    x = torch::relu(extras_[index]->as<torch::nn::Conv2dImpl>()->forward(x));
    if (index % 2 == 1) sources.push_back(x);
  }
  std::vector<torch::Tensor> locations, confidences;
  for (std::size_t source = 0; source < sources.size(); ++source) {
    locations.push_back(location_heads_[source]->as<torch::nn::Conv2dImpl>()->forward(sources[source]));
    confidences.push_back(confidence_heads_[source]->as<torch::nn::Conv2dImpl>()->forward(sources[source]));
  }
  return {torch::cat(flatten_heads(locations, 4), 1),
          torch::cat(flatten_heads(confidences, options_.classes()), 1)};
}

torch::Tensor Ssd300Impl::forward_packed(const torch::Tensor& input) {
  SsdOutput output = forward(input);
  return torch::cat({output.locations, output.confidences}, 2);
}

void load_vgg16_imagenet_weights(const std::filesystem::path& path, Ssd300Impl& model) {
  const training::StateDictLoadReport report = training::load_state_dict(
      path, *model.base, training::StateDictLoadOptions().strict(false));
  if (!report.missing_keys.empty()) {
    std::string keys;
    for (const auto& key : report.missing_keys) keys += (keys.empty() ? "" : ", ") + key;
    throw InputError("VGG16 weight file " + path.string() + " lacks " + keys +
                     " (expected torchvision's vgg16 names features.N.weight/bias)");
  }
}

}  // namespace repro::fp16_amp_ssd_resnet
