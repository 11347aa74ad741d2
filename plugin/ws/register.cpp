// Registration of the protocol, its fields, expert items and preferences, and
// the hand-off that makes it a post-dissector reading the SIP messages of each frame.
#include "sipcat_plugin.h"

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <epan/prefs.h>
#include <epan/tap.h>
#include <wsutil/wslog.h>

#include "builtin_catalogue.h"
#include "diagnosis.h"
#include "overrides.h"
#include "overrides_uat.h"
#include "readers.h"
#include "sip_resend.h"
#include "silence_watch.h"
#include "stats.h"
#include "status_class.h"

namespace sipcat::ws {

Ids ids;
Settings settings;

namespace {

value_string class_vals[7];
std::vector<enum_val_t> language_vals;
std::vector<std::string> language_names;

const Catalogue *the_catalogue = nullptr;
Diagnoser the_diagnoser;
ResendTracker the_resends;

void reset_file_state()
{
    if (the_diagnoser.tracked_calls())
        ws_info("file closed: released the diagnosis state of %zu calls (%zu transactions)",
                the_diagnoser.tracked_calls(), the_diagnoser.tracked_transactions());
    the_diagnoser.clear();
    the_resends.clear();
    reset_silence();
    reset_reading();
    reset_collect();  // after reset_silence(): frees the heap watches it let go of
}

// A file is opened: before the first packet, and before the program decides
// whether to build trees.
void open_file_state()
{
    reset_file_state();
    ids.sip.read_prefs();
    declare_wanted_fields();
}

void build_class_vals()
{
    for (unsigned c = 1; c <= 6; ++c)
        class_vals[c - 1] = value_string{c, class_name(c)};
    class_vals[6] = value_string{0, nullptr};
}

// "auto" first, then one value per catalogue language; adding a language to
// the catalogue adds it here.
void build_language_vals()
{
    language_names.clear();
    language_names.emplace_back("auto");
    if (the_catalogue)
        for (const std::string &l : the_catalogue->languages())
            language_names.push_back(l);
    language_vals.clear();
    for (size_t i = 0; i < language_names.size(); ++i)
        language_vals.push_back(enum_val_t{language_names[i].c_str(),
                                           i == 0 ? "Automatic (from the locale)" : language_names[i].c_str(),
                                           static_cast<gint>(i)});
    language_vals.push_back(enum_val_t{nullptr, nullptr, 0});
}

}  // namespace

const Catalogue *catalogue() { return the_catalogue; }
Diagnoser &diagnoser() { return the_diagnoser; }
ResendTracker &resends() { return the_resends; }

const char *current_language()
{
    if (settings.language > 0 && static_cast<size_t>(settings.language) < language_names.size())
        return language_names[settings.language].c_str();
    // auto: the first two letters of the message locale, when the catalogue has them.
    static std::string from_locale;
    if (from_locale.empty()) {
        from_locale = Catalogue::kDefaultLang;
        for (const char *var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
            const char *v = std::getenv(var);
            if (v && *v) {
                const std::string lang(v, strnlen(v, 2));
                for (size_t i = 1; i < language_names.size(); ++i)
                    if (language_names[i] == lang)
                        from_locale = lang;
                break;
            }
        }
    }
    return from_locale.c_str();
}

void register_protocol()
{
    the_catalogue = builtin_catalogue();  // constant tables: checked at build time
    build_class_vals();
    build_language_vals();

    static hf_register_info hf[] = {
        {&ids.hf_code, {"Status code", "sipcat.code", FT_UINT16, BASE_DEC, nullptr, 0x0,
                        "SIP status code of this response", HFILL}},
        {&ids.hf_class, {"Class", "sipcat.class", FT_UINT8, BASE_DEC, VALS(class_vals), 0x0,
                         "Response class (RFC 3261 §7.2): 1 Provisional .. 6 Global Failure", HFILL}},
        {&ids.hf_reason, {"Registered reason phrase", "sipcat.reason", FT_STRING, BASE_NONE, nullptr, 0x0,
                          "The reason phrase registered for this code (the phrase on the wire may differ)", HFILL}},
        {&ids.hf_summary, {"Summary", "sipcat.summary", FT_STRING, BASE_NONE, nullptr, 0x0,
                           "One line: what the code means and what to do", HFILL}},
        {&ids.hf_explanation, {"Explanation", "sipcat.explanation", FT_STRING, BASE_NONE, nullptr, 0x0,
                               "Who sends this response and why", HFILL}},
        {&ids.hf_remedy, {"Remedy", "sipcat.remedy", FT_STRING, BASE_NONE, nullptr, 0x0,
                          "What to check or change", HFILL}},
        {&ids.hf_rfc, {"Defined in", "sipcat.rfc", FT_STRING, BASE_NONE, nullptr, 0x0,
                       "The RFC and section that define the code", HFILL}},
        {&ids.hf_basis, {"RFC text", "sipcat.basis", FT_STRING, BASE_NONE, nullptr, 0x0,
                         "The RFC's own words the entry rests on (its first basis quote), with RFC and section",
                         HFILL}},
        {&ids.hf_note, {"Note", "sipcat.note", FT_STRING, BASE_NONE, nullptr, 0x0,
                        "Common misreadings of this code, corrected", HFILL}},
        {&ids.hf_status, {"Registry status", "sipcat.status", FT_STRING, BASE_NONE, nullptr, 0x0,
                          "current, deprecated or obsolete", HFILL}},
        {&ids.hf_method, {"Request method", "sipcat.method", FT_STRING, BASE_NONE, nullptr, 0x0,
                          "Method of the transaction, from CSeq", HFILL}},
        {&ids.hf_request_frame, {"Request in frame", "sipcat.request_frame", FT_FRAMENUM, BASE_NONE,
                                 FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0, "The request this response answers", HFILL}},
        {&ids.hf_request_uri, {"Request-URI of the request", "sipcat.request_uri", FT_STRING, BASE_NONE, nullptr, 0x0,
                               "Request-URI of the request this response answers", HFILL}},
        {&ids.hf_retransmission, {"Retransmission", "sipcat.retransmission", FT_BOOLEAN, BASE_NONE, nullptr, 0x0,
                                  "A retransmitted response (sip.resend): not diagnosed or counted again; present only when it is one", HFILL}},
        {&ids.hf_auth, {"Authentication", "sipcat.auth", FT_STRING, BASE_NONE, nullptr, 0x0,
                        "challenge, stale (retry with the new nonce) or rejected (wrong credentials)", HFILL}},
        {&ids.hf_auth_loop, {"Challenge loop", "sipcat.auth_loop", FT_UINT32, BASE_DEC, nullptr, 0x0,
                             "Challenges in this dialog or registration without a success in between (3 or more)",
                             HFILL}},
        {&ids.hf_expected, {"Expected", "sipcat.expected", FT_BOOLEAN, BASE_NONE, nullptr, 0x0,
                            "A failure that is normal protocol flow (first challenge, 487 after CANCEL, ...); present only when it is", HFILL}},
        {&ids.hf_outcome, {"Call outcome", "sipcat.call.outcome", FT_STRING, BASE_NONE, nullptr, 0x0,
                           "answered, busy, no-answer, rejected, cancelled, redirected, auth-failed or failed",
                           HFILL}},
        {&ids.hf_retry_after, {"Retry after (s)", "sipcat.retry_after", FT_UINT32, BASE_DEC, nullptr, 0x0,
                               "Retry-After of the response, in seconds", HFILL}},
        {&ids.hf_q850_cause, {"Q.850 cause", "sipcat.q850.cause", FT_UINT32, BASE_DEC, nullptr, 0x0,
                               "Reason: Q.850;cause= (RFC 3326)", HFILL}},
        {&ids.hf_q850_explanation, {"Q.850 explanation", "sipcat.q850.explanation", FT_STRING, BASE_NONE, nullptr,
                                     0x0, "The cause, its class and its RFC 3398 mapping to a SIP code", HFILL}},
        {&ids.hf_reason_sip_cause, {"Reason SIP cause", "sipcat.reason.sip.cause", FT_UINT32, BASE_DEC, nullptr,
                                     0x0, "Reason: SIP;cause= (RFC 3326)", HFILL}},
        {&ids.hf_reason_sip_explanation, {"Reason SIP explanation", "sipcat.reason.sip.explanation", FT_STRING,
                                           BASE_NONE, nullptr, 0x0, "The SIP cause, from the catalogue", HFILL}},
        {&ids.hf_reason_text, {"Reason text", "sipcat.reason.text", FT_STRING, BASE_NONE, nullptr, 0x0,
                               "Reason: ...;text=", HFILL}},
        {&ids.hf_warning_code, {"Warn-code", "sipcat.warning.code", FT_UINT16, BASE_DEC, nullptr, 0x0,
                                "A warn-code of the Warning header (RFC 3261 §20.43)", HFILL}},
        {&ids.hf_warning_text, {"Warn-text", "sipcat.warning.text", FT_STRING, BASE_NONE, nullptr, 0x0,
                                "The warn-text on the wire", HFILL}},
        {&ids.hf_warning_explanation, {"Warning explanation", "sipcat.warning.explanation", FT_STRING, BASE_NONE,
                                       nullptr, 0x0, "What the warn-code means", HFILL}},
        {&ids.hf_source, {"Text source", "sipcat.source", FT_STRING, BASE_NONE, nullptr, 0x0,
                          "builtin (the catalogue) or user (a row of your sipcat_overrides table changed it)",
                          HFILL}},
        {&ids.hf_known, {"In catalogue", "sipcat.known", FT_BOOLEAN, BASE_NONE, nullptr, 0x0,
                         "The code has its own catalogue entry (false: explained by its class); on every response, so filter == 0", HFILL}},
        {&ids.hf_unanswered, {"Unanswered", "sipcat.unanswered", FT_BOOLEAN, BASE_NONE, nullptr, 0x0,
                              "A request that got no response: no answer yet at this copy (one pass), never "
                              "answered in the capture (two passes, GUI); present only when true", HFILL}},
        {&ids.hf_unanswered_copies, {"Copies so far", "sipcat.unanswered.copies", FT_UINT32, BASE_DEC, nullptr, 0x0,
                                     "Copies of the request up to this one, the original included", HFILL}},
        {&ids.hf_unanswered_waited, {"Seconds since the first copy", "sipcat.unanswered.waited", FT_DOUBLE,
                                     BASE_NONE, nullptr, 0x0, "Seconds from the request's first copy to this one",
                                     HFILL}},
        {&ids.hf_ack_missing, {"ACK missing", "sipcat.ack_missing", FT_BOOLEAN, BASE_NONE, nullptr, 0x0,
                               "A 2xx to INVITE without an ACK (yet), or the BYE that ends such a call; present "
                               "only when true", HFILL}},
        {&ids.hf_ack_copies, {"Copies so far", "sipcat.ack_missing.copies", FT_UINT32, BASE_DEC, nullptr, 0x0,
                              "Copies of the 2xx up to this one, the first included", HFILL}},
        {&ids.hf_ack_waited, {"Seconds since the first copy", "sipcat.ack_missing.waited", FT_DOUBLE, BASE_NONE,
                              nullptr, 0x0, "Seconds from the 2xx's first copy to this message", HFILL}},
        {&ids.hf_late, {"Late by (s after the first copy)", "sipcat.late", FT_DOUBLE, BASE_NONE, nullptr, 0x0,
                        "A response that came after the sender gave up (64*T1 = 32 s after the request's first "
                        "copy): seconds since that copy", HFILL}},
    };
    static gint *ett[] = {&ids.ett, &ids.ett_text, &ids.ett_rfc};
    static ei_register_info ei[] = {
        {&ids.ei_response[kChat], {"sipcat.response", PI_RESPONSE_CODE, PI_CHAT, "SIP response explained", EXPFILL}},
        {&ids.ei_response[kNote], {"sipcat.response", PI_RESPONSE_CODE, PI_NOTE, "SIP response explained", EXPFILL}},
        {&ids.ei_response[kWarn], {"sipcat.response", PI_RESPONSE_CODE, PI_WARN, "SIP response explained", EXPFILL}},
        {&ids.ei_response[kError], {"sipcat.response", PI_RESPONSE_CODE, PI_ERROR, "SIP response explained", EXPFILL}},
        {&ids.ei_unknown_code, {"sipcat.unknown_code", PI_RESPONSE_CODE, PI_NOTE,
                                "Status code not in the catalogue; explained by its class", EXPFILL}},
        {&ids.ei_bad_status, {"sipcat.bad_status", PI_PROTOCOL, PI_NOTE,
                              "Status code outside 100..699 or unreadable status line", EXPFILL}},
        {&ids.ei_auth_rejected, {"sipcat.auth_rejected", PI_SECURITY, PI_WARN,
                                 "Credentials rejected", EXPFILL}},
        {&ids.ei_auth_loop, {"sipcat.challenge_loop", PI_SECURITY, PI_NOTE,
                             "Challenges without a success in between", EXPFILL}},
        {&ids.ei_missing_header, {"sipcat.missing_header", PI_PROTOCOL, PI_WARN,
                                  "Response lacks a header its code requires", EXPFILL}},
        {&ids.ei_phrase_differs, {"sipcat.phrase_differs", PI_RESPONSE_CODE, PI_NOTE,
                                  "Reason phrase differs from the registered one", EXPFILL}},
        {&ids.ei_reason, {"sipcat.reason_cause", PI_RESPONSE_CODE, PI_NOTE,
                          "Reason header: why the call or request ended", EXPFILL}},
        {&ids.ei_warning, {"sipcat.warning_explained", PI_RESPONSE_CODE, PI_NOTE,
                           "Warning header explained", EXPFILL}},
        {&ids.ei_no_response, {"sipcat.no_response", PI_SEQUENCE, PI_WARN, "Request without a response", EXPFILL}},
        {&ids.ei_no_ack, {"sipcat.no_ack", PI_SEQUENCE, PI_WARN, "2xx to INVITE without an ACK", EXPFILL}},
        {&ids.ei_late, {"sipcat.late_response", PI_SEQUENCE, PI_NOTE,
                        "Response after the sender gave up (64*T1)", EXPFILL}},
        {&ids.ei_large_udp, {"sipcat.large_udp", PI_PROTOCOL, PI_NOTE,
                             "Request over 1,300 bytes over UDP (RFC 3261 §18.1.1)", EXPFILL}},
        {&ids.ei_watch_limit, {"sipcat.watch_limit", PI_SEQUENCE, PI_NOTE,
                               "Limit of watched transactions reached: older ones forgotten", EXPFILL}},
        {&ids.ei_cancel_challenged, {"sipcat.cancel_challenged", PI_PROTOCOL, PI_WARN,
                                     "401/407 to a CANCEL, which servers must not challenge", EXPFILL}},
    };

    ids.proto = proto_register_protocol("SIP Response Catalogue", "SIPCAT", "sipcat");
    the_diagnoser.set_release(release_request);
    register_init_routine(open_file_state);
    register_cleanup_routine(reset_file_state);
    register_postseq_cleanup_routine(sequential_read_done);
    proto_register_field_array(ids.proto, hf, G_N_ELEMENTS(hf));
    proto_register_subtree_array(ett, G_N_ELEMENTS(ett));
    expert_module_t *expert = expert_register_protocol(ids.proto);
    expert_register_field_array(expert, ei, G_N_ELEMENTS(ei));
    int field_ids[G_N_ELEMENTS(hf)], expert_ids[G_N_ELEMENTS(ei)];
    for (size_t i = 0; i < G_N_ELEMENTS(hf); ++i)
        field_ids[i] = *hf[i].p_id;
    for (size_t i = 0; i < G_N_ELEMENTS(ei); ++i)
        expert_ids[i] = ei[i].ids->hf;
    set_own_ids(field_ids, G_N_ELEMENTS(hf), expert_ids, G_N_ELEMENTS(ei));

    module_t *prefs = prefs_register_protocol(ids.proto, nullptr);
    prefs_register_enum_preference(prefs, "language", "Language",
                                   "Language of explanations, remedies and expert texts",
                                   &settings.language, language_vals.data(), FALSE);
    prefs_register_bool_preference(prefs, "remedy_in_expert", "Append the full remedy to the expert text",
                                   "Expert items carry a one-line summary; this appends the full remedy "
                                   "(Wireshark shortens expert texts to 240 bytes)",
                                   &settings.remedy_in_expert);
    prefs_register_bool_preference(prefs, "wrap_long_text", "Show long texts line by line",
                                   "Wireshark cuts tree labels at 240 bytes; this labels a long explanation or "
                                   "remedy by its name and shows the whole text below it as lines (they also "
                                   "appear in -T json/pdml; the field value is always the whole text)",
                                   &settings.wrap_long_text);
    // Severity per class; "off" hides the class's sipcat.response items.
    static const enum_val_t severity_vals[] = {
        {"off", "Off (no expert item)", static_cast<gint>(Severity::Off)},
        {"chat", "Chat", static_cast<gint>(Severity::Chat)},
        {"note", "Note", static_cast<gint>(Severity::Note)},
        {"warning", "Warning", static_cast<gint>(Severity::Warning)},
        {"error", "Error", static_cast<gint>(Severity::Error)},
        {nullptr, nullptr, 0},
    };
    static const char *const severity_names[] = {nullptr, "severity_1xx", "severity_2xx", "severity_3xx",
                                                 "severity_4xx", "severity_5xx", "severity_6xx"};
    static std::string severity_titles[7], severity_descs[7];
    for (unsigned c = 1; c <= 6; ++c) {
        severity_titles[c] = "Expert severity of " + std::to_string(c) + "xx (" + class_name(c) + ")";
        severity_descs[c] = "Severity of the sipcat.response expert item for " + std::to_string(c) +
                            "xx responses; off: none (expected failures are lowered to chat/note, "
                            "a severity in sipcat_overrides wins)";
        prefs_register_enum_preference(prefs, severity_names[c], severity_titles[c].c_str(),
                                       severity_descs[c].c_str(), &settings.class_severity[c], severity_vals,
                                       FALSE);
    }
    register_overrides_uat(prefs);
    register_stats_tap();
    register_pass_probe();
}

void register_handoff()
{
    // No protocol: Wireshark checks no enabled state and adds no layer for the call (readers.h).
    dissector_handle_t handle = create_dissector_handle(dissect, -1);
    register_postdissector(handle);
    set_postdissector_handle(handle);
    ids.sip.lookup();
    if (ids.sip.proto_sip <= 0)
        ws_warning("sipcat: Wireshark's SIP dissector was not found; no response will be annotated");
    ids.expert_tap = find_tap_id("expert");
    ids.proto_expert = proto_get_id_by_filter_name("_ws.expert");
    // Wanted fields are declared at each file open (readers.h), from what the run reads.
}

}  // namespace sipcat::ws
