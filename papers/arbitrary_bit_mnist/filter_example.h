// The slides' worked example of the bit filter: 1.98749995 AND the 16-bit filter = 1.984375.
#pragma once

namespace repro {
class StudyContext;
}

namespace repro::arbitrary_bit_mnist {

// Decides claim kFilterExample (claim_ids.h) when scheduled.
void decide_filter_example(StudyContext& context);

}  // namespace repro::arbitrary_bit_mnist
