// The global registry of studies, filled by REPRO_STUDY declarations.
#pragma once

#include <string>
#include <vector>

#include "common/study_definition.h"

namespace repro {

// Studies in id order.
std::vector<const StudyDefinition*> registered_studies();
// Throws InputError naming the id (and the known ids) when there is no such study.
const StudyDefinition& find_study(const std::string& id);

}  // namespace repro
