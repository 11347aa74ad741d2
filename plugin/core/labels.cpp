#include "labels.h"

namespace sipcat {

MessageId class_message(unsigned cls)
{
    switch (cls) {
    case 1: return MessageId::Class1;
    case 2: return MessageId::Class2;
    case 3: return MessageId::Class3;
    case 4: return MessageId::Class4;
    case 5: return MessageId::Class5;
    default: return MessageId::Class6;
    }
}

MessageId status_message(EntryStatus s)
{
    switch (s) {
    case EntryStatus::Deprecated: return MessageId::StatusDeprecated;
    case EntryStatus::Obsolete: return MessageId::StatusObsolete;
    case EntryStatus::Current: break;
    }
    return MessageId::StatusCurrent;
}

MessageId auth_message(AuthState s)
{
    switch (s) {
    case AuthState::Stale: return MessageId::AuthStale;
    case AuthState::Rejected: return MessageId::AuthRejectedValue;
    case AuthState::CancelChallenged: return MessageId::AuthCancelChallengedValue;
    default: return MessageId::AuthChallenge;
    }
}

MessageId outcome_message(CallOutcome o)
{
    switch (o) {
    case CallOutcome::Answered: return MessageId::OutcomeAnswered;
    case CallOutcome::Busy: return MessageId::OutcomeBusy;
    case CallOutcome::NoAnswer: return MessageId::OutcomeNoAnswer;
    case CallOutcome::Rejected: return MessageId::OutcomeRejected;
    case CallOutcome::Cancelled: return MessageId::OutcomeCancelled;
    case CallOutcome::Redirected: return MessageId::OutcomeRedirected;
    case CallOutcome::AuthFailed: return MessageId::OutcomeAuthFailed;
    default: return MessageId::OutcomeFailed;
    }
}

std::string class_label(const Catalogue &cat, unsigned cls, std::string_view lang)
{
    return cls >= 1 && cls <= 6 ? cat.text(class_message(cls), lang) : std::string();
}

}  // namespace sipcat
