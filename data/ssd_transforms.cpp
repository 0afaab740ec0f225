#include "data/ssd_transforms.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include "data/image_resize.h"

namespace repro::data {

float box_iou(const Box& a, const Box& b) {
  const float width = std::min(a.xmax, b.xmax) - std::max(a.xmin, b.xmin);
  const float height = std::min(a.ymax, b.ymax) - std::max(a.ymin, b.ymin);
  if (width <= 0 || height <= 0) return 0.0f;
  const float intersection = width * height;
  const float union_area = a.area() + b.area() - intersection;
  return union_area > 0 ? intersection / union_area : 0.0f;
}

FloatImage to_float_image(const Image& image) {
  FloatImage out(image.height, image.width, image.channels);
  for (std::size_t i = 0; i < image.pixels.size(); ++i) out.pixels[i] = image.pixels[i];
  return out;
}

namespace {

// RGB (0..255) <-> HSV (H in degrees 0..360, S and V in 0..1 and 0..255), in place per pixel.
void rgb_to_hsv(float r, float g, float b, float& h, float& s, float& v) {
  const float max = std::max({r, g, b});
  const float min = std::min({r, g, b});
  const float delta = max - min;
  v = max;
  s = max > 0 ? delta / max : 0.0f;
  if (delta <= 0) {
    h = 0;
  } else if (max == r) {
    h = 60.0f * std::fmod((g - b) / delta + 6.0f, 6.0f);
  } else if (max == g) {
    h = 60.0f * ((b - r) / delta + 2.0f);
  } else {
    h = 60.0f * ((r - g) / delta + 4.0f);
  }
}

void hsv_to_rgb(float h, float s, float v, float& r, float& g, float& b) {
  const float c = v * s;
  const float hp = h / 60.0f;
  const float x = c * (1.0f - std::fabs(std::fmod(hp, 2.0f) - 1.0f));
  float r1 = 0, g1 = 0, b1 = 0;
  switch (static_cast<int>(hp) % 6) {
    case 0: r1 = c; g1 = x; break;
    case 1: r1 = x; g1 = c; break;
    case 2: g1 = c; b1 = x; break;
    case 3: g1 = x; b1 = c; break;
    case 4: r1 = x; b1 = c; break;
    default: r1 = c; b1 = x; break;
  }
  const float m = v - c;
  r = r1 + m;
  g = g1 + m;
  b = b1 + m;
}

void adjust_hsv(FloatImage& image, float saturation_factor, float hue_shift_degrees) {
  const std::size_t pixels = static_cast<std::size_t>(image.height) * image.width;
  for (std::size_t i = 0; i < pixels; ++i) {
    float* p = &image.pixels[i * 3];
    float h, s, v;
    rgb_to_hsv(std::clamp(p[0], 0.0f, 255.0f), std::clamp(p[1], 0.0f, 255.0f), std::clamp(p[2], 0.0f, 255.0f), h, s, v);
    s = std::min(1.0f, s * saturation_factor);
    h = std::fmod(h + hue_shift_degrees + 360.0f, 360.0f);
    hsv_to_rgb(h, s, v, p[0], p[1], p[2]);
  }
}

}  // namespace

void photometric_distort(FloatImage& image, DeterministicRandom& random) {
  std::vector<int> order = {0, 1, 2, 3};  // brightness, contrast, saturation, hue
  fisher_yates_shuffle(order, random);
  for (int operation : order) {
    if (!random.bernoulli(0.5)) continue;
    switch (operation) {
      case 0: {
        const float delta = static_cast<float>(random.uniform(-32.0, 32.0));
        for (float& value : image.pixels) value += delta;
        break;
      }
      case 1: {
        const float alpha = static_cast<float>(random.uniform(0.5, 1.5));
        for (float& value : image.pixels) value *= alpha;
        break;
      }
      case 2:
        adjust_hsv(image, static_cast<float>(random.uniform(0.5, 1.5)), 0.0f);
        break;
      default:
        adjust_hsv(image, 1.0f, static_cast<float>(random.uniform(-18.0, 18.0)));
        break;
    }
  }
  for (float& value : image.pixels) value = std::clamp(value, 0.0f, 255.0f);
}

void random_expand(DetectionSample& sample, DeterministicRandom& random, float max_ratio,
                   const std::array<float, 3>& fill) {
  if (!random.bernoulli(0.5)) return;
  const double ratio = random.uniform(1.0, max_ratio);
  const FloatImage& image = sample.image;
  const int height = static_cast<int>(image.height * ratio);
  const int width = static_cast<int>(image.width * ratio);
  const int left = static_cast<int>(random.uniform(0.0, width - image.width));
  const int top = static_cast<int>(random.uniform(0.0, height - image.height));
  FloatImage canvas(height, width, 3);
  for (std::size_t i = 0; i < static_cast<std::size_t>(height) * width; ++i) {
    for (int c = 0; c < 3; ++c) canvas.pixels[i * 3 + c] = fill[c];
  }
  for (int y = 0; y < image.height; ++y) {
    std::copy_n(&image.pixels[static_cast<std::size_t>(y) * image.width * 3], image.width * 3, &canvas.at(y + top, left, 0));
  }
  sample.image = std::move(canvas);
  for (Box& box : sample.boxes) {
    box.xmin += left;
    box.xmax += left;
    box.ymin += top;
    box.ymax += top;
  }
}

void random_iou_crop(DetectionSample& sample, DeterministicRandom& random) {
  if (sample.boxes.empty()) return;
  static const float kModes[] = {-1.0f, 0.1f, 0.3f, 0.5f, 0.7f, 0.9f, 0.0f};  // -1: keep the whole image
  const float image_width = static_cast<float>(sample.image.width);
  const float image_height = static_cast<float>(sample.image.height);
  for (int mode_draw = 0; mode_draw < 50; ++mode_draw) {
    const float min_iou = kModes[random.uniform_below(7)];
    if (min_iou < 0) return;
    for (int trial = 0; trial < 50; ++trial) {
      const float width = static_cast<float>(random.uniform(0.3 * image_width, image_width));
      const float height = static_cast<float>(random.uniform(0.3 * image_height, image_height));
      if (height / width < 0.5f || height / width > 2.0f) continue;
      const float left = std::floor(static_cast<float>(random.uniform(0.0, image_width - width)));
      const float top = std::floor(static_cast<float>(random.uniform(0.0, image_height - height)));
      const Box rect{left, top, std::floor(left + width), std::floor(top + height)};
      if (rect.xmax - rect.xmin < 1 || rect.ymax - rect.ymin < 1) continue;
      float best_iou = 0.0f;
      for (const Box& box : sample.boxes) best_iou = std::max(best_iou, box_iou(box, rect));
      if (best_iou < min_iou) continue;
      std::vector<Box> kept_boxes;
      std::vector<int> kept_labels;
      for (std::size_t i = 0; i < sample.boxes.size(); ++i) {
        const Box& box = sample.boxes[i];
        const float cx = 0.5f * (box.xmin + box.xmax), cy = 0.5f * (box.ymin + box.ymax);
        if (cx <= rect.xmin || cx >= rect.xmax || cy <= rect.ymin || cy >= rect.ymax) continue;
        kept_boxes.push_back({std::max(box.xmin, rect.xmin) - rect.xmin, std::max(box.ymin, rect.ymin) - rect.ymin,
                              std::min(box.xmax, rect.xmax) - rect.xmin, std::min(box.ymax, rect.ymax) - rect.ymin});
        kept_labels.push_back(sample.labels[i]);
      }
      if (kept_boxes.empty()) continue;
      const int crop_left = static_cast<int>(rect.xmin), crop_top = static_cast<int>(rect.ymin);
      const int crop_width = static_cast<int>(rect.xmax - rect.xmin), crop_height = static_cast<int>(rect.ymax - rect.ymin);
      FloatImage cropped(crop_height, crop_width, sample.image.channels);
      for (int y = 0; y < crop_height; ++y) {
        std::copy_n(&sample.image.at(y + crop_top, crop_left, 0), crop_width * sample.image.channels, &cropped.at(y, 0, 0));
      }
      sample.image = std::move(cropped);
      sample.boxes = std::move(kept_boxes);
      sample.labels = std::move(kept_labels);
      return;
    }
  }
}

void random_horizontal_flip(DetectionSample& sample, DeterministicRandom& random) {
  if (!random.bernoulli(0.5)) return;
  FloatImage& image = sample.image;
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width / 2; ++x) {
      for (int c = 0; c < image.channels; ++c) std::swap(image.at(y, x, c), image.at(y, image.width - 1 - x, c));
    }
  }
  const float width = static_cast<float>(image.width);
  for (Box& box : sample.boxes) {
    const float xmin = box.xmin;
    box.xmin = width - box.xmax;
    box.xmax = width - xmin;
  }
}

