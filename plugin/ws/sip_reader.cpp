#include "sip_reader.h"

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <epan/prefs.h>
#include <epan/prefs-int.h>
#include <epan/wmem_scopes.h>

#include "catalogue.h"
#include "diagnosis.h"
#include "readers.h"
#include "sip_message.h"
#include "sip_resend.h"
#include "silence_watch.h"
#include "sip_text.h"
#include "warning_header.h"

namespace sipcat::ws {

namespace {

using sv = std::string_view;

// One string per method for the whole file, so records stay small. A file
// has a handful of methods: the last few are compared first, the map holds all.
struct Interned {
    const char *text;
    size_t size;
};
constexpr size_t kRecentMethods = 8;
Interned recent[kRecentMethods];
size_t recent_count = 0;

const char *intern(sv m)
{
    for (size_t i = 0; i < recent_count; ++i)
        if (recent[i].size == m.size() && std::memcmp(recent[i].text, m.data(), m.size()) == 0)
            return recent[i].text;
    static wmem_map_t *interned = nullptr;
    if (!interned)
        interned = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_str_hash, g_str_equal);
    const std::string key(m);  // a method fits the small-string buffer: no allocation
    const char *hit = static_cast<const char *>(wmem_map_lookup(interned, key.c_str()));
    if (!hit) {
        char *copy = wmem_strdup(wmem_file_scope(), key.c_str());
        wmem_map_insert(interned, copy, copy);
        hit = copy;
    }
    if (recent_count < kRecentMethods)
        recent[recent_count++] = Interned{hit, m.size()};
    return hit;
}

double seconds(const nstime_t &t) { return static_cast<double>(t.secs) + t.nsecs / 1e9; }

constexpr size_t kShownMax = 120;

bool printable(sv s)
{
    for (const char c : s)
        if (c < 0x20 || c > 0x7e)
            return false;
    return true;
}

// Printable, bounded, valid UTF-8: these end up in expert texts.
// Printable ASCII (the usual case) is what format_text would give back.
const char *shown(wmem_allocator_t *scope, sv s)
{
    s = s.substr(0, kShownMax);
    if (!printable(s))
        return SIPCAT_FORMAT_TEXT(scope, s.data(), s.size());
    char *copy = static_cast<char *>(wmem_alloc(scope, s.size() + 1));  // wmem_strndup copies byte by byte
    std::memcpy(copy, s.data(), s.size());
    copy[s.size()] = '\0';
    return copy;
}

bool same_ignoring_case(sv a, sv b)
{
    return a.size() == b.size() &&
           (std::memcmp(a.data(), b.data(), a.size()) == 0 || g_ascii_strncasecmp(a.data(), b.data(), a.size()) == 0);
}

// The bytes of one item, contiguous, within what was captured.
sv bytes_of(const field_info *fi)
{
    if (!fi->ds_tvb || fi->start < 0 || fi->length <= 0)
        return {};
    const gint avail = tvb_captured_length_remaining(fi->ds_tvb, fi->start);
    const gint len = MIN(fi->length, avail);
    if (len <= 0)
        return {};
    return sv(reinterpret_cast<const char *>(tvb_get_ptr(fi->ds_tvb, fi->start, len)), static_cast<size_t>(len));
}

sv address_bytes(const address &a) { return sv(static_cast<const char *>(a.data), a.data ? static_cast<size_t>(a.len) : 0); }

// Wireshark looks for retransmissions over UDP only.
bool resent(ResendTracker &resends, const SipIds &ids, const packet_info *pinfo, const SipMessage &m)
{
    if (pinfo->ptype != PT_UDP)
        return false;
    char types[2] = {static_cast<char>(pinfo->net_src.type), static_cast<char>(pinfo->net_dst.type)};
    SipFlow flow;
    flow.call_id = m.call_id;
    flow.src = address_bytes(pinfo->net_src);
    flow.dst = address_bytes(pinfo->net_dst);
    flow.src_port = ids.same_sport ? pinfo->srcport : 0;
    flow.dst_port = pinfo->destport;
    // Address types count too (as in cmp_address); mix them into the port word.
    flow.dst_port ^= static_cast<uint32_t>(static_cast<unsigned char>(types[0])) << 16 |
                     static_cast<uint32_t>(static_cast<unsigned char>(types[1])) << 24;
    return resends.resent(flow, m.has_cseq, m.cseq, m.cseq_method, m.kind == SipMessage::Kind::Request, m.code);
}

// Reason (RFC 3326) and Warning of one message, into its record.
void read_reason_and_warnings(const SipMessage &m, wmem_allocator_t *scope, ResponseRecord &r)
{
    r.q850 = m.has_q850 ? static_cast<gint32>(m.q850) : -1;
    if (m.has_reason_sip)
        r.reason_sip = m.reason_sip;
    if (!m.reason_text.empty())
        r.reason_text = shown(scope, m.reason_text);
    size_t count = MIN(m.warning_count, kMaxWarningValues);
    if (m.warning_count > kMaxWarningValues)
        r.flags |= kMoreWarnings;
    if (count == 0)
        return;
    auto *items = static_cast<WarningItem *>(wmem_alloc(scope, count * sizeof(WarningItem)));
    size_t kept = 0;
    for (size_t i = 0; i < count; ++i) {
        const std::vector<WarningValue> v = parse_warning_header(m.warnings[i], 1);
        if (!v.empty())
            items[kept++] = WarningItem{static_cast<guint16>(v[0].code), shown(scope, v[0].text)};
    }
    r.warning_count = static_cast<guint32>(kept);
    r.warnings = kept ? items : nullptr;
}

// A payload left as data that starts like a SIP response ("SIP/2.0 99 ...",
// "SIP/2.0 ABC ..."): Wireshark's SIP dissector refuses a status line without
// three digits, so the user would otherwise see only "Data".
bool undecoded_status(const field_info *fi, wmem_allocator_t *scope, ResponseRecord &r)
{
    static const char kVersion[] = "SIP/2.0 ";
    const sv bytes = bytes_of(fi).substr(0, 200);
    if (bytes.size() < 9 || g_ascii_strncasecmp(bytes.data(), kVersion, 8) != 0)
        return false;
    const size_t cr = bytes.find('\r');
    const sv line = bytes.substr(0, cr);
    // Three digits and a space: the form is right. In 100..699 it is a response
    // Wireshark chose not to decode (heuristics off, an unusual port): no note.
    const bool three_digits = line.size() >= 12 && g_ascii_isdigit(line[8]) && g_ascii_isdigit(line[9]) &&
                              g_ascii_isdigit(line[10]) && line[11] == ' ';
    const guint32 code = three_digits ? (line[8] - '0') * 100u + (line[9] - '0') * 10u + (line[10] - '0') : 0;
    if (three_digits && code >= 100 && code <= 699)
        return false;
    r = ResponseRecord{};
    r.kind = three_digits ? ResponseKind::OutOfRange : ResponseKind::Malformed;
    r.code = code;
    r.flags = kUndecoded;
    r.q850 = -1;
    r.status_line = shown(scope, line);
    return true;
}

RequestRecord *file_request(wmem_allocator_t *file_scope, sv uri, sv user)
{
    auto *req = static_cast<RequestRecord *>(wmem_alloc0(file_scope, sizeof(RequestRecord)));
    if (!uri.empty())
        req->uri = shown(file_scope, uri);
    if (!user.empty())
        req->username = shown(file_scope, user);
    return req;
}

// tshark's last pass: no later pass reads it, only responses of its
// transaction, so it can go with the transaction: one block, strings after the struct.
RequestRecord *heap_request(wmem_allocator_t *packet_scope, sv uri, sv user)
{
    uri = uri.substr(0, kShownMax);
    user = user.substr(0, kShownMax);
    // Unusual bytes: format_text's form (any length) in the packet's memory first.
    const char *u = printable(uri) ? nullptr : SIPCAT_FORMAT_TEXT(packet_scope, uri.data(), uri.size());
    const char *n = printable(user) ? nullptr : SIPCAT_FORMAT_TEXT(packet_scope, user.data(), user.size());
    if (u)
        uri = u;
    if (n)
        user = n;
    const size_t uri_size = uri.empty() ? 0 : uri.size() + 1, user_size = user.empty() ? 0 : user.size() + 1;
    auto *block = static_cast<char *>(g_malloc(sizeof(RequestRecord) + uri_size + user_size));
    auto *req = reinterpret_cast<RequestRecord *>(block);
    char *text = block + sizeof(RequestRecord);
    req->uri = req->username = nullptr;
    req->on_heap = TRUE;
    if (uri_size) {
        std::memcpy(text, uri.data(), uri.size());
        text[uri.size()] = '\0';
        req->uri = text;
        text += uri_size;
    }
    if (user_size) {
        std::memcpy(text, user.data(), user.size());
        text[user.size()] = '\0';
        req->username = text;
    }
    return req;
}

void read_request(const SipMessage &m, const char *method, packet_info *pinfo, bool resend, wmem_allocator_t *scope,
                  wmem_allocator_t *file_scope, Diagnoser &diagnoser, std::vector<ResponseRecord> &out)
{
    RequestFacts r;
    r.call_id = m.call_id;
    r.branch = m.branch;
    r.cseq = m.cseq;
    r.method = m.cseq_method;
    r.in_dialog = m.to_tag;
    r.authorization = m.authorization;
    r.proxy_authorization = m.proxy_authorization;
    if (r.authorization || r.proxy_authorization)
        r.nonce = m.nonce;
    r.frame = pinfo->num;
    r.resend = resend;
    r.time = seconds(pinfo->abs_ts);
    // What the responses name (Request-URI, user): kept once per request, only when it opens a transaction.
    if (const void **slot = diagnoser.on_request(r)) {
        const sv user = (r.authorization || r.proxy_authorization) ? m.username : sv();
        *slot = in_last_pass() ? heap_request(pinfo->pool, m.request_uri, user)
                               : file_request(file_scope, m.request_uri, user);
    }
    // A request that says why (BYE, CANCEL with Reason) gets its own
    // annotation; others leave nothing in the file's memory.
    if (!resend && (m.has_q850 || m.has_reason_sip)) {
        ResponseRecord why{};
        read_reason_and_warnings(m, scope, why);
        if (why.q850 >= 0 || why.reason_sip) {
            why.kind = ResponseKind::Request;
            why.method = method;
            out.push_back(why);
        }
    }
}

void read_response(const SipMessage &m, const char *method, const packet_info *pinfo, bool resend,
                   wmem_allocator_t *scope, Diagnoser &diagnoser, const Catalogue *catalogue,
                   std::vector<ResponseRecord> &out)
{
    ResponseRecord r{};
    r.q850 = -1;
    r.method = method;
    if (!m.has_code) {
        r.kind = ResponseKind::Malformed;
        r.status_line = shown(scope, m.start_line);
        out.push_back(r);
        return;
    }
    r.code = m.code;
    r.kind = (r.code >= 100 && r.code <= 699) ? ResponseKind::Ok : ResponseKind::OutOfRange;
    if (r.kind != ResponseKind::Ok) {
        out.push_back(r);
        return;
    }
    read_reason_and_warnings(m, scope, r);
    ResponseFacts f;
    f.call_id = m.call_id;
    f.branch = m.branch;
    f.cseq = m.cseq;
    f.method = m.cseq_method;
    f.code = r.code;
    f.headers = m.headers;
    f.stale = m.stale;
    if (r.code == 401 || r.code == 407)
        for (size_t i = 0; i < m.nonce_count && f.nonce_count < f.nonces.size(); ++i)
            f.nonces[f.nonce_count++] = m.nonces[i];
    f.resend = resend;
    f.q850 = r.q850;
    f.frame = pinfo->num;
    f.time = seconds(pinfo->abs_ts);
    const Diagnosis d = diagnoser.on_response(f);
    r.flags |= (d.expected ? kExpected : 0) | (d.retransmission ? kRetransmission : 0);
    r.auth = static_cast<guint8>(d.auth);
    r.outcome = static_cast<guint8>(d.outcome);
    r.missing = d.missing;
    r.request_frame = d.request_frame;
    r.request = static_cast<const RequestRecord *>(d.request);
    if (d.auth_loop) {
        r.auth_loop = d.auth_loop;
        auto *frames = static_cast<guint32 *>(wmem_alloc(scope, sizeof(guint32) * kLoopFrames));
        for (size_t i = 0; i < d.loop_frame_count; ++i)
            frames[i] = d.loop_frames[i];
        r.loop_frames = frames;
        r.loop_frame_count = d.loop_frame_count;
    }
    if (m.has_retry_after) {
        r.retry_after = m.retry_after;
        r.flags |= kHasRetryAfter;
    }
    const sv phrase = phrase_from_status_line(m.start_line);
    const Entry *e = catalogue ? catalogue->find(r.code) : nullptr;
    if (!d.retransmission && e && !phrase.empty() && !same_ignoring_case(phrase, e->reason))
        r.phrase = shown(scope, phrase);
    out.push_back(r);
}

}  // namespace

