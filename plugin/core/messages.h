// Every message of catalogue/messages.cat, in one place: its name, what it is
// for, and its placeholders with their kinds. From this list come the message
// ids, one argument type per message (a call that leaves out a placeholder
// does not compile), the parser's check of messages.cat and the message table
// of catalogue/README.md (a unit test compares them).
//
// Adding a message: one M(...) line here and a [message NAME] section in
// messages.cat in every language.
//
// Placeholder kinds:
//   T(name)  text, put in as it is
//   N(name)  a count: the message has plural forms (text.LANG.one,
//            text.LANG.other, optionally text.LANG.zero), chosen by this number
//   O(name)  an ordinal, written per language: en "3rd", de "3."
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#define SIPCAT_MESSAGES(M, T, N, O)                                                                               \
    M(Expert, "expert", "the expert line of an entry", T(code) T(reason) T(summary) T(remedy) T(rfc))             \
    M(ExpertWithRemedy, "expert-with-remedy", "the same with the whole remedy (preference)",                     \
      T(code) T(reason) T(summary) T(remedy) T(rfc))                                                             \
    M(ExpertUser, "expert-user", "the expert line of an entry changed by the user's sipcat_overrides table",     \
      T(code) T(reason) T(summary) T(remedy))                                                                    \
    M(UnregisteredReason, "unregistered-reason", "stands for the reason phrase of an unregistered code", )      \
    M(UnknownCodeSummary, "unknown-code-summary", "summary of a code without an entry",                          \
      T(code) T(fallback) T(fallback_reason) T(fallback_summary))                                                \
    M(UnknownCodeExplanation, "unknown-code-explanation", "explanation of a code without an entry",                                     \
      T(code) T(fallback) T(fallback_reason) T(fallback_explanation))                                            \
    M(UnknownCodeRemedy, "unknown-code-remedy", "remedy of a code without an entry", T(code) T(fallback) T(fallback_reason)            \
      T(fallback_remedy))                                                                                        \
    M(OutOfRange, "out-of-range", "a status code outside 100..699", T(code))                                    \
    M(MalformedStatus, "malformed-status", "a status line without a readable code", T(line))                    \
    M(UndecodedStatus, "undecoded-status", "a status line Wireshark leaves as data", T(line))                   \
    M(WarningsCut, "warnings-cut", "more Warning values than sipcat shows", N(count))                            \
    M(AuthRejected, "auth-rejected", "credentials refused", T(code) T(user))                                    \
    M(AuthRejectedAnonymous, "auth-rejected-anonymous", "credentials without a user name refused", T(code))     \
    M(AuthLoop, "auth-loop", "challenges again and again without a success in between (count is 3 or more)",    \
      T(code) N(count) T(frames))                                                                                \
    M(MissingHeader, "missing-header", "a response without a header its code requires", T(code) T(header))     \
    M(PhraseDiffers, "phrase-differs", "the reason phrase on the wire is not the registered one",                \
      T(code) T(wire) T(registered))                                                                             \
    M(Q850Explanation, "q850-explanation", "a Q.850 cause and its SIP code",                                     \
      T(cause) T(name) T(class) T(sip) T(sip_reason))                                                            \
    M(Q850ExplanationNone, "q850-explanation-none", "a Q.850 cause that maps to no SIP code",                    \
      T(cause) T(name) T(class))                                                                                 \
    M(Q850Unknown, "q850-unknown", "a Q.850 cause the catalogue does not have", T(cause))                        \
    M(Q850Class0, "q850-class-0", "name of the Q.850 class of causes 0-31", )                                            \
    M(Q850Class1, "q850-class-1", "of causes 32-47", )                                                                     \
    M(Q850Class2, "q850-class-2", "of causes 48-63", )                                                                     \
    M(Q850Class3, "q850-class-3", "of causes 64-79", )                                                                     \
    M(Q850Class4, "q850-class-4", "of causes 80-95", )                                                                     \
    M(Q850Class5, "q850-class-5", "of causes 96-111", )                                                                    \
    M(Q850Class6, "q850-class-6", "of causes 112-127", )                                                                   \
    M(ReasonSip, "reason-sip", "a Reason header with a SIP cause", T(cause) T(reason) T(summary))                \
    M(ReasonLead, "reason-lead", "the expert line of a Reason header", T(explanation) T(text))                   \
    M(WarningUnknown, "warning-unknown", "a warn-code the catalogue does not have", T(code))                     \
    M(WarningLead, "warning-lead", "the expert line of a Warning value", T(code) T(text) T(explanation))          \
    M(RetryAfter, "retry-after", "appended to the expert line when Retry-After is present", T(seconds))          \
    M(BasisLine, "basis-line", "an entry's first basis quote as the tree shows it", T(quote) T(rfc))            \
    M(StatsCode, "stats-code", "a code's row in the statistics tree", T(code) T(reason) T(summary))              \
    M(StatsResponses, "stats-responses", "statistics tree: all responses", )                                             \
    M(StatsInvalid, "stats-invalid", "responses without a valid code", )                                                                       \
    M(StatsRetransmissions, "stats-retransmissions", "retransmitted responses", )                                                       \
    M(StatsDiagnoses, "stats-diagnoses", "responses with a diagnosis", )                                                                   \
    M(StatsExpected, "stats-expected", "failures in the normal flow", )                                                                     \
    M(StatsUnexpected, "stats-unexpected", "other failures", )                                                                 \
    M(StatsAuthChallenge, "stats-auth-challenge", "authentication challenges", )                                                          \
    M(StatsAuthStale, "stats-auth-stale", "challenges for a stale nonce", )                                                                  \
    M(StatsAuthRejected, "stats-auth-rejected", "rejected credentials", )                                                            \
    M(StatsAuthLoop, "stats-auth-loop", "challenge loops", )                                                                          \
    M(StatsMissingHeader, "stats-missing-header", "responses missing a required header", )                                                          \
    M(StatsOutcomes, "stats-outcomes", "call outcomes", )                                                         \
    M(Class1, "class-1", "name of class 1xx (tree, statistics, reference page)", ) \
    M(Class2, "class-2", "of class 2xx", ) \
    M(Class3, "class-3", "of class 3xx", ) \
    M(Class4, "class-4", "of class 4xx", ) \
    M(Class5, "class-5", "of class 5xx", ) \
    M(Class6, "class-6", "of class 6xx", ) \
    M(StatusCurrent, "status-current", "registry status current", ) \
    M(StatusDeprecated, "status-deprecated", "registry status deprecated", ) \
    M(StatusObsolete, "status-obsolete", "registry status obsolete", ) \
    M(AuthChallenge, "auth-challenge", "value challenge of sipcat.auth", ) \
    M(AuthStale, "auth-stale", "value stale of sipcat.auth", ) \
    M(AuthRejectedValue, "auth-rejected-value", "value rejected of sipcat.auth", ) \
    M(OutcomeAnswered, "outcome-answered", "value answered of sipcat.call.outcome (also the statistics rows)", ) \
    M(OutcomeBusy, "outcome-busy", "value busy", ) \
    M(OutcomeNoAnswer, "outcome-no-answer", "value no-answer", ) \
    M(OutcomeRejected, "outcome-rejected", "value rejected", ) \
    M(OutcomeCancelled, "outcome-cancelled", "value cancelled", ) \
    M(OutcomeRedirected, "outcome-redirected", "value redirected", ) \
    M(OutcomeAuthFailed, "outcome-auth-failed", "value auth-failed", ) \
    M(OutcomeFailed, "outcome-failed", "value failed", ) \
    M(SourceBuiltin, "source-builtin", "value builtin of sipcat.source", ) \
    M(SourceUser, "source-user", "value user of sipcat.source", ) \
    M(ValueTrue, "value-true", "a true flag in the tree", ) \
    M(ValueFalse, "value-false", "a false flag in the tree", ) \
    M(DecimalMark, "decimal-mark", "the decimal separator of numbers in texts and tree labels (seconds)", ) \
    M(LabelTitle, "label-title", "the title of sipcat's subtree (other languages than English; English keeps Wireshark's names)", ) \
    M(LabelCode, "label-code", "tree label of sipcat.code", ) \
    M(LabelClass, "label-class", "of sipcat.class", ) \
    M(LabelReason, "label-reason", "of sipcat.reason", ) \
    M(LabelSummary, "label-summary", "of sipcat.summary (and the reference page)", ) \
    M(LabelExplanation, "label-explanation", "of sipcat.explanation (and the reference page)", ) \
    M(LabelRemedy, "label-remedy", "of sipcat.remedy (and the reference page)", ) \
    M(LabelRfc, "label-rfc", "of sipcat.rfc", ) \
    M(LabelBasis, "label-basis", "of sipcat.basis", ) \
    M(LabelNote, "label-note", "of sipcat.note (and the reference page)", ) \
    M(LabelStatus, "label-status", "of sipcat.status", ) \
    M(LabelMethod, "label-method", "of sipcat.method", ) \
    M(LabelRequestFrame, "label-request-frame", "of sipcat.request_frame", ) \
    M(LabelRequestUri, "label-request-uri", "of sipcat.request_uri", ) \
    M(LabelRetransmission, "label-retransmission", "of sipcat.retransmission", ) \
    M(LabelAuth, "label-auth", "of sipcat.auth", ) \
    M(LabelExpected, "label-expected", "of sipcat.expected", ) \
    M(LabelOutcome, "label-outcome", "of sipcat.call.outcome", ) \
    M(LabelRetryAfter, "label-retry-after", "of sipcat.retry_after", ) \
    M(LabelQ850Cause, "label-q850-cause", "of sipcat.q850.cause", ) \
    M(LabelQ850Explanation, "label-q850-explanation", "of sipcat.q850.explanation", ) \
    M(LabelReasonSipCause, "label-reason-sip-cause", "of sipcat.reason.sip.cause", ) \
    M(LabelReasonSipExplanation, "label-reason-sip-explanation", "of sipcat.reason.sip.explanation", ) \
    M(LabelReasonText, "label-reason-text", "of sipcat.reason.text", ) \
    M(LabelWarningCode, "label-warning-code", "of sipcat.warning.code", ) \
    M(LabelWarningText, "label-warning-text", "of sipcat.warning.text", ) \
    M(LabelWarningExplanation, "label-warning-explanation", "of sipcat.warning.explanation", ) \
    M(LabelSource, "label-source", "of sipcat.source", ) \
    M(LabelKnown, "label-known", "of sipcat.known", ) \
    M(RefEntry, "ref-entry", "reference page: an entry's class, status and RFC", T(cls) T(class_name) T(status) T(rfc)) \
    M(RefForMethod, "ref-for-method", "reference page: after a label, for a method variant", T(method)) \
    M(RefUnverified, "ref-unverified", "reference page: after a basis quote whose RFC text was not at hand for the check", T(rfc)) \
    M(RefNotChecked, "ref-not-checked", "reference page: made without the RFC folder, no quote was checked", ) \
    M(Q850Also, "q850-also", "appended to q850-explanation: the second SIP code RFC 3398 gives for the cause, and when", \
      T(sip) T(sip_reason) T(when)) \
    M(WarningLeadDefined, "warning-lead-defined", "the expert line of a registered Warning value, with its RFC", \
      T(code) T(text) T(rfc) T(explanation)) \
    M(SilenceInvite, "silence-invite", "findings.cat: expert line of an INVITE without a response", T(state) N(copies) T(waited)) \
    M(SilenceInviteExplanation, "silence-invite-explanation", "explanation of an INVITE without a response (Timer B)", ) \
    M(SilenceInviteRemedy, "silence-invite-remedy", "remedy of an INVITE without a response", ) \
    M(SilenceRegister, "silence-register", "expert line of a REGISTER without a response", T(state) N(copies) T(waited)) \
    M(SilenceRegisterExplanation, "silence-register-explanation", "explanation of a REGISTER without a response", ) \
    M(SilenceRegisterRemedy, "silence-register-remedy", "remedy of a REGISTER without a response", ) \
    M(SilenceOptions, "silence-options", "expert line of an OPTIONS (keep-alive) without a response", T(state) N(copies) T(waited)) \
    M(SilenceOptionsExplanation, "silence-options-explanation", "explanation of an OPTIONS without a response", ) \
    M(SilenceOptionsRemedy, "silence-options-remedy", "remedy of an OPTIONS without a response", ) \
    M(SilenceRequest, "silence-request", "expert line of another non-INVITE request without a response (Timer F)", T(method) T(state) N(copies) T(waited)) \
    M(SilenceRequestExplanation, "silence-request-explanation", "explanation of a non-INVITE request without a response", ) \
    M(SilenceRequestRemedy, "silence-request-remedy", "remedy of a non-INVITE request without a response", ) \
    M(SilenceNoAnswerYet, "silence-no-answer-yet", "{state} on a one-pass read: no response so far", ) \
    M(SilenceNeverAnswered, "silence-never-answered", "{state} when the whole capture was read: never a response", ) \
    M(SilenceLargeUdp, "silence-large-udp", "appended when the request is over 1,300 bytes over UDP", T(size)) \
    M(SilenceNoAck, "silence-no-ack", "expert line of a 2xx to INVITE without an ACK", T(code) T(state) N(copies) T(waited)) \
    M(SilenceNoAckExplanation, "silence-no-ack-explanation", "explanation of a 2xx without an ACK", ) \
    M(SilenceNoAckRemedy, "silence-no-ack-remedy", "remedy of a 2xx without an ACK", ) \
    M(SilenceNoAckYet, "silence-no-ack-yet", "{state} on a one-pass read: no ACK so far", ) \
    M(SilenceNeverAcked, "silence-never-acked", "{state} when the whole capture was read: never an ACK", ) \
    M(SilenceBye, "silence-bye", "expert line of the BYE that ends a call whose 2xx got no ACK", T(delay)) \
    M(SilenceByeExplanation, "silence-bye-explanation", "explanation of that BYE", ) \
    M(SilenceByeRemedy, "silence-bye-remedy", "remedy of that BYE", ) \
    M(SilenceLate, "silence-late", "expert line of a response after the sender's 64*T1", T(code) T(method) T(waited)) \
    M(SilenceLateExplanation, "silence-late-explanation", "explanation of a late response", ) \
    M(SilenceLateRemedy, "silence-late-remedy", "remedy of a late response", ) \
    M(SilenceLimit, "silence-limit", "the watcher's limit was reached: older entries forgotten", T(requests) T(answers)) \
    M(SilenceTitleUnanswered, "silence-title-unanswered", "appended to the title of a request's subtree: no response", T(method)) \
    M(SilenceTitleBye, "silence-title-bye", "appended to the title of the BYE's subtree", ) \
    M(LabelUnanswered, "label-unanswered", "of sipcat.unanswered", ) \
    M(LabelCopies, "label-copies", "of sipcat.unanswered.copies and sipcat.ack_missing.copies", ) \
    M(LabelWaited, "label-waited", "of sipcat.unanswered.waited and sipcat.ack_missing.waited", ) \
    M(LabelAckMissing, "label-ack-missing", "of sipcat.ack_missing", ) \
    M(LabelLate, "label-late", "of sipcat.late", ) \
    M(StatsUnanswered, "stats-unanswered", "statistics tree: transactions marked unanswered, by method", ) \
    M(StatsNoAck, "stats-no-ack", "2xx responses to INVITE marked without ACK", ) \
    M(StatsLate, "stats-late", "responses after the sender's 64*T1", ) \
    M(CancelChallenged, "cancel-challenged", "a 401/407 to a CANCEL, which servers must not send", T(code)) \
    M(AuthCancelChallengedValue, "auth-cancel-challenged-value", "value cancel-challenged of sipcat.auth", ) \
    M(StatsAuthCancelChallenged, "stats-auth-cancel-challenged", "challenges to a CANCEL", )

