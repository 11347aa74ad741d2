#include "sip_message.h"

#include <cstring>
#include <limits>
#include <type_traits>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "diagnosis.h"
#include "text_rules.h"

namespace sipcat {

namespace {

using sv = std::string_view;

constexpr unsigned char byte(char c) { return static_cast<unsigned char>(c); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// ASCII lower case by one look-up: names are compared byte by byte.
struct LowerTable {
    char of[256] = {};
    constexpr LowerTable() : of()
    {
        for (int c = 0; c < 256; ++c)
            of[c] = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
};
constexpr LowerTable kLower;
char lower(char c) { return kLower.of[byte(c)]; }

// is_lws() with one comparison and one bit test.
bool lws(char c) { return byte(c) <= ' ' && ((uint64_t{1} << byte(c)) & ((1u << '\t') | (1u << '\n') | (1u << '\r') | (uint64_t{1} << ' '))); }

bool iequals(sv a, sv b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i]))
            return false;
    return true;
}

// The n bytes at p against a lower-case name, in any case.
bool iequals_lower(const char *p, const char *name, size_t n)
{
    for (size_t i = 0; i < n; ++i)
        if (lower(p[i]) != name[i])
            return false;
    return true;
}

bool istarts(sv s, sv prefix) { return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix); }

sv unquoted(sv s)
{
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"')
        return s.substr(1, s.size() - 2);
    return s;
}

// trim() of p[begin, end), inline: it runs for every header line.
inline sv trimmed(const char *p, size_t begin, size_t end)
{
    while (begin < end && lws(p[begin]))
        ++begin;
    while (end > begin && lws(p[end - 1]))
        --end;
    return sv(p + begin, end - begin);
}

#if defined(__SSE2__)
// The bytes of the 16 at p that are one of Cs, as bits.
template <char... Cs>
unsigned hits16(const char *p)
{
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
    return static_cast<unsigned>(_mm_movemask_epi8((_mm_cmpeq_epi8(v, _mm_set1_epi8(Cs)) | ...)));
}
#endif

// The index of the first byte of p[0, n) that is one of Cs; n when there is
// none. Lines and separators are found with it, 16 bytes at a time where it can.
template <char... Cs>
size_t find_first_of(const char *p, size_t n)
{
#if defined(__SSE2__)
    if (n >= 16) {
        size_t i = 0;
        for (; i + 16 <= n; i += 16)
            if (const unsigned h = hits16<Cs...>(p + i))
                return i + static_cast<size_t>(__builtin_ctz(h));
        if (i == n)
            return n;
        // The last 16 bytes, overlapping some already seen (none of them a hit).
        const unsigned h = hits16<Cs...>(p + n - 16);
        return h ? n - 16 + static_cast<size_t>(__builtin_ctz(h)) : n;
    }
#endif
    for (size_t i = 0; i < n; ++i)
        if (((p[i] == Cs) || ...))
            return i;
    return n;
}

// The end of the line in p[0, n) (its first CR or LF, or n) and in `colon` the
// index of the first ':' before that, or npos: one look at each byte of a header line.
size_t scan_line(const char *p, size_t n, size_t &colon)
{
    colon = sv::npos;
#if defined(__SSE2__)
    if (n >= 16) {
        for (size_t i = 0;; i += 16) {
            // The last 16 bytes may overlap some already seen (none of them a hit).
            const size_t at = i + 16 <= n ? i : n - 16;
            const unsigned eol = hits16<'\r', '\n'>(p + at);
            if (colon == sv::npos) {
                unsigned c = hits16<':'>(p + at);
                if (eol)
                    c &= (eol & (0u - eol)) - 1;  // before the line end only
                if (c)
                    colon = at + static_cast<size_t>(__builtin_ctz(c));
            }
            if (eol)
                return at + static_cast<size_t>(__builtin_ctz(eol));
            if (at + 16 >= n)
                return n;
        }
    }
#endif
    for (size_t i = 0; i < n; ++i) {
        if (p[i] == '\r' || p[i] == '\n')
            return i;
        if (p[i] == ':' && colon == sv::npos)
            colon = i;
    }
    return n;
}

