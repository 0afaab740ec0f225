// Audit of what the Dogs vs. Cats thesis publishes: checks its tables against each other and
// against the author's released logs, with no training.
#pragma once

namespace repro {
class StudyContext;
}

namespace repro::dogs_vs_cats {

inline constexpr const char* kModels[] = {"vgg16", "inceptionv3", "resnet152v2"};

// Decides every audit claim that is scheduled in `context`.
void audit_published_numbers(StudyContext& context);

}  // namespace repro::dogs_vs_cats
