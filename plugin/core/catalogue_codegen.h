// Writes a parsed catalogue as C++ constant tables (sipcat::builtin::kData, see
// builtin_catalogue.h), so that the plugin parses nothing at start-up. Used by
// the build tool only.
#pragma once

#include <string>

#include "catalogue.h"

namespace sipcat {

std::string generate_catalogue_source(const Catalogue &cat);

// `s` as the body of a C++ string literal: quotes, backslashes, '?' and
// control bytes escaped, UTF-8 kept as it is.
std::string cpp_escape(std::string_view s);

}  // namespace sipcat