// strtoul(s, NULL, 10) truncated to 32 bits, as Wireshark's SIP dissector
// reads Reason causes: leading white space, a sign, digits; ULONG_MAX on overflow.
uint32_t c_strtoul32(sv s)
{
    size_t i = 0;
    while (i < s.size() && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r')))
        ++i;
    bool negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-'))
        negative = s[i++] == '-';
    uint64_t v = 0;
    bool overflow = false;
    for (; i < s.size() && is_digit(s[i]); ++i) {
        const unsigned d = static_cast<unsigned>(s[i] - '0');
        if (v > (std::numeric_limits<uint64_t>::max() - d) / 10)
            overflow = true;
        else
            v = v * 10 + d;
    }
    if (overflow)
        return std::numeric_limits<uint32_t>::max();
    return static_cast<uint32_t>(negative ? (~v + 1) : v);
}

// A whole value of digits, like Wireshark's ws_strtou32(): anything else reads
// as 0, too large as the maximum.
uint32_t whole_u32(sv s)
{
    if (s.empty() || !is_digit(s.front()))
        return 0;
    uint64_t v = 0;
    for (char c : s) {
        if (!is_digit(c))
            return 0;
        v = v * 10 + static_cast<unsigned>(c - '0');
        if (v > std::numeric_limits<uint32_t>::max())
            v = std::numeric_limits<uint32_t>::max() + uint64_t{1};
    }
    return v > std::numeric_limits<uint32_t>::max() ? std::numeric_limits<uint32_t>::max() : static_cast<uint32_t>(v);
}

enum class Header : uint8_t {
    Other, CallId, CSeq, Via, To, Contact, Authorization, ProxyAuthorization, WwwAuthenticate, ProxyAuthenticate,
    Allow, Unsupported, Require, MinExpires, MinSE, SecurityServer, RetryAfter, Reason, Warning,
};

// By length and first letter, so that a name is compared with one candidate at most.
Header header_of(const char *p, size_t n)
{
    if (n == 0)
        return Header::Other;
    const char first = lower(p[0]);
    const auto is = [&](const char *name, Header h) { return iequals_lower(p + 1, name + 1, n - 1) ? h : Header::Other; };
    switch (n) {
    case 1:
        switch (first) {  // compact forms, RFC 3261 §7.3.3
        case 'i': return Header::CallId;
        case 'v': return Header::Via;
        case 't': return Header::To;
        case 'm': return Header::Contact;
        default: return Header::Other;
        }
    case 2: return first == 't' ? is("to", Header::To) : Header::Other;
    case 3: return first == 'v' ? is("via", Header::Via) : Header::Other;
    case 4: return first == 'c' ? is("cseq", Header::CSeq) : Header::Other;
    case 5: return first == 'a' ? is("allow", Header::Allow) : Header::Other;
    case 6:
        if (first == 'r')
            return is("reason", Header::Reason);
        return first == 'm' ? is("min-se", Header::MinSE) : Header::Other;
    case 7:
        switch (first) {
        case 'c': return lower(p[1]) == 'a' ? is("call-id", Header::CallId) : is("contact", Header::Contact);
        case 'r': return is("require", Header::Require);
        case 'w': return is("warning", Header::Warning);
        default: return Header::Other;
        }
    case 11:
        switch (first) {
        case 'u': return is("unsupported", Header::Unsupported);
        case 'm': return is("min-expires", Header::MinExpires);
        case 'r': return is("retry-after", Header::RetryAfter);
        default: return Header::Other;
        }
    case 13: return first == 'a' ? is("authorization", Header::Authorization) : Header::Other;
    case 15: return first == 's' ? is("security-server", Header::SecurityServer) : Header::Other;
    case 16: return first == 'w' ? is("www-authenticate", Header::WwwAuthenticate) : Header::Other;
    case 18: return first == 'p' ? is("proxy-authenticate", Header::ProxyAuthenticate) : Header::Other;
    case 19: return first == 'p' ? is("proxy-authorization", Header::ProxyAuthorization) : Header::Other;
    default: return Header::Other;
    }
}

// The start of the line after a line end at `i` (a CR, an LF, or the end).
size_t after_line_end(sv s, size_t i)
{
    if (i < s.size() && s[i] == '\r')
        ++i;
    if (i < s.size() && s[i] == '\n')
        ++i;
    return i;
}

// The end of the line that starts at `pos` (its CR or LF, or the end) and the
// start of the next one. CRLF, a lone LF and a lone CR all end a line.
size_t line_end(sv s, size_t pos, size_t &next)
{
    const size_t i = pos + find_first_of<'\r', '\n'>(s.data() + pos, s.size() - pos);
    next = after_line_end(s, i);
    return i;
}

// At i: LWS, the lower-case `name` in any case, LWS; the index after them, or
// npos when the bytes there are something else.
size_t after_name(const char *p, size_t i, size_t n, const char *name, size_t len)
{
    while (i < n && lws(p[i]))
        ++i;
    if (n - i < len || !iequals_lower(p + i, name, len))
        return sv::npos;
    i += len;
    while (i < n && lws(p[i]))
        ++i;
    return i;
}

// Where a header value's scanner stands: in a quoted-string (with its
// backslash escapes) or in <...>, separators do not count (RFC 3261 §25.1).
struct Nesting {
    bool quoted = false;
    int angle = 0;
    // Takes p[i] (and the character a backslash in quotes escapes); true when it
    // stands outside quotes and <...> and is none of their delimiters.
    bool outside(const char *p, size_t &i)
    {
        const char c = p[i];
        if (quoted) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                quoted = false;
            return false;
        }
        if (c == '"') {
            quoted = true;
        } else if (c == '<') {
            ++angle;
        } else if (c == '>') {
            if (angle > 0)
                --angle;
        } else {
            return angle == 0;
        }
        return false;
    }
    bool top() const { return !quoted && angle == 0; }
};