namespace {

SsdInput resize_and_normalise(const DetectionSample& sample, const SsdTransformOptions& options) {
  const int size = options.output_size;
  const FloatImage resized = resize_bilinear(sample.image, size, size);
  SsdInput input;
  const std::size_t plane = static_cast<std::size_t>(size) * size;
  input.image_chw.resize(plane * 3);
  for (std::size_t i = 0; i < plane; ++i) {
    for (int c = 0; c < 3; ++c) {
      input.image_chw[c * plane + i] = (resized.pixels[i * 3 + c] / 255.0f - options.mean[c]) / options.std[c];
    }
  }
  const float width = static_cast<float>(sample.image.width), height = static_cast<float>(sample.image.height);
  for (const Box& box : sample.boxes) {
    input.boxes.insert(input.boxes.end(), {box.xmin / width, box.ymin / height, box.xmax / width, box.ymax / height});
  }
  input.labels = sample.labels;
  return input;
}

}  // namespace

SsdInput ssd_train_transform(DetectionSample sample, DeterministicRandom& random, const SsdTransformOptions& options) {
  if (options.photometric) photometric_distort(sample.image, random);
  if (options.expand) {
    random_expand(sample, random, options.max_expand_ratio,
                  {options.mean[0] * 255.0f, options.mean[1] * 255.0f, options.mean[2] * 255.0f});
  }
  if (options.crop) random_iou_crop(sample, random);
  if (options.flip) random_horizontal_flip(sample, random);
  return resize_and_normalise(sample, options);
}

SsdInput ssd_test_transform(const DetectionSample& sample, const SsdTransformOptions& options) {
  return resize_and_normalise(sample, options);
}

}  // namespace repro::data
