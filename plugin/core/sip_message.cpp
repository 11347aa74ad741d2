#include "sip_message.h"

#include <cstring>
#include <limits>

#include "diagnosis.h"
#include "text_rules.h"

namespace sipcat {

namespace {

using sv = std::string_view;

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool iequals(sv a, sv b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i]))
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

// Bytes that change find_top_level's state (besides the separator): most bytes
// of a header are none of them and are passed over with one look-up.
struct Structural {
    bool at[256] = {};
    constexpr Structural() : at()
    {
        at[static_cast<unsigned char>('"')] = at[static_cast<unsigned char>('<')] = true;
        at[static_cast<unsigned char>('>')] = at[static_cast<unsigned char>('\\')] = true;
    }
};
constexpr Structural kStructural;

// The index of the next `sep` at depth 0: not inside a quoted string (with its
// backslash escapes) nor inside <...>; s.size() when there is none.
size_t find_top_level(sv s, char sep, size_t from = 0)
{
    bool quoted = false;
    int angle = 0;
    const char *p = s.data();
    const size_t n = s.size();
    for (size_t i = from; i < n; ++i) {
        const char c = p[i];
        if (c != sep && !kStructural.at[static_cast<unsigned char>(c)])
            continue;  // changes nothing below, in either state
        if (quoted) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                quoted = false;
        } else if (c == '"') {
            quoted = true;
        } else if (c == '<') {
            ++angle;
        } else if (c == '>' && angle > 0) {
            --angle;
        } else if (c == sep && angle == 0) {
            return i;
        }
    }
    return s.size();
}

