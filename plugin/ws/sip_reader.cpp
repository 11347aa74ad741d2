#include "sip_reader.h"

#include <cstring>
#include <initializer_list>
#include <string>
#include <vector>

#include <epan/wmem_scopes.h>

#include "catalogue.h"
#include "diagnosis.h"
#include "sip_text.h"
#include "warning_header.h"

namespace sipcat::ws {

namespace {

struct Field {
    int SipFieldIds::*member;
    const char *name;
};

const Field kFields[] = {
    {&SipFieldIds::status_line, "sip.Status-Line"},
    {&SipFieldIds::status_code, "sip.Status-Code"},
    {&SipFieldIds::request_line, "sip.Request-Line"},
    {&SipFieldIds::reason_phrase, "sip.Reason-Phrase"},
    {&SipFieldIds::cseq_method, "sip.CSeq.method"},
    {&SipFieldIds::cseq_seq, "sip.CSeq.seq"},
    {&SipFieldIds::call_id, "sip.Call-ID"},
    {&SipFieldIds::to_tag, "sip.to.tag"},
    {&SipFieldIds::resend, "sip.resend"},
    {&SipFieldIds::authorization, "sip.Authorization"},
    {&SipFieldIds::proxy_authorization, "sip.Proxy-Authorization"},
    {&SipFieldIds::auth_username, "sip.auth.username"},
    {&SipFieldIds::auth_stale, "sip.auth.stale"},
    {&SipFieldIds::auth_nonce, "sip.auth.nonce"},
    {&SipFieldIds::www_authenticate, "sip.WWW-Authenticate"},
    {&SipFieldIds::proxy_authenticate, "sip.Proxy-Authenticate"},
    {&SipFieldIds::allow, "sip.Allow"},
    {&SipFieldIds::unsupported, "sip.Unsupported"},
    {&SipFieldIds::require, "sip.Require"},
    {&SipFieldIds::min_expires, "sip.Min-Expires"},
    {&SipFieldIds::min_se, "sip.Min-SE"},
    {&SipFieldIds::security_server, "sip.Security-Server"},
    {&SipFieldIds::contact, "sip.Contact"},
    {&SipFieldIds::retry_after, "sip.Retry-After"},
    {&SipFieldIds::q850, "sip.reason_cause_q850"},
    {&SipFieldIds::reason_sip, "sip.reason_cause_sip"},
    {&SipFieldIds::reason_text, "sip.reason_text"},
    {&SipFieldIds::warning, "sip.Warning"},
    {&SipFieldIds::via_branch, "sip.Via.branch"},
    {&SipFieldIds::request_uri, "sip.r-uri"},
};

// The bytes of one SIP message in its data source.
struct Span {
    tvbuff_t *ds;
    gint begin, end;
};

class Fields {
public:
    Fields(proto_tree *tree, int id) : arr_(id > 0 ? proto_get_finfo_ptr_array(tree, id) : nullptr) {}
    guint size() const { return arr_ ? arr_->len : 0; }
    field_info *at(guint i) const { return static_cast<field_info *>(g_ptr_array_index(arr_, i)); }

