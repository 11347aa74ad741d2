// Tells a resent SIP message the way Wireshark's SIP dissector does
// (packet-sip.c sip_is_packet_resend, the same from 4.0 to 4.6), so that sipcat
// needs no `sip.resend` field: only over UDP; per Call-ID and direction
// (addresses, destination port, and the source port unless the SIP preference
// retrans_the_same_sport is off) the last CSeq, its method and what was seen.
// A request is resent when the same CSeq and method follow the request (ACK
// and CANCEL never are); a final response when the same CSeq, method and
// status follow a final response. Provisional responses are never resent.
// Fed on the first pass in capture order.
#pragma once

#include <cstdint>
#include <string_view>
#include "flat_map.h"

namespace sipcat {

// The flow of one message, as Wireshark keys it. Addresses are their raw bytes.
struct SipFlow {
    std::string_view call_id;
    std::string_view src, dst;
    uint32_t src_port = 0, dst_port = 0;
};

class ResendTracker {
public:
    // Beyond this many flows the table starts again empty: a resend across that
    // point is then not recognised (each entry is about 64 bytes).
    static constexpr size_t kMaxFlows = size_t{1} << 20;

    bool resent(const SipFlow &flow, bool has_cseq, uint32_t cseq, std::string_view method, bool request,
                unsigned code);
    void clear();
    size_t flows() const { return flows_.size(); }

private:
    enum class Seen : uint8_t { Nothing, Request, Provisional, Final };
    struct State {
        uint32_t cseq = 0;
        uint16_t code = 0;
        Seen seen = Seen::Nothing;
        uint8_t method_len = 0;
        char method[15] = {};  // Wireshark keeps 15 bytes of it
    };
    FlatMap<State> flows_;
};

}  // namespace sipcat
