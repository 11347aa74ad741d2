// Rules of the diagnosis that need no state (diagnosis_rules.cpp).
#pragma once

#include "diagnosis.h"

namespace sipcat {

// The outcome the final response `code` to a call's INVITE gives the call;
// None when the call goes on (a challenge) or `code` is not final.
CallOutcome outcome_for(unsigned code, AuthState auth, int q850);

}  // namespace sipcat
