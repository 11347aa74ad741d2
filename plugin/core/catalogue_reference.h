// Renders the whole catalogue as one Markdown page for reading outside Wireshark.
#pragma once

#include <string>
#include <vector>

#include "catalogue.h"

namespace sipcat {

// What the build's basis check found, so that the page says which quotes
// nobody compared with the RFC text.
struct BasisCheckResult {
    bool checked = false;               // the quotes were compared with an RFC folder
    std::vector<unsigned> not_at_hand;  // RFCs missing from it: each of their quotes is marked
};

std::string render_reference_markdown(const Catalogue &cat, const BasisCheckResult &check = {});

}  // namespace sipcat
