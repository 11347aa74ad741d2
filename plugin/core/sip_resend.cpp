#include "sip_resend.h"

#include <cstring>

#include "key_hash.h"

namespace sipcat {

namespace {

// Wireshark copies the Call-ID into a 128-byte key and the method into 16 bytes.
constexpr size_t kCallIdBytes = 127;
constexpr size_t kMethodBytes = 15;

uint64_t key_of(const SipFlow &f)
{
    return KeyHash()
        .text(f.call_id.substr(0, kCallIdBytes))
        .u32(f.src_port)
        .u32(f.dst_port)
        .text(f.src)
        .text(f.dst)
        .done();
}

}  // namespace

bool ResendTracker::resent(const SipFlow &flow, bool has_cseq, uint32_t cseq, std::string_view method, bool request,
                           unsigned code)
{
    if (!has_cseq)
        return false;
    if (flows_.size() >= kMaxFlows)
        flows_.clear();
    method = method.substr(0, kMethodBytes);
    const auto [it, fresh] = flows_.try_emplace(key_of(flow));
    State &s = it->second;
    const bool same_method = !fresh && s.method_len == method.size() && std::memcmp(s.method, method.data(), method.size()) == 0;
    const bool same_cseq = !fresh && s.cseq == cseq;
    if (fresh || !same_cseq) {
        s.cseq = cseq;
        s.seen = Seen::Nothing;
        s.method_len = static_cast<uint8_t>(method.size());
        std::memcpy(s.method, method.data(), method.size());
    }
    bool resend = false;
    if (request)
        resend = same_cseq && same_method && s.seen == Seen::Request && method != "ACK" && method != "CANCEL";
    else
        resend = same_cseq && same_method && s.seen == Seen::Final && code >= 200 && code == s.code;
    if (request) {
        s.seen = Seen::Request;
    } else if (code >= 200) {
        s.code = static_cast<uint16_t>(code);
        s.seen = Seen::Final;
    } else {
        s.seen = Seen::Provisional;
    }
    return resend;
}

void ResendTracker::clear() { flows_.clear(); }

}  // namespace sipcat
