// Reads, in one pass over the bytes of one SIP message (RFC 3261 §7), the
// start line and the header values sipcat needs. Plain C++: the Wireshark layer
// hands it the bytes of each `sip` item, so no SIP field has to be primed.
//
// Header names are matched case-insensitively, with their compact forms
// (RFC 3261 §7.3.3: i m t v ...); folded lines (LWS continuation) belong to the
// header they continue; a header may carry several comma-separated values
// (commas inside quotes or <...> do not separate). The scan stops at the empty
// line that ends the headers, or at the end of the bytes, and never reads past
// them. Every view points into the given bytes.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sipcat {

struct SipMessage {
    static constexpr size_t kMaxNonces = 4;           // challenges kept per response
    static constexpr size_t kMaxWarningValues = 32;   // as documented for sipcat.warning.*

    enum class Kind : uint8_t { None, Request, Response };
    Kind kind = Kind::None;
    std::string_view start_line;  // without the line end

    // Request line: Method SP Request-URI SP SIP-Version
    std::string_view method, request_uri;
    // Status line: SIP-Version SP Status-Code SP Reason-Phrase
    bool has_code = false;  // three digits after the version
    unsigned code = 0;
    std::string_view phrase;

    std::string_view call_id;
    bool has_cseq = false;
    uint32_t cseq = 0;
    std::string_view cseq_method;
    std::string_view branch;  // the first branch parameter of the Via headers (the top Via's)
    bool to_tag = false;

    bool authorization = false, proxy_authorization = false;
    std::string_view username, nonce;  // of the first credentials, unquoted

    // WWW-Authenticate / Proxy-Authenticate
    std::array<std::string_view, kMaxNonces> nonces{};  // unquoted, in order
    size_t nonce_count = 0;
    bool stale = false;  // stale=true, any case, quoted or not

    uint16_t headers = 0;  // sipcat::HeaderBit set of the headers present

    bool has_retry_after = false;
    uint32_t retry_after = 0;

    // Reason (RFC 3326), read as Wireshark's SIP dissector reads it: the first
    // reason-value of each header; the first Q.850 and SIP causes, the first text.
    bool has_q850 = false;
    uint32_t q850 = 0;
    bool has_reason_sip = false;
    uint32_t reason_sip = 0;
    std::string_view reason_text;

    // Warning: each warning-value that starts with a warn-code, in order, over
    // all header lines; one more than kMaxWarningValues says that some are left out.
    // Only warnings[0, warning_count) is set: the scan leaves the rest as it was
    // (the array is most of SipMessage). These two members stay last: the scan
    // resets every member before them at once.
    std::array<std::string_view, kMaxWarningValues + 1> warnings{};
    size_t warning_count = 0;
};

// False when the bytes start with neither a request line nor a status line
// (then `out` says nothing).
bool scan_sip_message(std::string_view bytes, SipMessage &out);

}  // namespace sipcat