// Digest-style parameters: `scheme name=value, name=value, ...`. Calls
// f(name, value) with the value trimmed and unquoted, in one pass: items are
// separated by commas outside quotes and <...>, and an item's name is what
// comes before its first '=' outside them (an item without one is skipped).
template <typename F>
void for_each_auth_param(sv s, F &&f)
{
    const char *p = s.data();
    const size_t n = s.size();
    Nesting nest;
    size_t item = 0, eq = sv::npos;
    for (size_t i = 0;; ++i) {
        if (i < n)
            i += find_first_of<'"', '<', '>', '\\', ',', '='>(p + i, n - i);
        if (i >= n || (p[i] == ',' && nest.top())) {
            if (eq != sv::npos) {
                sv name = trimmed(p, item, eq);
                // The first item starts with the scheme ("Digest username"), a
                // second challenge in the same header with its own.
                for (size_t k = name.size(); k > 0; --k)
                    if (lws(name[k - 1])) {
                        name = name.substr(k);
                        break;
                    }
                if (!f(name, unquoted(trimmed(p, eq + 1, i < n ? i : n))))
                    return;
            }
            if (i >= n)
                return;
            item = i + 1;
            eq = sv::npos;
            continue;
        }
        if (nest.outside(p, i) && p[i] == '=' && eq == sv::npos)
            eq = i;
    }
}