namespace {

// Blocks on the heap that this frame's record or taps may still point at: a
// response may point at a request that a limit reached later in the same frame
// made the Diagnoser forget, a finding at a watch let go of in this frame.
std::vector<void *> pending_free;

void free_pending()
{
    for (void *block : pending_free)
        g_free(block);
    pending_free.clear();
}

}  // namespace

void free_at_next_frame(void *block) { pending_free.push_back(block); }

void reset_collect()
{
    free_pending();
    recent_count = 0;
}

void release_request(const void *record)
{
    const auto *req = static_cast<const RequestRecord *>(record);
    if (req->on_heap)
        free_at_next_frame(const_cast<RequestRecord *>(req));
}

void SipIds::lookup()
{
    proto_sip = proto_get_id_by_filter_name("sip");
    proto_data = proto_get_id_by_filter_name("data");
    hf_sip = proto_sip > 0 ? proto_registrar_get_nth(static_cast<guint>(proto_sip)) : nullptr;
    hf_data = proto_data > 0 ? proto_registrar_get_nth(static_cast<guint>(proto_data)) : nullptr;
}

void SipIds::read_prefs()
{
    module_t *sip = prefs_find_module("sip");
    pref_t *p = sip ? prefs_find_preference(sip, "retrans_the_same_sport") : nullptr;
    same_sport = p ? prefs_get_bool_value(p, pref_current) : true;
}