    static bool within(const field_info *fi, const Span &s)
    {
        return fi->ds_tvb == s.ds && fi->start >= s.begin && fi->start < s.end;
    }
    field_info *first(const Span &s) const
    {
        for (guint i = 0; i < size(); ++i)
            if (within(at(i), s))
                return at(i);
        return nullptr;
    }
    bool any(const Span &s) const { return first(s) != nullptr; }
    std::vector<std::string> all(const Span &s) const
    {
        std::vector<std::string> out;
        for (guint i = 0; i < size() && out.size() < 16; ++i) {
            const char *v = within(at(i), s) ? fvalue_get_string(SIPCAT_FVALUE(at(i))) : nullptr;
            if (v)
                out.emplace_back(v);
        }
        return out;
    }
    std::string str(const Span &s) const
    {
        field_info *fi = first(s);
        const char *v = fi ? fvalue_get_string(SIPCAT_FVALUE(fi)) : nullptr;
        return v ? v : "";
    }
    bool uint(const Span &s, guint32 &out) const
    {
        field_info *fi = first(s);
        if (fi)
            out = fvalue_get_uinteger(SIPCAT_FVALUE(fi));
        return fi != nullptr;
    }

private:
    GPtrArray *arr_;
};

// One string per method for the whole file, so records stay small.
const char *intern(const std::string &m)
{
    static wmem_map_t *interned = nullptr;
    if (!interned)
        interned = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_str_hash, g_str_equal);
    const char *hit = static_cast<const char *>(wmem_map_lookup(interned, m.c_str()));
    if (!hit) {
        char *copy = wmem_strdup(wmem_file_scope(), m.c_str());
        wmem_map_insert(interned, copy, copy);
        hit = copy;
    }
    return hit;
}

// Printable, bounded, valid UTF-8: these end up in expert texts.
const char *shown(wmem_allocator_t *scope, const std::string &s)
{
    return SIPCAT_FORMAT_TEXT(scope, s.c_str(), MIN(s.size(), (size_t)120));
}

bool same_ignoring_case(const std::string &a, const std::string &b)
{
    return a.size() == b.size() && g_ascii_strncasecmp(a.c_str(), b.c_str(), a.size()) == 0;
}

std::vector<Span> message_spans(proto_tree *tree, const SipFieldIds &ids, const Fields &lines)
{
    std::vector<Span> spans;
    const Fields messages(tree, ids.proto_sip);
    for (guint i = 0; i < messages.size(); ++i) {
        field_info *m = messages.at(i);
        if (m->length > 0)
            spans.push_back(Span{m->ds_tvb, m->start, m->start + m->length});
    }
    if (spans.empty())  // no SIP items: each status line up to the next one
        for (guint i = 0; i < lines.size(); ++i)
            spans.push_back(Span{lines.at(i)->ds_tvb, lines.at(i)->start,
                                 i + 1 < lines.size() && lines.at(i + 1)->ds_tvb == lines.at(i)->ds_tvb
                                     ? lines.at(i + 1)->start
                                     : G_MAXINT});
    return spans;
}

uint16_t present_headers(proto_tree *tree, const SipFieldIds &ids, const Span &s)
{
    const std::pair<int, HeaderBit> map[] = {
        {ids.www_authenticate, kWwwAuthenticate}, {ids.proxy_authenticate, kProxyAuthenticate},
        {ids.allow, kAllow},                      {ids.unsupported, kUnsupported},
        {ids.require, kRequire},                  {ids.min_expires, kMinExpires},
        {ids.min_se, kMinSE},                     {ids.security_server, kSecurityServer},
        {ids.contact, kContact},
    };
    uint16_t bits = 0;
    for (const auto &[id, bit] : map)
        if (Fields(tree, id).any(s))
            bits |= bit;
    return bits;
}

bool resent(proto_tree *tree, const SipFieldIds &ids, const Span &s)
{
    field_info *fi = Fields(tree, ids.resend).first(s);
    return fi && fvalue_get_uinteger64(SIPCAT_FVALUE(fi)) != 0;
}

// Reason (RFC 3326) and Warning of one message, into its record.
void read_reason_and_warnings(proto_tree *tree, const SipFieldIds &ids, const Span &s, wmem_allocator_t *scope,
                              ResponseRecord &r)
{
    guint32 v = 0;
    r.q850 = Fields(tree, ids.q850).uint(s, v) ? static_cast<gint32>(v) : -1;
    if (Fields(tree, ids.reason_sip).uint(s, v))
        r.reason_sip = v;
    const std::string text = Fields(tree, ids.reason_text).str(s);
    if (!text.empty())
        r.reason_text = shown(scope, text);
    std::vector<WarningValue> values;
    // One value more than is kept tells that some were left out.
    for (const std::string &header : Fields(tree, ids.warning).all(s))
        for (WarningValue &w : parse_warning_header(header, kMaxWarningValues + 1 - values.size()))
            values.push_back(std::move(w));
    if (values.size() > kMaxWarningValues) {
        values.pop_back();
        r.flags |= kMoreWarnings;
    }
    if (values.empty())
        return;
    auto *items = static_cast<WarningItem *>(wmem_alloc(scope, values.size() * sizeof(WarningItem)));
    for (size_t i = 0; i < values.size(); ++i)
        items[i] = WarningItem{static_cast<guint16>(values[i].code), shown(scope, values[i].text)};
    r.warning_count = static_cast<guint32>(values.size());
    r.warnings = items;
}

// A payload left as data that starts like a SIP response ("SIP/2.0 99 ...",
// "SIP/2.0 ABC ..."): Wireshark's SIP dissector refuses a status line without
// three digits, so the user would otherwise see only "Data".
FrameRecord *undecoded_status(proto_tree *tree, const SipFieldIds &ids, wmem_allocator_t *scope)
{
    static const char kVersion[] = "SIP/2.0 ";
    const Fields data(tree, ids.proto_data);
    for (guint i = 0; i < data.size(); ++i) {
        const field_info *fi = data.at(i);
        const gint len = fi->length;
        if (!fi->ds_tvb || len < 9 || tvb_captured_length_remaining(fi->ds_tvb, fi->start) < 9)
            continue;
        const guint8 *head = tvb_get_ptr(fi->ds_tvb, fi->start, 8);
        if (g_ascii_strncasecmp(reinterpret_cast<const char *>(head), kVersion, 8) != 0)
            continue;
        const gint avail = MIN(MIN(len, tvb_captured_length_remaining(fi->ds_tvb, fi->start)), 200);
        const char *bytes = reinterpret_cast<const char *>(tvb_get_ptr(fi->ds_tvb, fi->start, avail));
        const char *end = static_cast<const char *>(memchr(bytes, '\r', static_cast<size_t>(avail)));
        const size_t line_len = end ? static_cast<size_t>(end - bytes) : static_cast<size_t>(avail);
        // Three digits and a space: the form is right. In 100..699 it is a response
        // Wireshark chose not to decode (heuristics off, an unusual port): no note.
        const bool three_digits = line_len >= 12 && g_ascii_isdigit(bytes[8]) && g_ascii_isdigit(bytes[9]) &&
                                  g_ascii_isdigit(bytes[10]) && bytes[11] == ' ';
        const guint32 code = three_digits ? (bytes[8] - '0') * 100u + (bytes[9] - '0') * 10u + (bytes[10] - '0') : 0;
        if (three_digits && code >= 100 && code <= 699)
            continue;
        auto *rec = static_cast<FrameRecord *>(wmem_alloc0(scope, sizeof(FrameRecord)));
        rec->count = 1;
        ResponseRecord &r = rec->responses[0];
        r.kind = three_digits ? ResponseKind::OutOfRange : ResponseKind::Malformed;
        r.code = code;
        r.flags = kUndecoded;
        r.q850 = -1;
        r.status_line = shown(scope, std::string(bytes, line_len));
        return rec;
    }
    return nullptr;
}

}  // namespace

