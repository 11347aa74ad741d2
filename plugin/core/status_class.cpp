#include "status_class.h"

namespace sipcat {

const char *class_name(unsigned cls)
{
    switch (cls) {
    case 1: return "Provisional";
    case 2: return "Success";
    case 3: return "Redirection";
    case 4: return "Client Error";
    case 5: return "Server Error";
    case 6: return "Global Failure";
    default: return "";
    }
}

unsigned fallback_code(unsigned code)
{
    const unsigned cls = class_of(code);
    if (cls == 0)
        return 0;
    if (cls == 1)
        return 183;
    return cls * 100;
}

}  // namespace sipcat
