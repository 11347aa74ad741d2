#include "builtin_catalogue.h"

namespace sipcat {

const Catalogue *builtin_catalogue()
{
    static const Catalogue cat(builtin::kData);
    return &cat;
}

}  // namespace sipcat
