// The reason phrase of a status line.
#pragma once

#include <string_view>

namespace sipcat {

// "SIP/2.0 504 Gateway Time-out" -> "Gateway Time-out"; "" when there is none.
// (Wireshark 4.0 fills sip.Status-Line but not sip.Reason-Phrase.)
std::string_view phrase_from_status_line(std::string_view line);

}  // namespace sipcat
