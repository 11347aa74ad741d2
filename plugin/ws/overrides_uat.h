// The user table `sipcat_overrides` (Preferences > Protocols > SIPCAT): rows
// that replace catalogue text or severity. Checking and lookup live in
// core/overrides.h; this file only connects them to Wireshark's UAT.
#pragma once

#include <epan/prefs.h>

namespace sipcat {
class Overrides;
}

namespace sipcat::ws {

void register_overrides_uat(module_t *prefs);
const Overrides &overrides();

}  // namespace sipcat::ws
