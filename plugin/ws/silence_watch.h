// Requests nobody answers and 2xx nobody ACKs (core/silence.h) in the
// Wireshark layer: fed from the reader on the first pass, shown from the
// per-frame record on every pass. `final`: the record was made on an earlier
// pass, so the whole capture was read and the watches tell how things ended.
#pragma once

#include "compat.h"
#include "frame_record.h"

namespace sipcat {
struct SipMessage;
}

namespace sipcat::ws {

// One SIP message of the frame being read (reader, first pass, capture order).
void watch_silence(const SipMessage &m, packet_info *pinfo, guint32 size, guint32 message, const char *method);
// The findings of the frame read, copied into `scope`; null when none.
const SilenceItems *silence_items(wmem_allocator_t *scope);
// File open and close, before reset_collect(): that frees the heap watches let go of here.
void reset_silence();

// The pass being dissected is `final` (set by the dissector before the taps run).
void set_silence_final(bool final);
// What the statistics count, once per transaction or 2xx: the first copy a
// finding marks on this pass (one pass: the first retransmission without an
// answer; a later pass: the first copy of one never answered). Late: each.
bool silence_counted(const SilenceItem &it);

// The findings on response record `message` go into its subtree `st` (item `ti`).
void add_silence_on_record(tvbuff_t *tvb, packet_info *pinfo, proto_item *ti, proto_tree *st,
                           const FrameRecord &rec, guint32 message, bool final, bool experts, const char *lang);
// The findings on requests without a record: a subtree of their own, only when
// marked; its title only for a reader of titles (readers.h).
void add_silence_requests(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const FrameRecord &rec, bool fields,
                          bool titles, bool final, bool experts, const char *lang);

}  // namespace sipcat::ws
