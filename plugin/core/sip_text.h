// Small derivations from strings Wireshark's SIP dissector already extracted.
#pragma once

#include <string_view>

namespace sipcat {

// "SIP/2.0 504 Gateway Time-out" -> "Gateway Time-out"; "" when there is none.
// (Wireshark 4.0 fills sip.Status-Line but not sip.Reason-Phrase.)
std::string_view phrase_from_status_line(std::string_view line);

// "\"bob\"" -> "bob": sip.auth.* values keep the quotes of the header.
std::string_view unquote(std::string_view s);

// A digest flag such as stale= (RFC 2617 §3.2.1: TRUE or FALSE, a token):
// true in any case, also quoted as some servers send it and Wireshark keeps it.
bool flag_is_true(std::string_view value);

}  // namespace sipcat