namespace sipcat {

enum class MessageId : uint16_t {
#define SIPCAT_M_ID(id, name, what, params) id,
#define SIPCAT_NONE(p)
    SIPCAT_MESSAGES(SIPCAT_M_ID, SIPCAT_NONE, SIPCAT_NONE, SIPCAT_NONE)
#undef SIPCAT_M_ID
#undef SIPCAT_NONE
};

#define SIPCAT_M_ONE(id, name, what, params) +1
#define SIPCAT_NONE(p)
constexpr size_t kMessageCount = 0 SIPCAT_MESSAGES(SIPCAT_M_ONE, SIPCAT_NONE, SIPCAT_NONE, SIPCAT_NONE);
#undef SIPCAT_M_ONE
#undef SIPCAT_NONE

enum class PlaceholderKind : uint8_t { Text, Count, Ordinal };

struct Placeholder {
    std::string_view name;
    PlaceholderKind kind;
};

struct MessageSpec {
    MessageId id;
    std::string_view name;  // "auth-loop", as in messages.cat
    std::string_view what;  // for the documentation
    const Placeholder *placeholders;
    size_t placeholder_count;

    // The index of the count placeholder, or -1 when the message has no plural forms.
    int count_index() const;
    int find(std::string_view placeholder) const;  // index, or -1
};

// All messages, in the order of the list above (kMessageCount of them).
const MessageSpec *message_specs();
const MessageSpec &message_spec(MessageId id);
const MessageSpec *find_message_spec(std::string_view name);

// One placeholder's value as a call hands it over.
struct MessageValue {
    PlaceholderKind kind = PlaceholderKind::Text;
    std::string_view text;
    unsigned long number = 0;
};

enum class PluralForm : uint8_t { Any, Zero, One, Other };  // Any: a message without a count

const char *plural_form_name(PluralForm f);  // "", "zero", "one", "other"
// Which plural form `n` takes in `lang`; false when sipcat has no rule for the language.
bool plural_form(std::string_view lang, unsigned long n, PluralForm &form);
// "3rd" (en), "3." (de); false when sipcat has no rule for the language.
bool ordinal(std::string_view lang, unsigned long n, std::string &out);

// The table of catalogue/README.md: one row per message with its placeholders.
std::string message_table_markdown();

// One argument type per message, e.g. msg::AuthLoop(code, nth): its
// constructor takes every placeholder in order, with its type (text or
// number); a call that leaves one out, adds one or swaps kinds does not compile.
namespace msg {

struct TextArg {
    using type = std::string_view;
    static MessageValue value(type v) { return MessageValue{PlaceholderKind::Text, v, 0}; }
};
struct CountArg {
    using type = unsigned long;
    static MessageValue value(type n) { return MessageValue{PlaceholderKind::Count, {}, n}; }
};
struct OrdinalArg {
    using type = unsigned long;
    static MessageValue value(type n) { return MessageValue{PlaceholderKind::Ordinal, {}, n}; }
};

template <MessageId Id, class... Args> struct Message {
    static constexpr MessageId id = Id;
    static constexpr size_t kCount = sizeof...(Args);
    std::array<MessageValue, sizeof...(Args)> values;

    explicit Message(typename Args::type... args) : values{{Args::value(args)...}} {}
};

#define SIPCAT_M_TYPE(ID, name, what, params) using ID = Message<MessageId::ID params>;
#define SIPCAT_T_TYPE(p) , TextArg
#define SIPCAT_N_TYPE(p) , CountArg
#define SIPCAT_O_TYPE(p) , OrdinalArg
SIPCAT_MESSAGES(SIPCAT_M_TYPE, SIPCAT_T_TYPE, SIPCAT_N_TYPE, SIPCAT_O_TYPE)
#undef SIPCAT_M_TYPE
#undef SIPCAT_T_TYPE
#undef SIPCAT_N_TYPE
#undef SIPCAT_O_TYPE

}  // namespace msg
}  // namespace sipcat
