// Reads the responses in a frame from the fields Wireshark's SIP dissector
// put in the tree; no SIP text is parsed here.
#pragma once

#include "compat.h"
#include "frame_record.h"

namespace sipcat::ws {

struct SipFieldIds {
    int proto_sip = -1;
    int status_line = -1;
    int status_code = -1;
    int cseq_method = -1;

    void lookup();                       // by name, once SIP is registered
    GArray *wanted() const;              // for set_postdissector_wanted_hfids
};

// Null when the frame holds no SIP response (the common, cheap case).
FrameRecord *collect_responses(proto_tree *tree, const SipFieldIds &ids, wmem_allocator_t *scope);

}  // namespace sipcat::ws
