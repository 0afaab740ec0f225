// libFuzzer target: the CIFAR-10 and CIFAR-100 batch parsers.
#include <cstddef>
#include <cstdint>

#include "base/errors.h"
#include "data/cifar_format.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  for (repro::data::CifarKind kind : {repro::data::CifarKind::cifar10, repro::data::CifarKind::cifar100}) {
    try {
      const repro::data::CifarImages images = repro::data::parse_cifar_batch(data, size, kind, "fuzz.bin");
      if (images.count > 0 && images.labels.size() != static_cast<std::size_t>(images.count)) __builtin_trap();
    } catch (const repro::InputError&) {
    }
  }
  return 0;
}