// The first branch parameter of the Via values in one header, in one pass:
// values are separated by commas, parameters by semicolons, both outside quotes
// and <...>. A parameter's name is what comes before its first '='; a "branch"
// with an empty value ends the search in its Via value (not in the next one),
// and the branch is the value up to its first white space.
void read_via(sv value, SipMessage &m)
{
    const char *p = value.data();
    const size_t n = value.size();
    Nesting nest;
    bool done = false;        // this Via value had an empty branch: skip to the next value
    size_t branch_at = 0;     // after the '=' of "branch", while in that parameter
    bool in_branch = false;
    // At the end of the branch parameter (at `end`): true when the branch is found.
    const auto take_branch = [&](size_t end) {
        size_t i = branch_at;
        while (i < end && lws(p[i]))
            ++i;
        size_t j = i;
        while (j < end && !lws(p[j]))
            ++j;
        if (j == i)
            return false;
        m.branch = sv(p + i, j - i);
        return true;
    };
    for (size_t i = 0; i < n; ++i) {
        i += find_first_of<'"', '<', '>', '\\', ',', ';'>(p + i, n - i);
        if (i == n)
            break;
        if (!nest.outside(p, i))
            continue;
        const char c = p[i];
        if (c == ';' || c == ',') {
            if (in_branch) {
                if (take_branch(i))
                    return;
                in_branch = false;
                done = true;
            }
            if (c == ',') {
                done = false;  // the next Via value
                continue;
            }
            if (done)
                continue;
            const size_t j = after_name(p, i + 1, n, "branch", 6);
            if (j == sv::npos)
                continue;
            if (j < n && p[j] == '=') {
                in_branch = true;
                branch_at = j + 1;
                i = j;
            } else if (j == n || p[j] == ';' || p[j] == ',') {
                done = true;  // "branch" without a value
                i = j - 1;
            } else {
                i = j - 1;  // another name that starts with "branch"; look at p[j] again
            }
        }
    }
    if (in_branch)
        take_branch(n);
}

// The To tag, in one pass: a parameter after a semicolon outside quotes and
// <...> (so after the name-addr's '>', or in the addr-spec) whose name, before
// its first '=', is "tag".
void read_to(sv value, SipMessage &m)
{
    const char *p = value.data();
    const size_t n = value.size();
    Nesting nest;
    for (size_t i = 0; i < n; ++i) {
        i += find_first_of<'"', '<', '>', '\\', ';'>(p + i, n - i);
        if (i == n)
            break;
        if (nest.outside(p, i) && p[i] == ';') {
            const size_t j = after_name(p, i + 1, n, "tag", 3);
            if (j == sv::npos)
                continue;
            if (j == n || p[j] == '=' || p[j] == ';') {
                m.to_tag = true;
                return;
            }
            i = j - 1;  // look at p[j] again
        }
    }
}

void read_cseq(sv value, SipMessage &m)
{
    size_t i = 0;
    uint64_t n = 0;
    while (i < value.size() && is_digit(value[i])) {
        n = n * 10 + static_cast<unsigned>(value[i] - '0');
        if (n > std::numeric_limits<uint32_t>::max())
            n = std::numeric_limits<uint32_t>::max() + uint64_t{1};
        ++i;
    }
    if (i > 0) {
        m.has_cseq = true;
        m.cseq = n > std::numeric_limits<uint32_t>::max() ? std::numeric_limits<uint32_t>::max()
                                                          : static_cast<uint32_t>(n);
    }
    while (i < value.size() && lws(value[i]))
        ++i;
    size_t end = i;
    while (end < value.size() && !lws(value[end]))
        ++end;
    m.cseq_method = value.substr(i, end - i);
}

void read_credentials(sv value, SipMessage &m)
{
    if (!m.username.empty() && !m.nonce.empty())
        return;  // nothing more can change
    for_each_auth_param(value, [&](sv name, sv v) {
        if (m.username.empty() && iequals(name, "username"))
            m.username = v;
        else if (m.nonce.empty() && iequals(name, "nonce"))
            m.nonce = v;
        return m.username.empty() || m.nonce.empty();
    });
}