void SipFieldIds::lookup()
{
    proto_sip = proto_get_id_by_filter_name("sip");
    proto_data = proto_get_id_by_filter_name("data");
    for (const Field &f : kFields)
        this->*f.member = proto_registrar_get_id_byname(f.name);
}

GArray *SipFieldIds::wanted() const
{
    GArray *a = g_array_new(FALSE, FALSE, (guint)sizeof(int));
    if (proto_sip > 0)
        g_array_append_val(a, proto_sip);
    if (proto_data > 0)
        g_array_append_val(a, proto_data);
    for (const Field &f : kFields)
        if (this->*f.member > 0)
            g_array_append_val(a, this->*f.member);
    return a;
}

FrameRecord *collect(proto_tree *tree, packet_info *pinfo, const SipFieldIds &ids, wmem_allocator_t *scope,
                     Diagnoser &diagnoser, const Catalogue *catalogue)
{
    if (!tree)
        return nullptr;
    const Fields lines(tree, ids.status_line), requests(tree, ids.request_line);
    if (lines.size() == 0 && requests.size() == 0)
        return undecoded_status(tree, ids, scope);
    const Fields codes(tree, ids.status_code), methods(tree, ids.cseq_method), seqs(tree, ids.cseq_seq),
        call_ids(tree, ids.call_id);

    std::vector<ResponseRecord> out;
    for (const Span &s : message_spans(tree, ids, lines)) {
        guint32 cseq = 0;
        seqs.uint(s, cseq);
        const std::string method = methods.str(s);
        if (requests.any(s)) {
            const std::string call_id = call_ids.str(s), branch = Fields(tree, ids.via_branch).str(s);
            RequestFacts r;
            r.call_id = call_id;
            r.branch = branch;  // the first Via is the top one
            r.cseq = cseq;
            r.method = method;
            r.in_dialog = Fields(tree, ids.to_tag).any(s);
            r.authorization = Fields(tree, ids.authorization).any(s);
            r.proxy_authorization = Fields(tree, ids.proxy_authorization).any(s);
            std::string nonce;
            if (r.authorization || r.proxy_authorization)
                nonce = Fields(tree, ids.auth_nonce).str(s);
            r.nonce = nonce;
            r.frame = pinfo->num;
            r.resend = resent(tree, ids, s);
            // The record responses name: once per request, only when it opens a transaction.
            if (const void **slot = diagnoser.on_request(r)) {
                auto *req = static_cast<RequestRecord *>(wmem_alloc0(scope, sizeof(RequestRecord)));
                const std::string uri = Fields(tree, ids.request_uri).str(s);
                if (!uri.empty())
                    req->uri = shown(scope, uri);
                if (r.authorization || r.proxy_authorization) {
                    const std::string user(unquote(Fields(tree, ids.auth_username).str(s)));
                    if (!user.empty())
                        req->username = shown(scope, user);
                }
                *slot = req;
            }
            // A request that says why (BYE, CANCEL with Reason) gets its own
            // annotation; others leave nothing in the file's memory.
            if (!r.resend && (Fields(tree, ids.q850).any(s) || Fields(tree, ids.reason_sip).any(s))) {
                ResponseRecord why{};
                read_reason_and_warnings(tree, ids, s, scope, why);
                if (why.q850 >= 0 || why.reason_sip) {
                    why.kind = ResponseKind::Request;
                    if (!method.empty())
                        why.method = intern(method);
                    out.push_back(why);
                }
            }
            continue;
        }
        field_info *line = lines.first(s);
        if (!line)
            continue;
        ResponseRecord r{};
        r.q850 = -1;
        if (!method.empty())
            r.method = intern(method);
        const Span in_line{line->ds_tvb, line->start, line->start + line->length};
        if (!codes.uint(in_line, r.code)) {
            r.kind = ResponseKind::Malformed;
            const char *text = fvalue_get_string(SIPCAT_FVALUE(line));
            r.status_line = shown(scope, text ? text : "");
            out.push_back(r);
            continue;
        }
        r.kind = (r.code >= 100 && r.code <= 699) ? ResponseKind::Ok : ResponseKind::OutOfRange;
        if (r.kind != ResponseKind::Ok) {
            out.push_back(r);
            continue;
        }
        read_reason_and_warnings(tree, ids, s, scope, r);
        const std::string call_id = call_ids.str(s), branch = Fields(tree, ids.via_branch).str(s);
        ResponseFacts f;
        f.call_id = call_id;
        f.branch = branch;
        f.cseq = cseq;
        f.method = method;
        f.code = r.code;
        f.headers = present_headers(tree, ids, s);
        f.stale = flag_is_true(Fields(tree, ids.auth_stale).str(s));
        std::vector<std::string> nonces;
        if (r.code == 401 || r.code == 407)
            nonces = Fields(tree, ids.auth_nonce).all(s);
        for (const std::string &n : nonces)
            if (f.nonce_count < f.nonces.size())
                f.nonces[f.nonce_count++] = n;
        f.resend = resent(tree, ids, s);
        f.q850 = r.q850;
        f.frame = pinfo->num;
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
        if (Fields(tree, ids.retry_after).uint(s, r.retry_after))
            r.flags |= kHasRetryAfter;
        std::string phrase = Fields(tree, ids.reason_phrase).str(s);
        if (phrase.empty()) {
            const char *text = fvalue_get_string(SIPCAT_FVALUE(line));
            phrase = std::string(phrase_from_status_line(text ? text : ""));
        }
        const Entry *e = catalogue ? catalogue->find(r.code) : nullptr;
        if (!d.retransmission && e && !phrase.empty() && !same_ignoring_case(phrase, e->reason))
            r.phrase = shown(scope, phrase);
        out.push_back(r);
    }
    if (out.empty())
        return nullptr;
    auto *rec = static_cast<FrameRecord *>(
        wmem_alloc0(scope, sizeof(FrameRecord) + (out.size() - 1) * sizeof(ResponseRecord)));
    rec->count = static_cast<guint32>(out.size());
    for (size_t i = 0; i < out.size(); ++i)
        rec->responses[i] = out[i];
    return rec;
}

}  // namespace sipcat::ws
