// Registration ids and settings shared by the files of the Wireshark layer.
#pragma once

#include "compat.h"

#include <epan/expert.h>

#include "sip_reader.h"

namespace sipcat {
class Catalogue;
class Diagnoser;
class ResendTracker;
}

namespace sipcat::ws {

// Severity order used to index the per-severity expert fields.
enum SeverityIndex { kChat, kNote, kWarn, kError, kSeverityCount };

struct Ids {
    int proto = -1;
    int hf_code = -1, hf_class = -1, hf_reason = -1, hf_explanation = -1, hf_remedy = -1;
    int hf_rfc = -1, hf_method = -1, hf_known = -1, hf_summary = -1, hf_status = -1, hf_note = -1;
    int hf_auth = -1, hf_expected = -1, hf_outcome = -1, hf_retry_after = -1, hf_request_frame = -1;
    int hf_retransmission = -1, hf_request_uri = -1, hf_source = -1, hf_auth_loop = -1, hf_basis = -1;
    int hf_q850_cause = -1, hf_q850_explanation = -1, hf_reason_sip_cause = -1, hf_reason_sip_explanation = -1;
    int hf_reason_text = -1, hf_warning_code = -1, hf_warning_text = -1, hf_warning_explanation = -1;
    // Requests without a response, 2xx without ACK, late responses (silence_watch.h).
    int hf_unanswered = -1, hf_unanswered_copies = -1, hf_unanswered_waited = -1;
    int hf_ack_missing = -1, hf_ack_copies = -1, hf_ack_waited = -1, hf_late = -1;
    gint ett = -1;
    gint ett_text = -1;  // the wrapped lines under a long explanation or remedy
    gint ett_rfc = -1;   // the basis quote under "Defined in"
    // One `sipcat.response` per severity: the class decides which is raised.
    expert_field ei_response[kSeverityCount] = {EI_INIT, EI_INIT, EI_INIT, EI_INIT};
    expert_field ei_unknown_code = EI_INIT;
    expert_field ei_bad_status = EI_INIT;
    expert_field ei_auth_rejected = EI_INIT;
    expert_field ei_auth_loop = EI_INIT;
    expert_field ei_missing_header = EI_INIT;
    expert_field ei_phrase_differs = EI_INIT;
    expert_field ei_reason = EI_INIT;
    expert_field ei_warning = EI_INIT;
    expert_field ei_no_response = EI_INIT;
    expert_field ei_no_ack = EI_INIT;
    expert_field ei_late = EI_INIT;
    expert_field ei_large_udp = EI_INIT;
    expert_field ei_watch_limit = EI_INIT;
    expert_field ei_cancel_challenged = EI_INIT;
    SipIds sip;
    int expert_tap = -1;    // Wireshark's "expert" tap (-z expert, the Expert Information dialog)
    int proto_expert = -1;  // _ws.expert, for filters on expert items
};

struct Settings {
    gint language = 0;  // index into the enum built from the catalogue; 0 = auto
    sipcat_pref_bool remedy_in_expert = FALSE;
    sipcat_pref_bool wrap_long_text = TRUE;
    // Severity of `sipcat.response` per class 1..6, a sipcat::Severity value.
    gint class_severity[7] = {0, 2, 2, 3, 4, 5, 5};
};

extern Ids ids;
extern Settings settings;

void register_protocol();
void register_handoff();

// The language code to use now ("en", "de", ...), from the preference or the locale.
const char *current_language();
const Catalogue *catalogue();
Diagnoser &diagnoser();  // per-file state, reset when a file is opened or closed
ResendTracker &resends();  // per-file state too

int dissect(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data);
void reset_reading();  // at file open and close: no frame read yet

}  // namespace sipcat::ws
