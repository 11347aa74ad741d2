// Finds the SIP messages of a frame as the top-level `sip` items of the tree
// (up to 4.4 an item whose parent is the root is never faked, so any tree has
// them with their data source and byte range; 4.6 needs the `sip` item primed
// or referenced, see compat.h and readers.h) and reads each one's bytes with the plain scanner
// (core/sip_message.h): none of the SIP dissector's header fields is primed. Requests go to the
// diagnoser's state, responses come back with their annotation record.
#pragma once

#include "compat.h"
#include "frame_record.h"

namespace sipcat {
class Catalogue;
class Diagnoser;
class ResendTracker;
}  // namespace sipcat

namespace sipcat::ws {

struct SipIds {
    int proto_sip = -1;
    int proto_data = -1;  // payloads no dissector took: a refused status line is there
    const header_field_info *hf_sip = nullptr, *hf_data = nullptr;  // the same two, for a compare per item
    bool same_sport = true;  // the SIP preference retrans_the_same_sport (retransmissions keep the source port)

    void lookup();  // by name, once SIP is registered
    void read_prefs();  // at each file open
};

// The frame's tree has a top-level `sip` or `data` item, which is all collect()
// reads: a loop over the root's children, without a call (every frame pays it).
inline bool holds_sip_items(const proto_tree *tree, const SipIds &ids)
{
    for (const proto_node *n = tree->first_child; n; n = n->next) {
        const field_info *fi = PNODE_FINFO(n);
        if (fi && (fi->hfinfo == ids.hf_sip || fi->hfinfo == ids.hf_data))
            return true;
    }
    return false;
}

// Null when the frame holds no SIP response or request with a Reason (the
// common, cheap case). Must be called once per frame, in capture order.
// `scope` holds the frame's record; `file_scope` what later frames' records
// point to (a request's Request-URI and user, made once per transaction; in
// tshark's last pass on the heap instead, freed after the Diagnoser forgets it).
FrameRecord *collect(proto_tree *tree, packet_info *pinfo, const SipIds &ids, wmem_allocator_t *scope,
                     wmem_allocator_t *file_scope, Diagnoser &diagnoser, ResendTracker &resends,
                     const Catalogue *catalogue);
// At file open and close: the interned methods went with the file's memory,
// and the blocks waiting for the next frame are freed (after reset_silence()).
void reset_collect();
// A g_malloc'd block that the frame being read may still point at (tshark's
// last pass): freed when the next frame is collected, or at reset_collect().
void free_at_next_frame(void *block);
// The Diagnoser's release hook: frees a RequestRecord made on the heap (tshark's
// last pass) at the next frame or file close, leaves one in file scope. Called before the file scope goes
// (cleanup routines run before wmem leaves it), so the flag is readable.
void release_request(const void *record);

}  // namespace sipcat::ws
