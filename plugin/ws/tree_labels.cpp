#include "tree_labels.h"

#include <array>
#include <cstring>
#include <string>
#include <utility>

#include "catalogue.h"
#include "sipcat_plugin.h"

namespace sipcat::ws {

namespace {

// Rendered once per language; the preference may change between files.
struct Cache {
    std::string lang;
    std::array<std::string, kMessageCount> texts;
    std::array<bool, kMessageCount> have{};
};
Cache cache;

}  // namespace

// Asked for every item: the answer kept until the preference changes.
bool localized()
{
    static int for_setting = -1;
    static bool answer = false;
    if (settings.language != for_setting) {
        for_setting = settings.language;
        answer = std::strcmp(current_language(), Catalogue::kDefaultLang) != 0;
    }
    return answer;
}

const char *label(MessageId id)
{
    const char *lang = current_language();
    if (cache.lang != lang) {
        cache.lang = lang;
        cache.have.fill(false);
    }
    const size_t i = static_cast<size_t>(id);
    if (!cache.have[i]) {
        cache.texts[i] = catalogue() ? catalogue()->text(id, lang) : std::string();
        cache.have[i] = true;
    }
    return cache.texts[i].c_str();
}

const char *field_label(int hf)
{
    // Every field sipcat adds with a label of its own (not the wrapped lines).
    static const std::pair<const int *, MessageId> kLabels[] = {
        {&ids.hf_code, MessageId::LabelCode},
        {&ids.hf_class, MessageId::LabelClass},
        {&ids.hf_reason, MessageId::LabelReason},
        {&ids.hf_summary, MessageId::LabelSummary},
        {&ids.hf_explanation, MessageId::LabelExplanation},
        {&ids.hf_remedy, MessageId::LabelRemedy},
        {&ids.hf_rfc, MessageId::LabelRfc},
        {&ids.hf_basis, MessageId::LabelBasis},
        {&ids.hf_note, MessageId::LabelNote},
        {&ids.hf_status, MessageId::LabelStatus},
        {&ids.hf_method, MessageId::LabelMethod},
        {&ids.hf_request_frame, MessageId::LabelRequestFrame},
        {&ids.hf_request_uri, MessageId::LabelRequestUri},
        {&ids.hf_retransmission, MessageId::LabelRetransmission},
        {&ids.hf_auth, MessageId::LabelAuth},
        {&ids.hf_expected, MessageId::LabelExpected},
        {&ids.hf_outcome, MessageId::LabelOutcome},
        {&ids.hf_retry_after, MessageId::LabelRetryAfter},
        {&ids.hf_q850_cause, MessageId::LabelQ850Cause},
        {&ids.hf_q850_explanation, MessageId::LabelQ850Explanation},
        {&ids.hf_reason_sip_cause, MessageId::LabelReasonSipCause},
        {&ids.hf_reason_sip_explanation, MessageId::LabelReasonSipExplanation},
        {&ids.hf_reason_text, MessageId::LabelReasonText},
        {&ids.hf_warning_code, MessageId::LabelWarningCode},
        {&ids.hf_warning_text, MessageId::LabelWarningText},
        {&ids.hf_warning_explanation, MessageId::LabelWarningExplanation},
        {&ids.hf_source, MessageId::LabelSource},
        {&ids.hf_known, MessageId::LabelKnown},
        {&ids.hf_unanswered, MessageId::LabelUnanswered},
        {&ids.hf_unanswered_copies, MessageId::LabelCopies},
        {&ids.hf_unanswered_waited, MessageId::LabelWaited},
        {&ids.hf_ack_missing, MessageId::LabelAckMissing},
        {&ids.hf_ack_copies, MessageId::LabelCopies},
        {&ids.hf_ack_waited, MessageId::LabelWaited},
        {&ids.hf_late, MessageId::LabelLate},
    };
    if (!localized())
        return nullptr;
    for (const auto &[id, msg] : kLabels)
        if (*id == hf)
            return label(msg);
    return nullptr;
}

}  // namespace sipcat::ws
