// Explanations for what Reason (RFC 3326) and Warning (RFC 3261 §20.43)
// headers carry, assembled from the catalogue in the chosen language.
#pragma once

#include <string>
#include <string_view>

#include "catalogue.h"

namespace sipcat {

// 0 normal event .. 6 interworking (the Q.850 cause classes).
unsigned q850_class(unsigned cause);

std::string explain_q850(const Catalogue &cat, unsigned cause, std::string_view lang);
std::string explain_reason_sip(const Catalogue &cat, unsigned code, std::string_view lang);
std::string explain_warning(const Catalogue &cat, unsigned code, std::string_view lang);

}  // namespace sipcat