void read_challenge(sv value, SipMessage &m)
{
    for_each_auth_param(value, [&](sv name, sv v) {
        if (iequals(name, "nonce")) {
            if (m.nonce_count < m.nonces.size())
                m.nonces[m.nonce_count++] = v;
        } else if (iequals(name, "stale") && iequals(v, "true")) {
            m.stale = true;
        }
        return true;
    });
}

// The first reason-value of a Reason header, the way Wireshark's SIP dissector
// reads it: protocol up to ';', cause after the next '=' up to ';', text
// between the next two quotes.
void read_reason(sv value, SipMessage &m)
{
    const size_t semi = value.find(';');
    if (semi == sv::npos)
        return;
    const sv protocol = value.substr(0, semi);
    const size_t eq = value.find('=', semi);
    const size_t cause_at = eq == sv::npos ? value.size() : eq + 1;
    const size_t next_semi = value.find(';', cause_at);
    const uint32_t cause =
        eq == sv::npos ? 0 : c_strtoul32(value.substr(cause_at, (next_semi == sv::npos ? value.size() : next_semi) - cause_at));
    if (iequals(protocol, "Q.850")) {
        if (!m.has_q850) {
            m.has_q850 = true;
            m.q850 = cause;
        }
    } else if (iequals(protocol, "SIP")) {
        if (!m.has_reason_sip) {
            m.has_reason_sip = true;
            m.reason_sip = cause;
        }
    }
    if (next_semi == sv::npos || eq == sv::npos || !m.reason_text.empty())
        return;
    const size_t open = value.find('"', next_semi);
    if (open == sv::npos)
        return;
    const size_t close = value.find('"', open + 1);
    if (close != sv::npos)
        m.reason_text = value.substr(open + 1, close - open - 1);
}

void read_warning(sv value, SipMessage &m)
{
    const size_t keep = m.warnings.size();
    if (m.warning_count >= keep)
        return;
    // Split as parse_warning_header does: commas outside quoted text.
    size_t i = 0;
    while (i < value.size() && m.warning_count < keep) {
        size_t end = i;
        bool quoted = false;
        for (; end < value.size(); ++end) {
            if (quoted && value[end] == '\\')
                ++end;
            else if (value[end] == '"')
                quoted = !quoted;
            else if (value[end] == ',' && !quoted)
                break;
        }
        if (end > value.size())
            end = value.size();
        const sv v = trim(value.substr(i, end - i));
        if (v.size() >= 3 && is_digit(v[0]) && is_digit(v[1]) && is_digit(v[2]) && (v.size() == 3 || lws(v[3])))
            m.warnings[m.warning_count++] = v;
        i = end + 1;
    }
}

void read_start_line(sv line, SipMessage &m)
{
    m.start_line = line;
    if (istarts(line, "SIP/")) {
        m.kind = SipMessage::Kind::Response;
        const size_t sp = line.find(' ');
        if (sp != sv::npos && sp + 4 <= line.size() && is_digit(line[sp + 1]) && is_digit(line[sp + 2]) &&
            is_digit(line[sp + 3]) && (sp + 4 == line.size() || line[sp + 4] == ' ')) {
            m.has_code = true;
            m.code = static_cast<unsigned>((line[sp + 1] - '0') * 100 + (line[sp + 2] - '0') * 10 + (line[sp + 3] - '0'));
        }
        return;
    }
    // Method SP Request-URI SP SIP-Version; anything else is no start line.
    const size_t sp = line.find(' ');
    const size_t last = line.rfind(' ');
    if (sp == sv::npos || sp == 0 || last == sp || !istarts(line.substr(last + 1), "SIP/"))
        return;
    m.kind = SipMessage::Kind::Request;
    m.method = line.substr(0, sp);
    const size_t uri_end = line.find(' ', sp + 1);
    m.request_uri = line.substr(sp + 1, uri_end - sp - 1);
}

