#include "data/jpeg_codec.h"

#include <csetjmp>
#include <cstdio>
#include <cstdlib>
// jpeglib.h needs size_t and FILE declared first.
#include <jpeglib.h>
#include <jerror.h>

#include "base/errors.h"
#include "data/file_bytes.h"

namespace repro::data {

namespace {

struct ErrorManager {
  jpeg_error_mgr base;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
  bool truncated = false;  // libjpeg warned "Premature end of JPEG file"
};

void on_error_exit(j_common_ptr info) {
  auto* manager = reinterpret_cast<ErrorManager*>(info->err);
  (*info->err->format_message)(info, manager->message);
  std::longjmp(manager->jump, 1);
}

void on_output_message(j_common_ptr) {}  // warnings are not printed

// Records truncation; other warnings (e.g. extraneous bytes before a marker, common in real
// photographs) do not reject the image.
void on_emit_message(j_common_ptr info, int level) {
  auto* manager = reinterpret_cast<ErrorManager*>(info->err);
  if (level < 0) {
    ++info->err->num_warnings;
    if (info->err->msg_code == JWRN_JPEG_EOF) manager->truncated = true;
  }
}

}  // namespace

Image decode_jpeg(const std::uint8_t* bytes, std::size_t size, const std::string& source_name) {
  if (size < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8) {
    throw InputError(source_name + ": not a JPEG (missing start-of-image marker at offset 0)");
  }
  jpeg_decompress_struct info{};
  ErrorManager errors{};
  info.err = jpeg_std_error(&errors.base);
  errors.base.error_exit = on_error_exit;
  errors.base.output_message = on_output_message;
  errors.base.emit_message = on_emit_message;
  // Locals modified after setjmp must not be relied on after the longjmp; only `info` is.
  Image image;
  if (setjmp(errors.jump) != 0) {
    jpeg_destroy_decompress(&info);
    throw InputError(source_name + ": corrupt JPEG: " + errors.message);
  }
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, const_cast<unsigned char*>(bytes), static_cast<unsigned long>(size));
  jpeg_read_header(&info, TRUE);
  const bool cmyk = info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK;
  info.out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
  info.dct_method = JDCT_ISLOW;
  jpeg_start_decompress(&info);
  const int width = static_cast<int>(info.output_width);
  const int height = static_cast<int>(info.output_height);
  const int components = info.output_components;
  std::vector<std::uint8_t> decoded(static_cast<std::size_t>(width) * height * components);
  while (info.output_scanline < info.output_height) {
    JSAMPROW row = decoded.data() + static_cast<std::size_t>(info.output_scanline) * width * components;
    jpeg_read_scanlines(&info, &row, 1);
  }
  // A truncated stream makes libjpeg warn and pad with grey; treat that as corrupt.
  jpeg_finish_decompress(&info);
  jpeg_destroy_decompress(&info);
  if (errors.truncated) {
    throw InputError(source_name + ": truncated JPEG (premature end of data, " + std::to_string(size) + " bytes)");
  }
  image = Image(height, width, 3);
  if (!cmyk) {
    image.pixels = std::move(decoded);
    return image;
  }
  // Adobe CMYK JPEGs store inverted values: R = C * K / 255 with the stored (inverted) C and K.
  for (std::size_t i = 0, pixel_count = static_cast<std::size_t>(width) * height; i < pixel_count; ++i) {
    const unsigned k = decoded[i * 4 + 3];
    for (int c = 0; c < 3; ++c) image.pixels[i * 3 + c] = static_cast<std::uint8_t>((decoded[i * 4 + c] * k + 127) / 255);
  }
  return image;
}

Image read_jpeg(const std::filesystem::path& path) {
  const std::vector<std::uint8_t> bytes = read_file_bytes(path);
  return decode_jpeg(bytes.data(), bytes.size(), path.string());
}

std::vector<std::uint8_t> encode_jpeg(const Image& image, int quality) {
  jpeg_compress_struct info{};
  ErrorManager errors{};
  info.err = jpeg_std_error(&errors.base);
  errors.base.error_exit = on_error_exit;
  unsigned char* buffer = nullptr;
  unsigned long buffer_size = 0;
  if (setjmp(errors.jump) != 0) {
    jpeg_destroy_compress(&info);
    std::free(buffer);
    throw InputError(std::string("JPEG encoding failed: ") + errors.message);
  }
  jpeg_create_compress(&info);
  jpeg_mem_dest(&info, &buffer, &buffer_size);
  info.image_width = static_cast<JDIMENSION>(image.width);
  info.image_height = static_cast<JDIMENSION>(image.height);
  info.input_components = image.channels;
  info.in_color_space = image.channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_set_defaults(&info);
  jpeg_set_quality(&info, quality, TRUE);
  jpeg_start_compress(&info, TRUE);
  while (info.next_scanline < info.image_height) {
    JSAMPROW row = const_cast<JSAMPROW>(image.pixels.data() +
                                        static_cast<std::size_t>(info.next_scanline) * image.width * image.channels);
    jpeg_write_scanlines(&info, &row, 1);
  }
  jpeg_finish_compress(&info);
  std::vector<std::uint8_t> encoded(buffer, buffer + buffer_size);
  jpeg_destroy_compress(&info);
  std::free(buffer);
  return encoded;
}

void write_jpeg(const std::filesystem::path& path, const Image& image, int quality) {
  write_file_bytes(path, encode_jpeg(image, quality));
}

}  // namespace repro::data
