// The fixed rules of the diagnosis: names, the headers a code requires, and
// the outcome a final response gives a call.
#include "diagnosis_rules.h"

namespace sipcat {

const char *auth_state_name(AuthState s)
{
    switch (s) {
    case AuthState::Challenge: return "challenge";
    case AuthState::Stale: return "stale";
    case AuthState::Rejected: return "rejected";
    case AuthState::CancelChallenged: return "cancel-challenged";
    case AuthState::None: break;
    }
    return "";
}

const char *call_outcome_name(CallOutcome o)
{
    switch (o) {
    case CallOutcome::Answered: return "answered";
    case CallOutcome::Busy: return "busy";
    case CallOutcome::NoAnswer: return "no-answer";
    case CallOutcome::Rejected: return "rejected";
    case CallOutcome::Cancelled: return "cancelled";
    case CallOutcome::Redirected: return "redirected";
    case CallOutcome::AuthFailed: return "auth-failed";
    case CallOutcome::Failed: return "failed";
    case CallOutcome::None: break;
    }
    return "";
}

const char *header_name(HeaderBit h)
{
    switch (h) {
    case kWwwAuthenticate: return "WWW-Authenticate";
    case kProxyAuthenticate: return "Proxy-Authenticate";
    case kAllow: return "Allow";
    case kUnsupported: return "Unsupported";
    case kRequire: return "Require";
    case kMinExpires: return "Min-Expires";
    case kMinSE: return "Min-SE";
    case kSecurityServer: return "Security-Server";
    case kContact: return "Contact";
    }
    return "";
}

uint16_t required_headers(unsigned code)
{
    switch (code) {
    case 401: return kWwwAuthenticate;  // RFC 3261 §22.2
    case 407: return kProxyAuthenticate;  // §22.3
    case 405: return kAllow;  // §21.4.6
    case 420: return kUnsupported;  // §21.4.15
    case 421: return kRequire;  // §21.4.16
    case 422: return kMinSE;  // RFC 4028 §6
    case 423: return kMinExpires;  // §10.3
    case 494: return kSecurityServer;  // RFC 3329 §2.3
    case 300:
    case 301:
    case 302:
    case 305: return kContact;  // the new targets (§21.3); 380 describes them in its body
    default: return 0;
    }
}

CallOutcome outcome_for(unsigned code, AuthState auth, int q850)
{
    if (code >= 200 && code < 300)
        return CallOutcome::Answered;
    if (auth == AuthState::Challenge || auth == AuthState::Stale)
        return CallOutcome::None;  // the INVITE is about to be sent again with credentials
    if (auth == AuthState::Rejected)
        return CallOutcome::AuthFailed;
    if (code >= 300 && code < 400)
        return CallOutcome::Redirected;
    switch (q850) {  // the cause a gateway reports beats the SIP code it mapped it to
    case 17: return CallOutcome::Busy;
    case 18:
    case 19: return CallOutcome::NoAnswer;
    case 21: return CallOutcome::Rejected;
    default: break;
    }
    switch (code) {
    case 486:
    case 600: return CallOutcome::Busy;
    case 408:
    case 480: return CallOutcome::NoAnswer;
    case 487: return CallOutcome::Cancelled;
    case 403:
    case 603:
    case 607:
    case 608: return CallOutcome::Rejected;
    default: return code >= 400 ? CallOutcome::Failed : CallOutcome::None;
    }
}

}  // namespace sipcat
