// One SIP message's bytes straight from a packet: the scanner must stay inside
// them, keep its bounds, and read the same again from a copy.
#include <cstdint>
#include <string>

#include "fuzz_input.h"
#include "sip_message.h"

namespace {

bool inside(std::string_view v, std::string_view all)
{
    return v.empty() || (v.data() >= all.data() && v.data() + v.size() <= all.data() + all.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto text = sipcat::fuzz::as_text(data, size);
    sipcat::SipMessage m;
    if (!sipcat::scan_sip_message(text, m)) {
        SIPCAT_FUZZ_CHECK(m.kind == sipcat::SipMessage::Kind::None);
        return 0;
    }
    SIPCAT_FUZZ_CHECK(m.kind != sipcat::SipMessage::Kind::None);
    for (std::string_view v : {m.start_line, m.method, m.request_uri, m.phrase, m.call_id, m.cseq_method, m.branch,
                               m.username, m.nonce, m.reason_text})
        SIPCAT_FUZZ_CHECK(inside(v, text));
    SIPCAT_FUZZ_CHECK(m.nonce_count <= m.nonces.size());
    for (size_t i = 0; i < m.nonce_count; ++i)
        SIPCAT_FUZZ_CHECK(inside(m.nonces[i], text));
    SIPCAT_FUZZ_CHECK(m.warning_count <= sipcat::SipMessage::kMaxWarningValues + 1);
    for (size_t i = 0; i < m.warning_count; ++i) {
        SIPCAT_FUZZ_CHECK(inside(m.warnings[i], text));
        SIPCAT_FUZZ_CHECK(m.warnings[i].size() >= 3);
    }
    SIPCAT_FUZZ_CHECK(!m.has_code || m.code <= 999);
    SIPCAT_FUZZ_CHECK(m.start_line.find('\n') == std::string_view::npos);
    // The start line is the message's first line.
    SIPCAT_FUZZ_CHECK(m.start_line.data() == text.data());
    // The same bytes elsewhere read the same.
    const std::string copy(text);
    sipcat::SipMessage again;
    SIPCAT_FUZZ_CHECK(sipcat::scan_sip_message(copy, again));
    SIPCAT_FUZZ_CHECK(again.call_id == m.call_id && again.cseq == m.cseq && again.code == m.code &&
                      again.headers == m.headers && again.warning_count == m.warning_count &&
                      again.nonce_count == m.nonce_count && again.stale == m.stale);
    return 0;
}
