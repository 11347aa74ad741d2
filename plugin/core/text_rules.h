// Rules for text that users and the catalogue write: one definition each,
// shared by the catalogue parser, the user overrides and the tests.
#pragma once

#include <cstddef>
#include <string_view>

namespace sipcat {

// A method name is at most this long (longer is a typing accident, not a method).
constexpr size_t kMaxMethodBytes = 32;

// White space as SIP has it between tokens (RFC 3261 §25.1 LWS: SP, HTAB,
// CR, LF); the catalogue and the overrides use the same, so that a form feed
// or vertical tab stays in a user's text and is refused as a control character.
inline bool is_lws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Without leading and trailing white space (is_lws).
std::string_view trim(std::string_view s);

bool is_valid_utf8(std::string_view s);
bool is_valid_rfc_reference(std::string_view s);  // "RFC 3261 §21.4.24; RFC 6665"
bool is_valid_lang_tag(std::string_view s);       // "en", "de", "pt-br"
// A request method as CSeq carries it: an RFC 3261 token in upper case
// ("INVITE", "X-FOO"); SIP method names are case-sensitive and all registered
// ones are upper case.
bool is_valid_method_token(std::string_view s);

}  // namespace sipcat
