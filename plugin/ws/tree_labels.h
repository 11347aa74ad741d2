// Tree labels in the chosen language. For the default language (English)
// there are none: Wireshark writes the registered field names as it always
// did, so English output does not change with this file.
#pragma once

#include "messages.h"

namespace sipcat::ws {

// The current language is not the default one.
bool localized();

// A message without placeholders in the current language; the text lives
// until the language changes.
const char *label(MessageId id);

// The label of sipcat field `hf` when localized(), else null.
const char *field_label(int hf);

}  // namespace sipcat::ws
