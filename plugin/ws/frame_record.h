// What the first pass keeps per frame (in wmem file scope) so that every later
// pass, the GUI and `tshark -2` show the same annotations without the SIP tree.
#pragma once

#include <glib.h>

namespace sipcat::ws {

enum class ResponseKind : guint8 {
    Ok,          // status code in 100..699
    OutOfRange,  // a three-digit code outside 100..699
    Malformed,   // a status line without a status code Wireshark could read
};

struct ResponseRecord {
    guint32 code;
    ResponseKind kind;
    const char *method;       // CSeq method (interned for the file) or null
    const char *status_line;  // kept only for malformed ones
};

struct FrameRecord {
    guint32 count;
    ResponseRecord responses[1];  // `count` of them
};

}  // namespace sipcat::ws
