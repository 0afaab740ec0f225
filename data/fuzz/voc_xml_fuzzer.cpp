// libFuzzer target: the VOC XML annotation parser (pugixml underneath).
#include <cstddef>
#include <cstdint>

#include "base/errors.h"
#include "data/voc_annotation.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const repro::data::VocAnnotation annotation =
        repro::data::parse_voc_annotation(reinterpret_cast<const char*>(data), size, "fuzz.xml");
    for (const repro::data::VocObject& object : annotation.objects) {
      if (object.class_index < 0 || object.class_index >= 20) __builtin_trap();
      if (object.xmax < object.xmin || object.ymax < object.ymin) __builtin_trap();
    }
  } catch (const repro::InputError&) {
  }
  return 0;
}
