#include "stats.h"

#include <map>
#include <string>

#include <epan/stats_tree.h>
#include <epan/tap.h>

#include "catalogue.h"
#include "diagnosis.h"
#include "labels.h"
#include "overrides.h"
#include "overrides_uat.h"
#include "readers.h"
#include "sipcat_plugin.h"
#include "silence_watch.h"
#include "text_wrap.h"

namespace sipcat::ws {

namespace {

int tap_id = -1;

// Node ids of the fixed part of the tree, made in init.
struct Nodes {
    int responses = -1, retransmissions = -1, diagnoses = -1, outcomes = -1;
};
Nodes nodes;

// Labels depend on the language and the user's table: made once per code and
// method per tree (the catalogue render is not free), reset in init.
std::map<unsigned, std::string> code_labels;

constexpr size_t kLabelBytes = 90;

template <class M> std::string label(const M &m, const char *lang) { return catalogue()->render(m, lang); }
std::string label(MessageId id, const char *lang) { return catalogue()->text(id, lang); }

const std::string &code_label(unsigned code, const char *lang)
{
    auto it = code_labels.find(code);
    if (it != code_labels.end())
        return it->second;
    std::string text;
    const Annotation a = catalogue()->annotate(code, lang, "");
    if (a.entry) {
        const Resolved r = overrides().resolve(*catalogue(), a, lang, "");
        const std::string reason = a.known ? a.entry->reason.str() : label(msg::UnregisteredReason(), lang);
        text = shorten(catalogue()->render(msg::StatsCode(std::to_string(code), reason, r.text->summary), lang),
                       kLabelBytes);
        // tshark pads the column by bytes: an ASCII ellipsis keeps it aligned.
        static const std::string kEllipsis = "\u2026";
        if (text.size() >= kEllipsis.size() && text.compare(text.size() - kEllipsis.size(), kEllipsis.size(), kEllipsis) == 0)
            text.replace(text.size() - kEllipsis.size(), kEllipsis.size(), "...");
    } else {
        text = std::to_string(code);
    }
    return code_labels.emplace(code, std::move(text)).first->second;
}

// The fixed labels, rendered once per tree (init) instead of once per tick.
struct Labels {
    std::string responses, retransmissions, invalid, diagnoses, expected, unexpected, challenge, stale,
        cancel_challenged, rejected, loop, missing, outcomes, unanswered, no_ack, late;
    std::string classes[7];
    std::map<int, std::string> outcome;
};
Labels labels;

void make_labels(const char *lang)
{
    labels.responses = label(msg::StatsResponses(), lang);
    labels.retransmissions = label(msg::StatsRetransmissions(), lang);
    labels.invalid = label(msg::StatsInvalid(), lang);
    labels.diagnoses = label(msg::StatsDiagnoses(), lang);
    labels.expected = label(msg::StatsExpected(), lang);
    labels.unexpected = label(msg::StatsUnexpected(), lang);
    labels.challenge = label(msg::StatsAuthChallenge(), lang);
    labels.stale = label(msg::StatsAuthStale(), lang);
    labels.cancel_challenged = label(msg::StatsAuthCancelChallenged(), lang);
    labels.rejected = label(msg::StatsAuthRejected(), lang);
    labels.loop = label(msg::StatsAuthLoop(), lang);
    labels.missing = label(msg::StatsMissingHeader(), lang);
    labels.outcomes = label(msg::StatsOutcomes(), lang);
    labels.unanswered = label(msg::StatsUnanswered(), lang);
    labels.no_ack = label(MessageId::StatsNoAck, lang);
    labels.late = label(MessageId::StatsLate, lang);
    for (unsigned c = 1; c <= 6; ++c)
        labels.classes[c] = std::to_string(c) + "xx " + class_label(*catalogue(), c, lang);
    labels.outcome.clear();
}

const std::string &outcome_label(CallOutcome outcome, const char *lang)
{
    auto it = labels.outcome.find(static_cast<int>(outcome));
    if (it == labels.outcome.end())
        it = labels.outcome.emplace(static_cast<int>(outcome), label(outcome_message(outcome), lang)).first;
    return it->second;
}

void init(stats_tree *st)
{
    stats_tree_starting();
    code_labels.clear();
    const char *lang = current_language();
    if (catalogue())
        make_labels(lang);
    nodes.responses = stats_tree_create_node(st, label(msg::StatsResponses(), lang).c_str(), 0, STAT_DT_INT, TRUE);
    nodes.retransmissions =
        stats_tree_create_node(st, label(msg::StatsRetransmissions(), lang).c_str(), 0, STAT_DT_INT, FALSE);
    nodes.diagnoses = stats_tree_create_node(st, label(msg::StatsDiagnoses(), lang).c_str(), 0, STAT_DT_INT, TRUE);
    nodes.outcomes = stats_tree_create_node(st, label(msg::StatsOutcomes(), lang).c_str(), 0, STAT_DT_INT, TRUE);
}

tap_packet_status packet(stats_tree *st, packet_info *, epan_dissect_t *, const void *data, tap_flags_t)
{
    const auto *rec = static_cast<const FrameRecord *>(data);
    if (!rec || !catalogue())
        return TAP_PACKET_DONT_REDRAW;
    const char *lang = current_language();
    // Requests nobody answered (by method), 2xx nobody ACKed, late responses: rows made when first counted.
    for (guint32 i = 0; rec->silence && i < rec->silence->count; ++i) {
        const SilenceItem &it = rec->silence->items[i];
        if (!silence_counted(it))
            continue;
        if (it.finding.kind == SilenceKind::Request) {
            const int node = tick_stat_node(st, labels.unanswered.c_str(), 0, TRUE);
            tick_stat_node(st, it.method ? it.method : "?", node, FALSE);
        } else {
            // with_hierarchy TRUE: a top-level node ticked without it is made anew at every tick (seen on 4.0).
            tick_stat_node(st, (it.finding.kind == SilenceKind::Answer ? labels.no_ack : labels.late).c_str(), 0, TRUE);
        }
    }
    for (guint32 i = 0; i < rec->count; ++i) {
        const ResponseRecord &r = rec->responses[i];
        if (r.kind == ResponseKind::Request)
            continue;
        if (r.flags & kRetransmission) {
            tick_stat_node(st, labels.retransmissions.c_str(), 0, FALSE);
            continue;
        }
        tick_stat_node(st, labels.responses.c_str(), 0, TRUE);
        if (r.kind != ResponseKind::Ok) {
            const int inv = tick_stat_node(st, labels.invalid.c_str(), nodes.responses, TRUE);
            tick_stat_node(st, r.kind == ResponseKind::OutOfRange ? std::to_string(r.code).c_str() : "?", inv, FALSE);
            continue;
        }
        const unsigned cls = class_of(r.code);
        const int cls_node =
            tick_stat_node(st, labels.classes[cls >= 1 && cls <= 6 ? cls : 0].c_str(), nodes.responses, TRUE);
        const int code_node = tick_stat_node(st, code_label(r.code, lang).c_str(), cls_node, TRUE);
        tick_stat_node(st, r.method ? r.method : "?", code_node, FALSE);

        // Diagnoses: the parent counts responses with any, children say which.
        const auto auth = static_cast<AuthState>(r.auth);
        if (cls >= 3 || r.missing) {
            tick_stat_node(st, labels.diagnoses.c_str(), 0, TRUE);
            if (cls >= 3)
                tick_stat_node(st, ((r.flags & kExpected) ? labels.expected : labels.unexpected).c_str(),
                               nodes.diagnoses, FALSE);
            if (auth != AuthState::None) {
                const std::string &name = auth == AuthState::Challenge          ? labels.challenge
                                          : auth == AuthState::Stale            ? labels.stale
                                          : auth == AuthState::CancelChallenged ? labels.cancel_challenged
                                                                                : labels.rejected;
                tick_stat_node(st, name.c_str(), nodes.diagnoses, FALSE);
            }
            if (r.auth_loop)
                tick_stat_node(st, labels.loop.c_str(), nodes.diagnoses, FALSE);
            if (r.missing) {
                const int miss =
                    tick_stat_node(st, labels.missing.c_str(), nodes.diagnoses, TRUE);
                for (int b = 0; b < kHeaderBitCount; ++b)
                    if (r.missing & (1u << b))
                        tick_stat_node(st, header_name(static_cast<HeaderBit>(1u << b)), miss, FALSE);
            }
        }
        const auto outcome = static_cast<CallOutcome>(r.outcome);
        if (outcome != CallOutcome::None) {
            tick_stat_node(st, labels.outcomes.c_str(), 0, TRUE);
            tick_stat_node(st, outcome_label(outcome, lang).c_str(), nodes.outcomes, FALSE);
        }
    }
    return TAP_PACKET_REDRAW;
}

}  // namespace

void register_stats_tap() { tap_id = register_tap("sipcat"); }

void register_stats_tree()
{
    stats_tree_register_plugin("sipcat", "sipcat", "SIP Response Catalogue", 0, packet, init, nullptr);
}

bool stats_tap_listening() { return tap_id >= 0 && have_tap_listener(tap_id); }

void queue_for_taps(void *pinfo, const void *frame_record)
{
    if (stats_tap_listening())
        tap_queue_packet(tap_id, static_cast<packet_info *>(pinfo), frame_record);
}

}  // namespace sipcat::ws
