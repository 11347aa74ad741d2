// Response classes of RFC 3261 §7.2 and how a client treats codes it does not know (§8.1.3.2).
#pragma once

namespace sipcat {

constexpr unsigned kMinCode = 100;
constexpr unsigned kMaxCode = 699;

inline bool code_in_range(unsigned code) { return code >= kMinCode && code <= kMaxCode; }

// 1..6 for a valid code, 0 otherwise.
inline unsigned class_of(unsigned code) { return code_in_range(code) ? code / 100 : 0; }

// "Provisional", "Success", ... ; "" for class 0.
const char *class_name(unsigned cls);

// The code a client falls back to for an unrecognised one: 183 for an unknown
// provisional response (other than 100), the x00 of the class for a final one.
unsigned fallback_code(unsigned code);

}  // namespace sipcat
