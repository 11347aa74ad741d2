// The catalogue compiled into the plugin: constant tables that the build's
// check generates from catalogue/*.cat (a missing or broken catalogue is a
// build error, never a start-up cost).
#pragma once

#include "catalogue.h"

namespace sipcat {

namespace builtin {
extern const CatalogueData kData;  // generated: catalogue_tables.cpp in the build folder
}

// Never null; made on first call and kept for the life of the process. No
// text is parsed and no prose copied: it points into the tables.
const Catalogue *builtin_catalogue();

}  // namespace sipcat