// Everything but the warnings array back to its defaults: the array is the
// larger part of SipMessage and only warnings[0, warning_count) is ever read.
static_assert(std::is_trivially_copyable_v<SipMessage> && std::is_standard_layout_v<SipMessage>);
static_assert(offsetof(SipMessage, warnings) + sizeof(SipMessage::warnings) == offsetof(SipMessage, warning_count) &&
                  offsetof(SipMessage, warning_count) + sizeof(size_t) == sizeof(SipMessage),
              "the warnings and their count are the last members");
constexpr SipMessage kEmpty{};
void clear(SipMessage &m)
{
    std::memcpy(static_cast<void *>(&m), &kEmpty, offsetof(SipMessage, warnings));
    m.warning_count = 0;
}

}  // namespace

bool scan_sip_message(sv s, SipMessage &m)
{
    clear(m);
    const char *p = s.data();
    const size_t n = s.size();
    size_t next = 0;
    const size_t first_end = line_end(s, 0, next);
    if (first_end == 0)
        return false;
    read_start_line(s.substr(0, first_end), m);
    if (m.kind == SipMessage::Kind::None)
        return false;

    size_t pos = next;
    bool seen_cseq = false;
    while (pos < n) {
        size_t colon;
        const size_t stop = pos + scan_line(p + pos, n - pos, colon);
        if (stop == pos)
            break;  // the empty line: end of headers
        size_t end = stop;
        next = after_line_end(s, stop);
        // Continuation lines (RFC 3261 §7.3.1) belong to this header.
        while (next < n && (p[next] == ' ' || p[next] == '\t'))
            end = line_end(s, next, next);
        const size_t begin = pos;
        pos = next;
        if (colon != sv::npos) {
            colon += begin;
        } else {
            // No colon on the first line: the first one of a continuation line.
            const void *c = std::memchr(p + stop, ':', end - stop);
            if (!c)
                continue;
            colon = static_cast<size_t>(static_cast<const char *>(c) - p);
        }
        const sv name = trimmed(p, begin, colon);
        const Header h = header_of(name.data(), name.size());
        if (h == Header::Other)
            continue;
        const sv value = trimmed(p, colon + 1, end);
        switch (h) {
        case Header::CallId:
            if (m.call_id.empty())
                m.call_id = value;
            break;
        case Header::CSeq:
            if (!seen_cseq)
                read_cseq(value, m);
            seen_cseq = true;
            break;
        case Header::Via:
            if (m.branch.empty())
                read_via(value, m);
            break;
        case Header::To:
            if (!m.to_tag)
                read_to(value, m);
            break;
        case Header::Contact: m.headers |= kContact; break;
        case Header::Authorization:
            m.authorization = true;
            read_credentials(value, m);
            break;
        case Header::ProxyAuthorization:
            m.proxy_authorization = true;
            read_credentials(value, m);
            break;
        case Header::WwwAuthenticate:
            m.headers |= kWwwAuthenticate;
            read_challenge(value, m);
            break;
        case Header::ProxyAuthenticate:
            m.headers |= kProxyAuthenticate;
            read_challenge(value, m);
            break;
        case Header::Allow: m.headers |= kAllow; break;
        case Header::Unsupported: m.headers |= kUnsupported; break;
        case Header::Require: m.headers |= kRequire; break;
        case Header::MinExpires: m.headers |= kMinExpires; break;
        case Header::MinSE: m.headers |= kMinSE; break;
        case Header::SecurityServer: m.headers |= kSecurityServer; break;
        case Header::RetryAfter:
            if (!m.has_retry_after) {
                m.has_retry_after = true;
                m.retry_after = whole_u32(value);
            }
            break;
        case Header::Reason: read_reason(value, m); break;
        case Header::Warning: read_warning(value, m); break;
        case Header::Other: break;
        }
    }
    return true;
}

}  // namespace sipcat
