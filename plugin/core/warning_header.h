// Parses the value of a SIP Warning header (RFC 3261 §20.43):
//   warning-value *(COMMA warning-value)
//   warning-value = warn-code SP warn-agent SP warn-text   (warn-text quoted)
// Wireshark keeps only the raw string. Input comes from packets: the parser is
// lenient (a missing quote ends the text at the next comma), skips values it
// cannot read, and bounds both the number of values and the text length.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sipcat {

struct WarningValue {  // the warn-agent is skipped: nothing shows it
    unsigned code = 0;  // 300..399 on the wire; other three-digit codes are kept as read
    std::string text;   // unquoted, escapes resolved
};

constexpr size_t kMaxWarningValues = 32;
constexpr size_t kMaxWarningText = 256;

std::vector<WarningValue> parse_warning_header(std::string_view value, size_t max_values = kMaxWarningValues);

}  // namespace sipcat
