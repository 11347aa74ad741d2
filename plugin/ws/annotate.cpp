// The post-dissector: computes on the first pass, keeps the result per frame,
// and adds the subtree and expert items from it on every pass.
#include "sipcat_plugin.h"

#include <algorithm>
#include <initializer_list>
#include <string>
#include <vector>

#include <epan/proto_data.h>
#include <epan/tap.h>

#include "catalogue.h"
#include "diagnosis.h"
#include "header_explanations.h"
#include "overrides.h"
#include "overrides_uat.h"
#include "readers.h"
#include "sip_resend.h"
#include "stats.h"

namespace sipcat::ws {

namespace {

// The C++ strings of the core are copied into a wmem pool before any epan call:
// epan may longjmp past C++ destructors, so no std::string lives across one.
const char *pooled(wmem_allocator_t *scope, const std::string &s) { return wmem_strdup(scope, s.c_str()); }

const char *render(wmem_allocator_t *scope, const char *name, const char *lang,
                   std::initializer_list<std::pair<const char *, const char *>> kv = {})
{
    std::vector<std::pair<std::string_view, std::string>> values;
    for (const auto &[k, v] : kv)
        values.emplace_back(k, v);
    return pooled(scope, catalogue()->render(name, lang, values));
}

// Expert items (and their texts) only for a reader of them (readers.h).
bool experts_wanted = true;

const char *number(wmem_allocator_t *scope, guint32 n) { return wmem_strdup_printf(scope, "%u", n); }

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

proto_item *add_string(proto_tree *tree, int hf, tvbuff_t *tvb, const char *value)
{
    proto_item *it = proto_tree_add_string(tree, hf, tvb, 0, 0, value);
    proto_item_set_generated(it);
    return it;
}

// A tree label holds 240 bytes; longer texts are also shown whole, line by line.
void add_lines(proto_item *item, tvbuff_t *tvb, const std::vector<std::string> &lines)
{
    if (!item || lines.empty() || !settings.wrap_long_text)
        return;
    proto_tree *sub = proto_item_add_subtree(item, ids.ett_text);
    for (const std::string &line : lines)
        proto_tree_add_subtree(sub, tvb, 0, 0, ids.ett_text, nullptr, line.c_str());
}

void add_diagnosis(tvbuff_t *tvb, packet_info *pinfo, proto_item *ti, proto_tree *st, const ResponseRecord &r,
                   unsigned cls, const char *lang)
{
    if (r.request_frame)
        proto_item_set_generated(proto_tree_add_uint(st, ids.hf_request_frame, tvb, 0, 0, r.request_frame));
    if (r.request_uri)
        add_string(st, ids.hf_request_uri, tvb, r.request_uri);
    if (r.flags & kRetransmission) {
        proto_item_set_generated(proto_tree_add_boolean(st, ids.hf_retransmission, tvb, 0, 0, TRUE));
        return;
    }
    const auto auth = static_cast<AuthState>(r.auth);
    if (auth != AuthState::None)
        add_string(st, ids.hf_auth, tvb, auth_state_name(auth));
    if (cls >= 3)
        proto_item_set_generated(proto_tree_add_boolean(st, ids.hf_expected, tvb, 0, 0, (r.flags & kExpected) != 0));
    const auto outcome = static_cast<CallOutcome>(r.outcome);
    if (outcome != CallOutcome::None)
        add_string(st, ids.hf_outcome, tvb, call_outcome_name(outcome));
    if (r.flags & kHasRetryAfter)
        proto_item_set_generated(proto_tree_add_uint(st, ids.hf_retry_after, tvb, 0, 0, r.retry_after));

    if (!experts_wanted)
        return;
    const char *code = number(pinfo->pool, r.code);
    if (auth == AuthState::Rejected) {
        const char *challenges = number(pinfo->pool, r.challenges);
        const char *text = r.username ? render(pinfo->pool, "auth-rejected", lang,
                                               {{"code", code}, {"user", r.username}, {"challenges", challenges}})
                                      : render(pinfo->pool, "auth-loop", lang, {{"code", code}, {"challenges", challenges}});
        expert_add_info_format(pinfo, ti, &ids.ei_auth_rejected, "%s", text);
    }
    for (int b = 0; b < kHeaderBitCount; ++b) {
        if (r.missing & (1u << b)) {
            const char *text = render(pinfo->pool, "missing-header", lang,
                                      {{"code", code}, {"header", header_name(static_cast<HeaderBit>(1u << b))}});
            expert_add_info_format(pinfo, ti, &ids.ei_missing_header, "%s", text);
        }
    }
    if (r.phrase) {
        const Entry *e = catalogue()->find(r.code);
        const char *text = render(pinfo->pool, "phrase-differs", lang,
                                  {{"code", code}, {"wire", r.phrase}, {"registered", e ? e->reason.c_str() : ""}});
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
        proto_item_set_generated(proto_tree_add_uint(st, ids.hf_q850_cause, tvb, 0, 0, static_cast<guint32>(r.q850)));
        add_string(st, ids.hf_q850_explanation, tvb, text);
        lead = text;
    }
    if (r.reason_sip) {
        const char *text = pooled(pinfo->pool, explain_reason_sip(*catalogue(), r.reason_sip, lang));
        proto_item_set_generated(proto_tree_add_uint(st, ids.hf_reason_sip_cause, tvb, 0, 0, r.reason_sip));
        add_string(st, ids.hf_reason_sip_explanation, tvb, text);
        if (!lead)
            lead = text;
    }
    if (r.reason_text)
        add_string(st, ids.hf_reason_text, tvb, r.reason_text);
    if (lead && experts_wanted) {
        const char *quoted = r.reason_text ? wmem_strdup_printf(pinfo->pool, "\"%s\"", r.reason_text) : "";
        const char *text = render(pinfo->pool, "reason-lead", lang, {{"explanation", lead}, {"text", quoted}});
        expert_add_info_format(pinfo, ti, &ids.ei_reason, "%s", text);
    }
    for (guint32 i = 0; i < r.warning_count; ++i) {
        const WarningItem &w = r.warnings[i];
        const char *text = pooled(pinfo->pool, explain_warning(*catalogue(), w.code, lang));
        proto_item_set_generated(proto_tree_add_uint(st, ids.hf_warning_code, tvb, 0, 0, w.code));
        add_string(st, ids.hf_warning_text, tvb, w.text);
        add_string(st, ids.hf_warning_explanation, tvb, text);
        if (!experts_wanted)
            continue;
        const char *lead_text = render(pinfo->pool, "warning-lead", lang,
                                       {{"code", number(pinfo->pool, w.code)}, {"text", w.text}, {"explanation", text}});
        expert_add_info_format(pinfo, ti, &ids.ei_warning, "%s", lead_text);
    }
    if ((r.flags & kMoreWarnings) && experts_wanted)
        expert_add_info_format(pinfo, ti, &ids.ei_warning, "%s",
                               render(pinfo->pool, "warnings-cut", lang, {{"count", number(pinfo->pool, r.warning_count)}}));
}

void add_known_response(tvbuff_t *tvb, packet_info *pinfo, proto_item *ti, proto_tree *st,
                        const ResponseRecord &r, const char *lang)
{
    const char *method = r.method ? r.method : "";
    const Annotation a = catalogue()->annotate(r.code, lang, method);
    if (!a.entry)
        return;
    const Resolved res = overrides().resolve(*catalogue(), a, lang, method);
    const TextVariant &t = *res.text;
    const char *reason = a.known ? a.entry->reason.c_str() : render(pinfo->pool, "unregistered-reason", lang);
    proto_item_append_text(ti, ": %u %s (%s)", r.code, reason, class_name(a.cls));

    proto_item_set_generated(proto_tree_add_uint(st, ids.hf_class, tvb, 0, 0, a.cls));
    if (a.known)
        add_string(st, ids.hf_reason, tvb, a.entry->reason.c_str());
    add_string(st, ids.hf_summary, tvb, t.summary.c_str());
    add_lines(add_string(st, ids.hf_explanation, tvb, t.explanation.c_str()), tvb, t.explanation_lines);
    add_lines(add_string(st, ids.hf_remedy, tvb, t.remedy.c_str()), tvb, t.remedy_lines);
    add_string(st, ids.hf_rfc, tvb, a.entry->rfc.c_str());
    if (!t.note.empty())
        add_string(st, ids.hf_note, tvb, t.note.c_str());
    if (a.known)
        add_string(st, ids.hf_status, tvb, status_name(a.entry->status));
    if (r.method)
        add_string(st, ids.hf_method, tvb, r.method);
    proto_item_set_generated(proto_tree_add_boolean(st, ids.hf_known, tvb, 0, 0, a.known));
    add_string(st, ids.hf_source, tvb, res.user ? "user" : "builtin");

    add_reason_and_warnings(tvb, pinfo, ti, st, r, lang);
    const std::string &text = settings.remedy_in_expert ? t.expert_with_remedy : t.expert;
    const char *retry = (r.flags & kHasRetryAfter) && experts_wanted
                            ? render(pinfo->pool, "retry-after", lang, {{"seconds", number(pinfo->pool, r.retry_after)}})
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
                     bool experts)
{
    experts_wanted = experts;
    if (!catalogue())
        return;
    const char *lang = current_language();
    for (guint32 i = 0; i < rec.count; ++i) {
        const ResponseRecord &r = rec.responses[i];
        proto_item *ti = proto_tree_add_item(tree, ids.proto, tvb, 0, 0, ENC_NA);
        proto_item_set_generated(ti);
        // Without a reader of our fields, a NULL subtree makes every field call return at once.
        proto_tree *st = fields ? proto_item_add_subtree(ti, ids.ett) : nullptr;
        if (r.kind == ResponseKind::Request) {
            proto_item_append_text(ti, ": %s", r.method ? r.method : "");
            if (r.method)
                add_string(st, ids.hf_method, tvb, r.method);
            add_reason_and_warnings(tvb, pinfo, ti, st, r, lang);
            continue;
        }
        if (r.kind != ResponseKind::Malformed)
            proto_item_set_generated(proto_tree_add_uint(st, ids.hf_code, tvb, 0, 0, r.code));
        if (r.kind == ResponseKind::Ok) {
            add_known_response(tvb, pinfo, ti, st, r, lang);
            continue;
        }
        if (r.method)
            add_string(st, ids.hf_method, tvb, r.method);
        if (r.kind == ResponseKind::OutOfRange)
            proto_item_append_text(ti, ": %u", r.code);
        if (!experts_wanted)
            continue;
        const char *note;
        if (r.kind == ResponseKind::OutOfRange) {
            note = render(pinfo->pool, "out-of-range", lang, {{"code", number(pinfo->pool, r.code)}});
        } else {
            note = render(pinfo->pool, (r.flags & kUndecoded) ? "undecoded-status" : "malformed-status", lang,
                          {{"line", r.status_line ? r.status_line : ""}});
        }
        expert_add_info_format(pinfo, ti, &ids.ei_bad_status, "%s", note);
    }
}

// Frames fed to the diagnoser so far: only in capture order.
guint32 computed_upto = 0;

}  // namespace

void reset_reading() { computed_upto = 0; }

int dissect(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *)
{
    const Readers want = readers(tree, pinfo);
    if (!want.any() && !(tree && computes_always())) {
        if (!tree)
            note_expert_tap_without_tree(pinfo);
        return 0;
    }
    auto *rec = static_cast<FrameRecord *>(p_get_proto_data(wmem_file_scope(), pinfo, ids.proto, 0));
    // The first pass, or a later one that arrives in order after a first pass
    // without a tree (tshark -2 -V): read the frame now.
    if (!rec && tree && pinfo->num > computed_upto) {
        computed_upto = pinfo->num;
        rec = collect(tree, pinfo, ids.sip, wmem_file_scope(), diagnoser(), resends(), catalogue());
        if (rec)
            p_add_proto_data(wmem_file_scope(), pinfo, ids.proto, 0, rec);
    }
    if (!rec)
        return 0;
    if (want.fields || want.experts)
        add_annotations(tvb, pinfo, tree, *rec, want.fields, want.experts);
    queue_for_taps(pinfo, rec);
    return tvb_captured_length(tvb);
}

}  // namespace sipcat::ws