// Calls f(value) for each comma-separated value of a header, trimmed.
template <typename F>
void for_each_value(sv s, F &&f)
{
    size_t i = 0;
    while (i <= s.size()) {
        const size_t end = find_top_level(s, ',', i);
        const sv v = trim(s.substr(i, end - i));
        if (!v.empty() && !f(v))
            return;
        i = end + 1;
    }
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

Header header_of(sv name)
{
    if (name.size() == 1) {
        switch (lower(name[0])) {  // compact forms, RFC 3261 §7.3.3
        case 'i': return Header::CallId;
        case 'v': return Header::Via;
        case 't': return Header::To;
        case 'm': return Header::Contact;
        default: return Header::Other;
        }
    }
    static const struct {
        sv name;
        Header h;
    } kNames[] = {
        {"Call-ID", Header::CallId},
        {"CSeq", Header::CSeq},
        {"Via", Header::Via},
        {"To", Header::To},
        {"Contact", Header::Contact},
        {"Authorization", Header::Authorization},
        {"Proxy-Authorization", Header::ProxyAuthorization},
        {"WWW-Authenticate", Header::WwwAuthenticate},
        {"Proxy-Authenticate", Header::ProxyAuthenticate},
        {"Allow", Header::Allow},
        {"Unsupported", Header::Unsupported},
        {"Require", Header::Require},
        {"Min-Expires", Header::MinExpires},
        {"Min-SE", Header::MinSE},
        {"Security-Server", Header::SecurityServer},
        {"Retry-After", Header::RetryAfter},
        {"Reason", Header::Reason},
        {"Warning", Header::Warning},
    };
    const char first = lower(name.empty() ? '\0' : name[0]);
    for (const auto &n : kNames)
        if (n.name.size() == name.size() && lower(n.name[0]) == first && iequals(name, n.name))
            return n.h;
    return Header::Other;
}

// The end of the line that starts at `pos` (its CR or LF, or the end) and the
// start of the next one. CRLF, a lone LF and a lone CR all end a line.
size_t line_end(sv s, size_t pos, size_t &next)
{
    const char *begin = s.data() + pos;
    const size_t rest = s.size() - pos;
    const void *lf = std::memchr(begin, '\n', rest);
    const size_t lf_at = lf ? static_cast<size_t>(static_cast<const char *>(lf) - begin) : rest;
    const void *cr = std::memchr(begin, '\r', lf_at);
    const size_t i = pos + (cr ? static_cast<size_t>(static_cast<const char *>(cr) - begin) : lf_at);
    next = i;
    if (next < s.size() && s[next] == '\r')
        ++next;
    if (next < s.size() && s[next] == '\n')
        ++next;
    return i;
}

// Digest-style parameters: `scheme name=value, name=value, ...`. Calls
// f(name, value) with the value trimmed and unquoted.
template <typename F>
void for_each_auth_param(sv s, F &&f)
{
    for_each_value(s, [&](sv item) {
        const size_t eq = find_top_level(item, '=');
        if (eq == item.size())
            return true;
        sv name = trim(item.substr(0, eq));
        // The first item starts with the scheme ("Digest username"), a second
        // challenge in the same header with its own.
        for (size_t i = name.size(); i > 0; --i)
            if (is_lws(name[i - 1])) {
                name = name.substr(i);
                break;
            }
        return f(name, unquoted(trim(item.substr(eq + 1))));
    });
}

// ;name=value parameters after `from` in one header value.
template <typename F>
void for_each_param(sv v, size_t from, F &&f)
{
    size_t i = find_top_level(v, ';', from);
    while (i < v.size()) {
        const size_t end = find_top_level(v, ';', i + 1);
        const sv p = v.substr(i + 1, end - i - 1);
        const size_t eq = p.find('=');
        const sv name = trim(p.substr(0, eq));
        const sv value = eq == sv::npos ? sv() : trim(p.substr(eq + 1));
        if (!f(name, value))
            return;
        i = end;
    }
}

void read_via(sv value, SipMessage &m)
{
    for_each_value(value, [&](sv via) {
        for_each_param(via, 0, [&](sv name, sv v) {
            if (!iequals(name, "branch"))
                return true;
            size_t n = 0;
            while (n < v.size() && !is_lws(v[n]))
                ++n;
            m.branch = v.substr(0, n);
            return false;
        });
        return m.branch.empty();
    });
}

void read_to(sv value, SipMessage &m)
{
    // Parameters follow the name-addr's '>', or the addr-spec's first ';'.
    const size_t open = find_top_level(value, '<');
    size_t from = 0;
    if (open < value.size()) {
        const size_t close = value.find('>', open);
        from = close == sv::npos ? value.size() : close + 1;
    }
    for_each_param(value, from, [&](sv name, sv) {
        if (iequals(name, "tag"))
            m.to_tag = true;
        return !m.to_tag;
    });
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
    while (i < value.size() && is_lws(value[i]))
        ++i;
    size_t end = i;
    while (end < value.size() && !is_lws(value[end]))
        ++end;
    m.cseq_method = value.substr(i, end - i);
}

void read_credentials(sv value, SipMessage &m)
{
    for_each_auth_param(value, [&](sv name, sv v) {
        if (m.username.empty() && iequals(name, "username"))
            m.username = v;
        else if (m.nonce.empty() && iequals(name, "nonce"))
            m.nonce = v;
        return true;
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
        if (v.size() >= 3 && is_digit(v[0]) && is_digit(v[1]) && is_digit(v[2]) && (v.size() == 3 || is_lws(v[3])))
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

}  // namespace

bool scan_sip_message(sv s, SipMessage &m)
{
    m = SipMessage{};
    size_t next = 0;
    const size_t first_end = line_end(s, 0, next);
    if (first_end == 0)
        return false;
    read_start_line(s.substr(0, first_end), m);
    if (m.kind == SipMessage::Kind::None)
        return false;

    size_t pos = next;
    bool seen_cseq = false;
    while (pos < s.size()) {
        size_t end = line_end(s, pos, next);
        if (end == pos)
            break;  // the empty line: end of headers
        // Continuation lines (RFC 3261 §7.3.1) belong to this header.
        while (next < s.size() && (s[next] == ' ' || s[next] == '\t'))
            end = line_end(s, next, next);
        const sv line = s.substr(pos, end - pos);
        pos = next;
        const size_t colon = line.find(':');
        if (colon == sv::npos)
            continue;
        const Header h = header_of(trim(line.substr(0, colon)));
        if (h == Header::Other)
            continue;
        const sv value = trim(line.substr(colon + 1));
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
