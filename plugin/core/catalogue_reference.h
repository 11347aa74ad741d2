// Renders the whole catalogue as one Markdown page for reading outside Wireshark.
#pragma once

#include <string>

#include "catalogue.h"

namespace sipcat {

std::string render_reference_markdown(const Catalogue &cat);

}  // namespace sipcat
