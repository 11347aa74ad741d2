#include "silence_watch.h"

#include <cstring>
#include <string>
#include <vector>

#include <epan/expert.h>

#include "catalogue.h"
#include "readers.h"
#include "sip_message.h"
#include "sip_reader.h"
#include "sipcat_plugin.h"
#include "tree_items.h"
#include "tree_labels.h"

namespace sipcat::ws {

namespace {

// Watch::owner of a watch on the heap: made in tshark's last pass, where no
// later pass reads a finding, so it goes when the watcher lets go of it.
constexpr uint8_t kOnHeap = 1;

Watch *alloc_watch(void *)
{
    if (!in_last_pass())
        return static_cast<Watch *>(wmem_alloc0(wmem_file_scope(), sizeof(Watch)));
    auto *w = g_new0(Watch, 1);
    w->owner = kOnHeap;
    return w;
}

void release_watch(void *, Watch *w)
{
    if (w->owner == kOnHeap)
        free_at_next_frame(w);  // the frame's record and taps may still read it
}

SilenceWatcher watcher(&alloc_watch, nullptr, &release_watch);
// The findings of the frame being read; the capacity stays, so no allocation per frame.
std::vector<SilenceItem> pending_items;

double seconds(const nstime_t &t) { return static_cast<double>(t.secs) + t.nsecs / 1e9; }

// epan may longjmp: the C++ string is copied into the packet pool before any epan call.
template <class M> const char *render(packet_info *pinfo, const M &m, const char *lang)
{
    return wmem_strdup(pinfo->pool, catalogue()->render(m, lang).c_str());
}
const char *text(packet_info *pinfo, MessageId id, const char *lang)
{
    return wmem_strdup(pinfo->pool, catalogue()->text(id, lang).c_str());
}
// Seconds with the language's decimal mark ("31,5" in German).
const char *secs(packet_info *pinfo, double s, const char *lang, const char *format = "%.1f")
{
    // g_ascii_formatd: a '.' whatever LC_NUMERIC says (tshark calls setlocale).
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    char *out = wmem_strdup(pinfo->pool, g_ascii_formatd(buf, sizeof buf, format, s));
    const std::string mark = catalogue()->text(MessageId::DecimalMark, lang);
    if (mark.size() == 1)
        for (char *c = out; *c; ++c)
            if (*c == '.')
                *c = mark[0];
    return out;
}

// Unlike add_bool, added for every tree: the finding's texts may hang below it.
proto_item *add_flag(proto_tree *st, int hf, tvbuff_t *tvb)
{
    const char *label = st ? field_label(hf) : nullptr;
    proto_item *it = label ? proto_tree_add_boolean_format(st, hf, tvb, 0, 0, TRUE, "%s: %s", label,
                                                           ws::label(MessageId::ValueTrue))
                           : proto_tree_add_boolean(st, hf, tvb, 0, 0, TRUE);
    proto_item_set_generated(it);
    return it;
}
proto_item *add_seconds(proto_tree *st, int hf, tvbuff_t *tvb, packet_info *pinfo, double s, const char *lang)
{
    const char *label = st ? field_label(hf) : nullptr;
    proto_item *it = label ? proto_tree_add_double_format(st, hf, tvb, 0, 0, s, "%s: %s", label,
                                                          secs(pinfo, s, lang, "%.3f"))
                           : proto_tree_add_double(st, hf, tvb, 0, 0, s);
    proto_item_set_generated(it);
    return it;
}

// The catalogue texts of a request without a response, by case.
struct RequestTexts {
    MessageId explanation, remedy;
};
RequestTexts request_texts(const char *method)
{
    const std::string m = method ? method : "";
    if (m == "INVITE")
        return {MessageId::SilenceInviteExplanation, MessageId::SilenceInviteRemedy};
    if (m == "REGISTER")
        return {MessageId::SilenceRegisterExplanation, MessageId::SilenceRegisterRemedy};
    if (m == "OPTIONS")
        return {MessageId::SilenceOptionsExplanation, MessageId::SilenceOptionsRemedy};
    return {MessageId::SilenceRequestExplanation, MessageId::SilenceRequestRemedy};
}

const char *request_line(packet_info *pinfo, const SilenceItem &it, bool final, const char *lang)
{
    const SilenceFinding &f = it.finding;
    const bool never = final && !f.watch->forgotten;
    const char *state = text(pinfo, never ? MessageId::SilenceNeverAnswered : MessageId::SilenceNoAnswerYet, lang);
    // Two passes: how it ended (all copies, over how long); one pass: so far.
    const unsigned long copies = never ? f.watch->copies : f.copy;
    const char *waited = secs(pinfo, never ? f.watch->last_time - f.watch->first_time : f.elapsed, lang);
    const std::string m = it.method ? it.method : "";
    if (m == "INVITE")
        return render(pinfo, msg::SilenceInvite(state, copies, waited), lang);
    if (m == "REGISTER")
        return render(pinfo, msg::SilenceRegister(state, copies, waited), lang);
    if (m == "OPTIONS")
        return render(pinfo, msg::SilenceOptions(state, copies, waited), lang);
    return render(pinfo, msg::SilenceRequest(m, state, copies, waited), lang);
}

// Explanation and remedy of a finding, below `parent` (its own subtree, or the finding's item).
void add_texts(proto_tree *st, tvbuff_t *tvb, packet_info *pinfo, MessageId explanation, MessageId remedy,
               const char *lang)
{
    if (!st)
        return;
    add_long_text(st, ids.hf_explanation, tvb, pinfo, text(pinfo, explanation, lang));
    add_long_text(st, ids.hf_remedy, tvb, pinfo, text(pinfo, remedy, lang));
}

void add_limit_note(packet_info *pinfo, proto_item *ti, bool experts, const char *lang)
{
    if (!experts)
        return;
    const char *requests = wmem_strdup_printf(pinfo->pool, "%zu", SilenceWatcher::kMaxRequests);
    const char *answers = wmem_strdup_printf(pinfo->pool, "%zu", SilenceWatcher::kMax2xx);
    expert_add_info_format(pinfo, ti, &ids.ei_watch_limit, "%s",
                           render(pinfo, msg::SilenceLimit(requests, answers), lang));
}

// One finding that marks its message, into subtree `st` of item `ti`.
void add_finding(tvbuff_t *tvb, packet_info *pinfo, proto_item *ti, proto_tree *st, const SilenceItem &it,
                 guint32 code, bool final, bool experts, const char *lang)
{
    const SilenceFinding &f = it.finding;
    switch (f.kind) {
    case SilenceKind::Request: {
        add_flag(st, ids.hf_unanswered, tvb);
        add_uint(st, ids.hf_unanswered_copies, tvb, f.copy);
        add_seconds(st, ids.hf_unanswered_waited, tvb, pinfo, f.elapsed, lang);
        const RequestTexts t = request_texts(it.method);
        add_texts(st, tvb, pinfo, t.explanation, t.remedy, lang);
        if (!experts)
            break;
        expert_add_info_format(pinfo, ti, &ids.ei_no_response, "%s", request_line(pinfo, it, final, lang));
        if (f.watch->size)
            expert_add_info_format(pinfo, ti, &ids.ei_large_udp, "%s",
                                   render(pinfo, msg::SilenceLargeUdp(wmem_strdup_printf(pinfo->pool, "%u",
                                                                                         f.watch->size)), lang));
        break;
    }
    case SilenceKind::Answer: {
        // The response's own explanation and remedy are the code's: the finding's go below its flag.
        proto_item *flag = add_flag(st, ids.hf_ack_missing, tvb);
        add_uint(st, ids.hf_ack_copies, tvb, f.copy);
        add_seconds(st, ids.hf_ack_waited, tvb, pinfo, f.elapsed, lang);
        add_texts(flag ? proto_item_add_subtree(flag, ids.ett_text) : nullptr, tvb, pinfo,
                  MessageId::SilenceNoAckExplanation, MessageId::SilenceNoAckRemedy, lang);
        if (!experts)
            break;
        const bool never = final && !f.watch->forgotten;
        const char *state = text(pinfo, never ? MessageId::SilenceNeverAcked : MessageId::SilenceNoAckYet, lang);
        const unsigned long copies = never ? f.watch->copies : f.copy;
        const char *waited = secs(pinfo, never ? f.watch->last_time - f.watch->first_time : f.elapsed, lang);
        expert_add_info_format(pinfo, ti, &ids.ei_no_ack, "%s",
                               render(pinfo, msg::SilenceNoAck(wmem_strdup_printf(pinfo->pool, "%u", code), state,
                                                               copies, waited), lang));
        break;
    }
    case SilenceKind::Bye:
        add_flag(st, ids.hf_ack_missing, tvb);
        add_seconds(st, ids.hf_ack_waited, tvb, pinfo, f.elapsed, lang);
        add_texts(st, tvb, pinfo, MessageId::SilenceByeExplanation, MessageId::SilenceByeRemedy, lang);
        if (experts)
            expert_add_info_format(pinfo, ti, &ids.ei_no_ack, "%s",
                                   render(pinfo, msg::SilenceBye(secs(pinfo, f.elapsed, lang)), lang));
        break;
    case SilenceKind::Late: {
        proto_item *late = add_seconds(st, ids.hf_late, tvb, pinfo, f.elapsed, lang);
        add_texts(late ? proto_item_add_subtree(late, ids.ett_text) : nullptr, tvb, pinfo,
                  MessageId::SilenceLateExplanation, MessageId::SilenceLateRemedy, lang);
        if (experts)
            expert_add_info_format(pinfo, ti, &ids.ei_late, "%s",
                                   render(pinfo, msg::SilenceLate(wmem_strdup_printf(pinfo->pool, "%u", code),
                                                                  it.method ? it.method : "", secs(pinfo, f.elapsed, lang)),
                                          lang));
        break;
    }
    case SilenceKind::None: break;
    }
}

}  // namespace

void watch_silence(const SipMessage &m, packet_info *pinfo, guint32 size, guint32 message, const char *method)
{
    SilenceFinding f;
    if (m.kind == SipMessage::Kind::Request) {
        SilenceRequest r;
        r.call_id = m.call_id;
        r.branch = m.branch;
        r.method = m.cseq_method;
        r.cseq = m.cseq;
        r.time = seconds(pinfo->abs_ts);
        r.frame = pinfo->num;
        r.size = size;
        r.udp = pinfo->ptype == PT_UDP;
        if (m.has_cseq)
            f = watcher.on_request(r);
    } else if (m.has_code && m.has_cseq) {
        SilenceResponse r;
        r.call_id = m.call_id;
        r.branch = m.branch;
        r.method = m.cseq_method;
        r.cseq = m.cseq;
        r.code = m.code;
        r.time = seconds(pinfo->abs_ts);
        r.frame = pinfo->num;
        f = watcher.on_response(r);
    }
    const bool limit = watcher.take_limit_note();
    if (f.kind != SilenceKind::None || limit)
        pending_items.push_back(SilenceItem{f, method, message, limit});
}

const SilenceItems *silence_items(wmem_allocator_t *scope)
{
    if (pending_items.empty())
        return nullptr;
    auto *out = static_cast<SilenceItems *>(
        wmem_alloc(scope, offsetof(SilenceItems, items) + pending_items.size() * sizeof(SilenceItem)));
    out->count = static_cast<guint32>(pending_items.size());
    for (size_t i = 0; i < pending_items.size(); ++i)
        out->items[i] = pending_items[i];
    pending_items.clear();
    return out;
}

bool final_pass = false;

void set_silence_final(bool final) { final_pass = final; }

bool silence_counted(const SilenceItem &it)
{
    const SilenceFinding &f = it.finding;
    if (!watcher.marks(f, final_pass))
        return false;
    if (f.kind == SilenceKind::Late)
        return true;
    if (f.kind != SilenceKind::Request && f.kind != SilenceKind::Answer)
        return false;
    return final_pass && !f.watch->forgotten ? f.copy == 1 : f.copy == 2;
}

void reset_silence()
{
    watcher.clear();  // heap watches go at reset_collect(), which runs after
    pending_items.clear();
}

void add_silence_on_record(tvbuff_t *tvb, packet_info *pinfo, proto_item *ti, proto_tree *st,
                           const FrameRecord &rec, guint32 message, bool final, bool experts, const char *lang)
{
    if (!rec.silence)
        return;
    for (guint32 i = 0; i < rec.silence->count; ++i) {
        const SilenceItem &it = rec.silence->items[i];
        if (it.message != message)
            continue;
        if (it.limit)
            add_limit_note(pinfo, ti, experts, lang);
        if (watcher.marks(it.finding, final))
            add_finding(tvb, pinfo, ti, st, it, rec.responses[message].code, final, experts, lang);
    }
}

void add_silence_requests(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const FrameRecord &rec, bool fields,
                          bool titles, bool final, bool experts, const char *lang)
{
    if (!rec.silence)
        return;
    for (guint32 i = 0; i < rec.silence->count; ++i) {
        const SilenceItem &it = rec.silence->items[i];
        if (it.message != kNoRecord)
            continue;
        const bool marked = watcher.marks(it.finding, final);
        if (!marked && !it.limit)
            continue;
        // A request has no response subtree: this one says in its title why it is here.
        proto_item *ti = add_own_item(tree, ids.proto, tvb);
        proto_item_set_generated(ti);
        if (ti && titles) {
            if (localized())
                proto_item_set_text(ti, "%s", label(MessageId::LabelTitle));
            const char *method = it.method ? it.method : "";
            if (marked)
                proto_item_append_text(ti, ": %s",
                                       it.finding.kind == SilenceKind::Bye
                                           ? text(pinfo, MessageId::SilenceTitleBye, lang)
                                           : render(pinfo, msg::SilenceTitleUnanswered(method), lang));
        }
        proto_tree *st = fields ? proto_item_add_subtree(ti, ids.ett) : nullptr;
        if (it.method)
            add_string(st, ids.hf_method, tvb, it.method);
        if (it.limit)
            add_limit_note(pinfo, ti, experts, lang);
        if (marked)
            add_finding(tvb, pinfo, ti, st, it, 0, final, experts, lang);
    }
}

}  // namespace sipcat::ws
