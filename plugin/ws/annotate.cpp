// The post-dissector: computes on the first pass, keeps the result per frame,
// and adds the subtree and expert items from it on every pass.
#include "sipcat_plugin.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <epan/proto_data.h>
#include <epan/tap.h>

#include "catalogue.h"
#include "diagnosis.h"
#include "header_explanations.h"
#include "labels.h"
#include "overrides.h"
#include "overrides_uat.h"
#include "readers.h"
#include "sip_resend.h"
#include "silence_watch.h"
#include "stats.h"
#include "text_wrap.h"
#include "tree_items.h"
#include "tree_labels.h"

namespace sipcat::ws {

namespace {

// The C++ strings of the core are copied into a wmem pool before any epan call:
// epan may longjmp past C++ destructors, so no std::string lives across one.
const char *pooled(wmem_allocator_t *scope, const std::string &s) { return wmem_strdup(scope, s.c_str()); }

// A message (messages.h) rendered into the scope.
template <class M> const char *render(wmem_allocator_t *scope, const M &m, const char *lang)
{
    return pooled(scope, catalogue()->render(m, lang));
}

// Expert items (and their texts) only for a reader of them (readers.h).
bool experts_wanted = true;

// Not wmem_strdup_printf: a printf per response costs more than the rest of its expert line.
const char *number(wmem_allocator_t *scope, guint32 n)
{
    char *out = static_cast<char *>(wmem_alloc(scope, 11));
    *std::to_chars(out, out + 10, n).ptr = '\0';
    return out;
}

// "2, 6": the earlier challenges of a loop; "..., 31, 41, 51, 61" when older ones are left out.
const char *frame_list(wmem_allocator_t *scope, const ResponseRecord &r)
{
    wmem_strbuf_t *buf = wmem_strbuf_new(scope, r.loop_frame_count + 1u < r.auth_loop ? "..." : "");
    for (guint8 i = 0; i < r.loop_frame_count; ++i)
        wmem_strbuf_append_printf(buf, "%s%u", wmem_strbuf_get_len(buf) ? ", " : "", r.loop_frames[i]);
    return wmem_strbuf_get_str(buf);
}

// The class gives the severity (a preference per class); expected failures
// are lowered (a first challenge to chat, others to note); a user row's
// severity beats both. Unset: no `sipcat.response` item.
Severity severity_for(const ResponseRecord &r, unsigned cls, Severity from_user)
{
    if (from_user != Severity::Unset)
        return from_user;
    Severity s = cls >= 1 && cls <= 6 ? static_cast<Severity>(settings.class_severity[cls]) : Severity::Error;
    if (s == Severity::Off || s == Severity::Unset)
        return Severity::Off;
    if (r.flags & kExpected) {
        const bool challenge = r.auth == static_cast<guint8>(AuthState::Challenge) ||
                               r.auth == static_cast<guint8>(AuthState::Stale);
        s = std::min(s, challenge ? Severity::Chat : Severity::Note);
    }
    return s;
}

expert_field *response_expert(Severity s)
{
    switch (s) {
    case Severity::Chat: return &ids.ei_response[kChat];
    case Severity::Note: return &ids.ei_response[kNote];
    case Severity::Warning: return &ids.ei_response[kWarn];
    case Severity::Error: return &ids.ei_response[kError];
    default: return nullptr;
    }
}

// "Client Error", "Client-Fehler": the class in the chosen language.
const char *class_text(unsigned cls) { return cls >= 1 && cls <= 6 ? label(class_message(cls)) : ""; }

void add_diagnosis(tvbuff_t *tvb, packet_info *pinfo, proto_item *ti, proto_tree *st, const ResponseRecord &r,
                   unsigned cls, const char *lang)
{
    if (r.request_frame)
        add_uint(st, ids.hf_request_frame, tvb, r.request_frame);
    if (r.request && r.request->uri)
        add_string(st, ids.hf_request_uri, tvb, r.request->uri);
    if (r.flags & kRetransmission) {
        add_bool(st, ids.hf_retransmission, tvb, true);
        return;
    }
    const auto auth = static_cast<AuthState>(r.auth);
    if (auth != AuthState::None)
        add_string(st, ids.hf_auth, tvb, auth_state_name(auth), auth_message(auth), true);
    // A flag the Wireshark way (like tcp.analysis.retransmission): present only
    // when true, so that `!sipcat.expected` means "not expected".
    if (cls >= 3 && (r.flags & kExpected))
        add_bool(st, ids.hf_expected, tvb, true);
    const auto outcome = static_cast<CallOutcome>(r.outcome);
    if (outcome != CallOutcome::None)
        add_string(st, ids.hf_outcome, tvb, call_outcome_name(outcome), outcome_message(outcome), true);
    if (r.flags & kHasRetryAfter)
        add_uint(st, ids.hf_retry_after, tvb, r.retry_after);

    if (r.auth_loop)
        add_uint(st, ids.hf_auth_loop, tvb, r.auth_loop);
    if (!experts_wanted)
        return;
    const char *code = number(pinfo->pool, r.code);
    if (auth == AuthState::Rejected) {
        const char *user = r.request ? r.request->username : nullptr;
        const char *text = user ? render(pinfo->pool, msg::AuthRejected(code, user), lang)
                                : render(pinfo->pool, msg::AuthRejectedAnonymous(code), lang);
        expert_add_info_format(pinfo, ti, &ids.ei_auth_rejected, "%s", text);
    }
    if (auth == AuthState::CancelChallenged)
        expert_add_info_format(pinfo, ti, &ids.ei_cancel_challenged, "%s",
                               render(pinfo->pool, msg::CancelChallenged(code), lang));
    if (r.auth_loop) {
        const char *text = render(pinfo->pool, msg::AuthLoop(code, r.auth_loop, frame_list(pinfo->pool, r)), lang);
        expert_add_info_format(pinfo, ti, &ids.ei_auth_loop, "%s", text);
    }
    for (int b = 0; b < kHeaderBitCount; ++b) {
        if (r.missing & (1u << b)) {
            const char *text = render(
                pinfo->pool, msg::MissingHeader(code, header_name(static_cast<HeaderBit>(1u << b))), lang);
            expert_add_info_format(pinfo, ti, &ids.ei_missing_header, "%s", text);
        }
    }
    if (r.phrase) {
        const Entry *e = catalogue()->find(r.code);
        const char *text =
            render(pinfo->pool, msg::PhraseDiffers(code, r.phrase, e ? e->reason.view() : ""), lang);
        expert_add_info_format(pinfo, ti, &ids.ei_phrase_differs, "%s", text);
    }
}

// Reason and Warning headers. The Reason's expert item comes first: it says
// more about the cause than the code does.
void add_reason_and_warnings(tvbuff_t *tvb, packet_info *pinfo, proto_item *ti, proto_tree *st,
                             const ResponseRecord &r, const char *lang)
{
    const char *lead = nullptr;
    if (r.q850 >= 0) {
        const char *text = pooled(pinfo->pool, explain_q850(*catalogue(), static_cast<unsigned>(r.q850), lang));
        add_uint(st, ids.hf_q850_cause, tvb, static_cast<guint32>(r.q850));
        add_string(st, ids.hf_q850_explanation, tvb, text);
        lead = text;
    }
    if (r.reason_sip) {
        const char *text = pooled(pinfo->pool, explain_reason_sip(*catalogue(), r.reason_sip, lang));
        add_uint(st, ids.hf_reason_sip_cause, tvb, r.reason_sip);
        add_string(st, ids.hf_reason_sip_explanation, tvb, text);
        if (!lead)
            lead = text;
    }
    if (r.reason_text)
        add_string(st, ids.hf_reason_text, tvb, r.reason_text);
    if (lead && experts_wanted) {
        const char *quoted = r.reason_text ? wmem_strdup_printf(pinfo->pool, "\"%s\"", r.reason_text) : "";
        const char *text = render(pinfo->pool, msg::ReasonLead(lead, quoted), lang);
        expert_add_info_format(pinfo, ti, &ids.ei_reason, "%s", text);
    }
    for (guint32 i = 0; i < r.warning_count; ++i) {
        const WarningItem &w = r.warnings[i];
        const char *text = pooled(pinfo->pool, explain_warning(*catalogue(), w.code, lang));
        add_uint(st, ids.hf_warning_code, tvb, w.code);
        add_string(st, ids.hf_warning_text, tvb, w.text);
        add_string(st, ids.hf_warning_explanation, tvb, text);
        if (!experts_wanted)
            continue;
        const WarnCode *known = catalogue()->warning(w.code);
        const char *lead_text =
            known ? render(pinfo->pool, msg::WarningLeadDefined(number(pinfo->pool, w.code), w.text, known->rfc.view(), text),
                           lang)
                  : render(pinfo->pool, msg::WarningLead(number(pinfo->pool, w.code), w.text, text), lang);
        expert_add_info_format(pinfo, ti, &ids.ei_warning, "%s", lead_text);
    }
    if ((r.flags & kMoreWarnings) && experts_wanted)
        expert_add_info_format(pinfo, ti, &ids.ei_warning, "%s",
                               render(pinfo->pool, msg::WarningsCut(r.warning_count), lang));
}

// The title of sipcat's item, set in one go below (appending would first build
// the default label); the protocol's name unless a language of ours replaces it.
const char *title() { return localized() ? label(MessageId::LabelTitle) : proto_get_protocol_name(ids.proto); }
// Joined here and labelled with "%s": cheaper than Wireshark's printf of the parts.
void set_text(proto_item *ti, std::initializer_list<const char *> parts)
{
    char buf[ITEM_LABEL_LENGTH];
    size_t n = 0;
    for (const std::string_view part : parts) {
        const size_t len = utf8_cut(part, sizeof buf - 1 - n);
        std::memcpy(buf + n, part.data(), len);
        n += len;
        if (len < part.size())  // cut
            break;
    }
    buf[n] = '\0';
    proto_item_set_text(ti, "%s", buf);
}
// Only for a reader of the text (readers.h): Wireshark formats it at once.
bool titled = true;
void set_title(proto_item *ti)
{
    if (ti && titled && localized())
        proto_item_set_text(ti, "%s", title());
}

void add_known_response(tvbuff_t *tvb, packet_info *pinfo, proto_item *ti, proto_tree *st,
                        const ResponseRecord &r, const char *lang)
{
    const char *method = r.method ? r.method : "";
    const Annotation a = catalogue()->annotate(r.code, lang, method);
    if (!a.entry) {
        set_title(ti);
        return;
    }
    const Resolved res = overrides().resolve(*catalogue(), a, lang, method);
    const TextVariant &t = *res.text;
    const char *reason = a.known ? a.entry->reason.c_str() : render(pinfo->pool, msg::UnregisteredReason(), lang);
    if (titled)
        set_text(ti, {title(), ": ", number(pinfo->pool, r.code), " ", reason, " (", class_text(a.cls), ")"});

    if (const char *label = st ? field_label(ids.hf_class) : nullptr)
        proto_item_set_generated(proto_tree_add_uint_format(st, ids.hf_class, tvb, 0, 0, a.cls, "%s: %s (%u)", label,
                                                            class_text(a.cls), a.cls));
    else
        proto_item_set_generated(proto_tree_add_uint(st, ids.hf_class, tvb, 0, 0, a.cls));
    if (a.known)
        add_string(st, ids.hf_reason, tvb, a.entry->reason.c_str());
    add_string(st, ids.hf_summary, tvb, t.summary.c_str());
    add_long_text(st, ids.hf_explanation, tvb, t.explanation, t.explanation_lines);
    add_long_text(st, ids.hf_remedy, tvb, t.remedy, t.remedy_lines);
    proto_item *rfc = add_string(st, ids.hf_rfc, tvb, a.entry->rfc.c_str());
    if (!rfc && read_by_someone(st, ids.hf_basis))  // sipcat.basis hangs on sipcat.rfc
        proto_item_set_generated(rfc = proto_tree_add_string(st, ids.hf_rfc, tvb, 0, 0, a.entry->rfc.c_str()));
    if (rfc && !t.basis.empty())
        add_long_text(proto_item_add_subtree(rfc, ids.ett_rfc), ids.hf_basis, tvb, t.basis, t.basis_lines);
    if (!t.note.empty())
        add_string(st, ids.hf_note, tvb, t.note.c_str());
    if (a.known)
        add_string(st, ids.hf_status, tvb, status_name(a.entry->status), status_message(a.entry->status), true);
    if (r.method)
        add_string(st, ids.hf_method, tvb, r.method);
    add_bool(st, ids.hf_known, tvb, a.known);
    add_string(st, ids.hf_source, tvb, res.user ? "user" : "builtin",
               res.user ? MessageId::SourceUser : MessageId::SourceBuiltin, true);

    add_reason_and_warnings(tvb, pinfo, ti, st, r, lang);
    const Text text = settings.remedy_in_expert ? t.expert_with_remedy : t.expert;
    const char *retry = (r.flags & kHasRetryAfter) && experts_wanted
                            ? render(pinfo->pool, msg::RetryAfter(number(pinfo->pool, r.retry_after)), lang)
                            : nullptr;
    expert_field *ei = experts_wanted ? response_expert(severity_for(r, a.cls, res.severity)) : nullptr;
    if (ei)
        expert_add_info_format(pinfo, ti, ei, "%s%s%s", text.c_str(), retry ? " " : "", retry ? retry : "");
    // A code the user's table explains is not unknown to this user.
    if (!a.known && res.text == a.text && experts_wanted)
        expert_add_info_format(pinfo, ti, &ids.ei_unknown_code, "%s", t.summary.c_str());
    add_diagnosis(tvb, pinfo, ti, st, r, a.cls, lang);
}

void add_annotations(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const FrameRecord &rec, bool fields,
                     bool experts, bool final)
{
    experts_wanted = experts;
    titled = reading().titles;
    if (!catalogue())
        return;
    const char *lang = current_language();
    // Each record's item and subtree, for the silence findings that follow its own items.
    proto_item **items = rec.silence ? wmem_alloc_array(pinfo->pool, proto_item *, rec.count) : nullptr;
    proto_tree **trees = rec.silence ? wmem_alloc_array(pinfo->pool, proto_tree *, rec.count) : nullptr;
    for (guint32 i = 0; i < rec.count; ++i) {
        const ResponseRecord &r = rec.responses[i];
        proto_item *ti = add_own_item(tree, ids.proto, tvb);
        proto_item_set_generated(ti);
        // Without a reader of our fields, a NULL subtree makes every field call return at once.
        proto_tree *st = fields ? proto_item_add_subtree(ti, ids.ett) : nullptr;
        if (items) {
            items[i] = ti;
            trees[i] = st;
        }
        if (r.kind == ResponseKind::Request) {
            if (titled)
                proto_item_set_text(ti, "%s: %s", title(), r.method ? r.method : "");
            if (r.method)
                add_string(st, ids.hf_method, tvb, r.method);
            add_reason_and_warnings(tvb, pinfo, ti, st, r, lang);
            continue;
        }
        if (r.kind != ResponseKind::Malformed)
            add_uint(st, ids.hf_code, tvb, r.code);
        if (r.kind == ResponseKind::Ok) {
            add_known_response(tvb, pinfo, ti, st, r, lang);
            continue;
        }
        if (r.method)
            add_string(st, ids.hf_method, tvb, r.method);
        if (r.kind != ResponseKind::OutOfRange)
            set_title(ti);
        else if (titled)
            proto_item_set_text(ti, "%s: %u", title(), r.code);
        if (!experts_wanted)
            continue;
        const char *note;
        if (r.kind == ResponseKind::OutOfRange) {
            note = render(pinfo->pool, msg::OutOfRange(number(pinfo->pool, r.code)), lang);
        } else {
            const char *line = r.status_line ? r.status_line : "";
            note = (r.flags & kUndecoded) ? render(pinfo->pool, msg::UndecodedStatus(line), lang)
                                          : render(pinfo->pool, msg::MalformedStatus(line), lang);
        }
        expert_add_info_format(pinfo, ti, &ids.ei_bad_status, "%s", note);
    }
    for (guint32 i = 0; items && i < rec.count; ++i)
        add_silence_on_record(tvb, pinfo, items[i], trees[i], rec, i, final, experts, lang);
    add_silence_requests(tvb, pinfo, tree, rec, fields, titled, final, experts, lang);
}

// Frames fed to the diagnoser so far: only in capture order.
guint32 computed_upto = 0;

// Everything but a frame without SIP in a run that has a tree: kept out of
// line, so that such a frame pays no prologue for it. `found`: dissect() saw
// the top-level `sip` or `data` items collect() reads, so the layers need no walk.
[[gnu::noinline]] int dissect_frame(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, bool found)
{
    if (stand_down_if_unread(tree, pinfo))
        return 0;
    Readers want = tree ? Readers{} : readers(tree, pinfo);  // without a tree: the taps only, cheap
    if (!tree && !want.any()) {
        note_expert_tap_without_tree(pinfo);
        return 0;
    }
    if (!found && !carries_sip(pinfo, ids.sip.proto_sip, ids.sip.proto_data))
        return 0;
    if (tree)
        want = readers(tree, pinfo);
    if (tree && want.any())
        keep_sip_items_real(tree, pinfo);
    set_reading(want);
    if (!want.any() && !(tree && computes_always()))
        return 0;
    auto *rec = static_cast<FrameRecord *>(p_get_proto_data(wmem_file_scope(), pinfo, ids.proto, 0));
    // Made on an earlier pass: the whole capture was read, the watches tell how things ended.
    const bool final = rec != nullptr;
    // The first pass, or a later one that arrives in order after a first pass
    // without a tree (tshark -2 -V): read the frame now.
    if (!rec && tree && pinfo->num > computed_upto) {
        computed_upto = pinfo->num;
        // tshark's last pass reads no frame again: the record goes with the packet (readers.h).
        const bool keep = !in_last_pass();
        rec = collect(tree, pinfo, ids.sip, keep ? wmem_file_scope() : pinfo->pool, wmem_file_scope(), diagnoser(),
                      resends(), catalogue());
        if (rec && keep)
            p_add_proto_data(wmem_file_scope(), pinfo, ids.proto, 0, rec);
    }
    if (!rec) {
        if (!tree)
            note_expert_tap_without_tree(pinfo);
        return 0;
    }
    // A handle without a protocol leaves pinfo's protocol as it was: expert items name sipcat.
    const char *caller = pinfo->current_proto;
    pinfo->current_proto = "SIPCAT";
    if (want.fields || want.experts)
        add_annotations(tvb, pinfo, tree, *rec, want.fields, want.experts, final);
    set_silence_final(final);
    queue_for_taps(pinfo, rec);
    pinfo->current_proto = caller;
    return tvb_captured_length(tvb);
}

}  // namespace

void reset_reading() { computed_upto = 0; }

// Post-dissectors are called for every frame, most of which carry no SIP. A
// first pass reads only the top-level items (collect); a later one may find a
// record kept from it, which dissect_frame() looks for by the frame's layers.
int dissect(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *)
{
    if (G_UNLIKELY(is_off()))
        return 0;
    const bool looked = tree && !deciding() && !PINFO_FD_VISITED(pinfo);
    if (G_LIKELY(looked && !holds_sip_items(tree, ids.sip)))
        return 0;
    return dissect_frame(tvb, pinfo, tree, looked);
}

}  // namespace sipcat::ws
