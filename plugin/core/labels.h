// Which message (messages.h) names a class, a registry status or a diagnosis
// value in the chosen language. Their English texts are the names Wireshark's
// filters use (a unit test holds them equal).
#pragma once

#include "catalogue.h"
#include "diagnosis.h"
#include "messages.h"

namespace sipcat {

MessageId class_message(unsigned cls);  // cls 1..6
MessageId status_message(EntryStatus s);
MessageId auth_message(AuthState s);      // not None
MessageId outcome_message(CallOutcome o);  // not None

// "Client-Fehler" for class 4 in German; "" outside 1..6.
std::string class_label(const Catalogue &cat, unsigned cls, std::string_view lang);

}  // namespace sipcat