FrameRecord *collect(proto_tree *tree, packet_info *pinfo, const SipIds &ids, wmem_allocator_t *scope,
                     wmem_allocator_t *file_scope, Diagnoser &diagnoser, ResendTracker &resends,
                     const Catalogue *catalogue)
{
    if (!tree)
        return nullptr;
    free_pending();  // the last frame's record and taps are done
    // Kept between frames: no allocation per frame (copied into the record below).
    static std::vector<ResponseRecord> out;
    out.clear();
    const field_info *data[4] = {};
    size_t data_count = 0;
    bool any_sip = false;
    for (proto_node *n = tree->first_child; n; n = n->next) {
        const field_info *fi = PNODE_FINFO(n);
        if (!fi || !fi->hfinfo)
            continue;
        if (fi->hfinfo == ids.hf_data && data_count < G_N_ELEMENTS(data))
            data[data_count++] = fi;
        if (fi->hfinfo != ids.hf_sip)
            continue;
        any_sip = true;
        SipMessage m;
        if (!scan_sip_message(bytes_of(fi), m))
            continue;
        const bool resend = (m.kind == SipMessage::Kind::Request || m.has_code) && resent(resends, ids, pinfo, m);
        const size_t records = out.size();
        const char *method = m.cseq_method.empty() ? nullptr : intern(m.cseq_method);
        if (m.kind == SipMessage::Kind::Request)
            read_request(m, method, pinfo, resend, scope, file_scope, diagnoser, out);
        else
            read_response(m, method, pinfo, resend, scope, diagnoser, catalogue, out);
        watch_silence(m, pinfo, static_cast<guint32>(fi->length), out.size() > records ? records : kNoRecord, method);
    }
    ResponseRecord undecoded;
    for (size_t i = 0; !any_sip && i < data_count; ++i)
        if (undecoded_status(data[i], scope, undecoded)) {
            out.push_back(undecoded);
            break;
        }
    const SilenceItems *silence = silence_items(scope);
    if (out.empty() && !silence)
        return nullptr;
    auto *rec = static_cast<FrameRecord *>(
        wmem_alloc0(scope, offsetof(FrameRecord, responses) + out.size() * sizeof(ResponseRecord)));
    rec->count = static_cast<guint32>(out.size());
    rec->silence = silence;
    for (size_t i = 0; i < out.size(); ++i)
        rec->responses[i] = out[i];
    return rec;
}

}  // namespace sipcat::ws
