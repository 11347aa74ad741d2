// The build's check of the catalogue's basis lines: every quote must be in the
// named section of the named RFC (see rfc_text.h for how the text is read).
// Also counts what has no basis yet. Used by the build tool only.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "catalogue.h"
#include "catalogue_parser.h"

namespace sipcat {

// Fills `text` with the plain text of RFC `number`; false when it is not at hand.
using RfcLoader = std::function<bool(unsigned number, std::string &text)>;

struct BasisReport {
    std::vector<CatalogueError> errors;   // wrong quotes, sections that do not exist
    std::vector<CatalogueError> missing;  // items without basis (errors under --require-basis)
    size_t verified = 0;                  // quotes found where they say
    std::vector<unsigned> rfcs_read;
    // One per quote of an RFC the loader does not have, in file order:
    // "responses.cat:1817: [428]: RFC 8224 §6.2.2 not verified (rfc8224.txt not at hand)".
    std::vector<CatalogueError> unverified;
    std::vector<unsigned> rfcs_not_at_hand;  // ascending

    size_t entries = 0, entries_without = 0;
    size_t variants = 0, variants_without = 0;  // method variants (one per method, all languages)
    size_t warn_codes = 0, warn_codes_without = 0;
    size_t q850_departing = 0, q850_departing_without = 0;  // causes not mapped to the default 500
    bool q850_mapping = false;                              // [q850 mapping] has a basis

    std::string summary() const;  // two lines for the end of the build's check
};

// With a null loader nothing is verified; only the counts are made.
BasisReport check_basis(const Catalogue &cat, const RfcLoader &load);

}  // namespace sipcat
