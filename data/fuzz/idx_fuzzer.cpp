// libFuzzer target: the IDX image and label parsers must accept or throw InputError, never crash.
#include <cstddef>
#include <cstdint>

#include "base/errors.h"
#include "data/idx_format.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    repro::data::parse_idx_images(data, size, "fuzz.idx3");
  } catch (const repro::InputError&) {
  }
  try {
    repro::data::parse_idx_labels(data, size, "fuzz.idx1", 9);
  } catch (const repro::InputError&) {
  }
  return 0;
}
