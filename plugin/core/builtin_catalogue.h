// The catalogue compiled into the plugin.
#pragma once

#include <string>
#include <vector>

#include "catalogue.h"

namespace sipcat {

// Parsed on first call and kept for the life of the process. Null only if the
// embedded copy does not parse, which the build already rules out; `errors`
// then says why.
const Catalogue *builtin_catalogue(std::vector<std::string> *errors = nullptr);

}  // namespace sipcat
