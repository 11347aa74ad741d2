// What the first pass keeps per frame (in wmem file scope; in tshark's last pass
// only for the packet, readers.h) so that every later
// pass, the GUI and `tshark -2` show the same annotations without the SIP tree.
#pragma once

#include <glib.h>

#include "silence.h"

namespace sipcat::ws {

enum class ResponseKind : guint8 {
    Ok,          // status code in 100..699
    OutOfRange,  // a three-digit code outside 100..699
    Malformed,   // a status line without a status code Wireshark could read
    Request,     // a request with a Reason header (BYE, CANCEL): why a call ended
};

struct WarningItem {
    guint16 code;
    const char *text;  // the warn-text on the wire (printable, bounded)
};

enum ResponseFlags : guint8 {
    kExpected = 1 << 0,        // normal protocol flow although a failure
    kRetransmission = 1 << 1,  // Wireshark's sip.resend: not diagnosed again
    kHasRetryAfter = 1 << 2,
    kUndecoded = 1 << 3,       // Malformed: a status line the SIP dissector refused (left as data)
    kMoreWarnings = 1 << 4,    // Warning values beyond kMaxWarningValues were not kept
};

// What the first pass keeps of a request a response may answer: made once per
// request (not per response), when the Diagnoser opens its transaction. In
// wmem file scope, or in tshark's last pass one g_malloc block with its
// strings that goes with the transaction (release_request, sip_reader.h).
struct RequestRecord {
    const char *uri;       // Request-URI (printable, bounded), or null
    const char *username;  // user name of its credentials, or null
    gboolean on_heap;      // g_malloc'd: release_request frees it
};

struct ResponseRecord {
    guint32 code;
    ResponseKind kind;
    guint8 flags;             // ResponseFlags
    guint8 auth;              // sipcat::AuthState
    guint8 outcome;           // sipcat::CallOutcome
    guint16 missing;          // sipcat::HeaderBit set of required headers that are absent
    guint8 loop_frame_count;  // of loop_frames
    guint32 request_frame;    // 0 when the request was not seen
    guint32 retry_after;      // seconds, with kHasRetryAfter
    guint32 auth_loop;        // challenges without a success in between, when a loop; else 0
    gint32 q850;              // Reason: Q.850;cause=, -1 if none
    guint32 reason_sip;       // Reason: SIP;cause=, 0 if none
    guint32 warning_count;
    const char *method;       // CSeq method (interned for the file) or null
    const char *status_line;  // kept only for malformed ones
    const char *phrase;       // the phrase on the wire, only when it differs from the registered one
    const RequestRecord *request;  // the request answered, or null
    const guint32 *loop_frames;    // with auth_loop: the latest earlier challenges' frames, oldest first
    const char *reason_text;  // Reason text=, or null
    const WarningItem *warnings;
};

// A finding of the silence watcher (core/silence.h) on one message of the
// frame: on the record `message` when that message has one, else (a request)
// in a subtree of its own.
struct SilenceItem {
    sipcat::SilenceFinding finding;
    const char *method;  // CSeq method (interned for the file)
    guint32 message;     // index into responses, or kNoRecord
    bool limit;          // the watcher reached its limit at this message: said once
};
constexpr guint32 kNoRecord = G_MAXUINT32;

struct SilenceItems {
    guint32 count;
    SilenceItem items[1];  // `count` of them
};

struct FrameRecord {
    guint32 count;
    const SilenceItems *silence;  // null when no message of the frame is watched
    ResponseRecord responses[1];  // `count` of them (0 in a frame of requests only)
};

}  // namespace sipcat::ws
