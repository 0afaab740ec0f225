#include "papers/arbitrary_bit_mnist/filter_example.h"

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include "common/study_context.h"
#include "kernels/number_format.h"
#include "kernels/quantize.h"
#include "kernels/rounding.h"
#include "papers/arbitrary_bit_mnist/claim_ids.h"
#include "papers/arbitrary_bit_mnist/verdict_rules.h"

namespace repro::arbitrary_bit_mnist {
namespace {

std::uint32_t bits_of(float value) {
  std::uint32_t bits = 0;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}

}  // namespace

void decide_filter_example(StudyContext& context) {
  const ClaimId claim = kFilterExample;
  if (!context.should_decide(claim)) return;
  const auto& published = context.published();
  const auto input = static_cast<float>(published.number("filter_input"));
  const int kept_bits = static_cast<int>(published.number("filter_kept_bits"));
  const auto format = kernels::bit_mask_format(kept_bits);
  const float output = kernels::quantize_value_ref(input, format, kernels::RoundingOptions());
  const std::string input_bits = fmt::format("0x{:08X}", bits_of(input));
  const auto printed_bits =
      static_cast<std::uint32_t>(std::stoul(published.value("filter_input_bits").get<std::string>(), nullptr, 16));
  // The output is printed as 1.984375 (six decimals): half a unit of its last digit, 5e-7.
  constexpr double kOutputHalfUnit = 0.5e-6;
  context.decide(claim, filter_example_rule(published.number("filter_output"), kOutputHalfUnit, output,
                                            printed_bits, bits_of(input))
                            .measured({{"input_bits", input_bits},
                                       {"output", output},
                                       {"output_bits", fmt::format("0x{:08X}", bits_of(output))}}));
}

}  // namespace repro::arbitrary_bit_mnist
