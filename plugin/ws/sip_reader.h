// Reads the SIP messages of a frame from the fields Wireshark's SIP dissector
// put in the tree (no SIP text is parsed here): requests go to the diagnoser's
// state, responses come back with their annotation record.
#pragma once

#include "compat.h"
#include "frame_record.h"

namespace sipcat {
class Catalogue;
class Diagnoser;
}  // namespace sipcat

namespace sipcat::ws {

struct SipFieldIds {
    int proto_sip = -1;
    int proto_data = -1;  // payloads no dissector took: a refused status line is there
    int status_line = -1, status_code = -1, request_line = -1, reason_phrase = -1;
    int cseq_method = -1, cseq_seq = -1, call_id = -1, to_tag = -1, resend = -1;
    int authorization = -1, proxy_authorization = -1, auth_username = -1, auth_stale = -1, auth_nonce = -1;
    int www_authenticate = -1, proxy_authenticate = -1, allow = -1, unsupported = -1, require = -1;
    int min_expires = -1, min_se = -1, security_server = -1, contact = -1, retry_after = -1, q850 = -1;
    int reason_sip = -1, reason_text = -1, warning = -1, via_branch = -1, request_uri = -1;

    void lookup();           // by name, once SIP is registered
    GArray *wanted() const;  // for set_postdissector_wanted_hfids
};

// Null when the frame holds no SIP response (the common, cheap case). Must be
// called once per frame, in capture order (the first pass).
FrameRecord *collect(proto_tree *tree, packet_info *pinfo, const SipFieldIds &ids, wmem_allocator_t *scope,
                     Diagnoser &diagnoser, const Catalogue *catalogue);

}  // namespace sipcat::ws
