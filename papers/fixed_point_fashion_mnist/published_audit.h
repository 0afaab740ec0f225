// Audit of what the fixed-point FashionMNIST slides publish: the accuracies are k/32, i.e. one
// batch of 32 test images, and say little with that few images.
#pragma once

namespace repro {
class StudyContext;
}

namespace repro::fixed_point_fashion_mnist {

// Decides every audit claim that is scheduled in `context`.
void audit_published_numbers(StudyContext& context);

}  // namespace repro::fixed_point_fashion_mnist
