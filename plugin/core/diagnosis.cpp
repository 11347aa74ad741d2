#include "diagnosis.h"

#include <algorithm>

namespace sipcat {

const char *auth_state_name(AuthState s)
{
    switch (s) {
    case AuthState::Challenge: return "challenge";
    case AuthState::Stale: return "stale";
    case AuthState::Rejected: return "rejected";
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

namespace {

// Transactions match by top Via branch and method (RFC 3261 §17.1.3,
// §17.2.3), so the two legs through a proxy stay apart; without a branch
// (RFC 2543 peers), by CSeq.
std::string bounded(const std::string &s)
{
    return s.size() <= Diagnoser::kMaxText ? s : s.substr(0, Diagnoser::kMaxText);
}

std::string txn_key(const std::string &branch, uint32_t cseq, const std::string &method)
{
    return (branch.empty() ? "#" + std::to_string(cseq) : bounded(branch)) + " " + bounded(method);
}

// Heap held by a string beyond its object (short strings are held inline).
size_t heap(const std::string &s)
{
    return s.capacity() > 15 ? s.capacity() + 1 : 0;
}

constexpr size_t kNodeOverhead = 4 * sizeof(void *);  // hash node and bucket, roughly

// Erases the `drop` least recently used entries of `m` (by their `order`,
// which is unique), telling `gone` the bytes each one held.
template <class Map, class Gone>
void forget_oldest(Map &m, size_t drop, Gone gone)
{
    if (drop == 0 || m.empty())
        return;
    std::vector<uint64_t> orders;
    orders.reserve(m.size());
    for (const auto &entry : m)
        orders.push_back(entry.second.order);
    drop = std::min(drop, orders.size());
    std::nth_element(orders.begin(), orders.begin() + (drop - 1), orders.end());
    const uint64_t limit = orders[drop - 1];
    for (auto it = m.begin(); it != m.end();) {
        if (it->second.order <= limit) {
            gone(it->second.cost);
            it = m.erase(it);
        } else {
            ++it;
        }
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

}  // namespace

Diagnoser::Calls::iterator Diagnoser::call(const std::string &call_id)
{
    const std::string key = bounded(call_id);
    auto it = calls_.find(key);
    if (it == calls_.end()) {
        if (calls_.size() >= kMaxCalls)
            evict();
        it = calls_.emplace(key, Call{}).first;
        it->second.cost = sizeof(Call) + kNodeOverhead + heap(it->first);
        bytes_ += it->second.cost;
    }
    it->second.order = next_order_++;
    return it;
}

// The transaction `key` of a call, made if new. A call at its limit forgets
// its older half at once, so that each new transaction costs O(1) on average.
Diagnoser::Txn &Diagnoser::txn(Call &c, const std::string &key)
{
    auto it = c.txns.find(key);
    if (it == c.txns.end()) {
        if (c.txns.size() >= kMaxTxnsPerCall)
            forget_oldest(c.txns, c.txns.size() / 2, [&](size_t cost) {
                c.cost -= cost;
                bytes_ -= cost;
            });
        it = c.txns.emplace(key, Txn{}).first;
    }
    it->second.order = next_order_++;
    return it->second;
}

// Counts a transaction's bytes again after a change.
void Diagnoser::recount(Call &c, const std::string &key, Txn &t)
{
    const size_t cost = sizeof(Txn) + sizeof(std::string) + kNodeOverhead + heap(key) + heap(t.username) +
                        heap(t.nonce) + heap(t.request_uri);
    c.cost = c.cost - t.cost + cost;
    bytes_ = bytes_ - t.cost + cost;
    t.cost = cost;
}

void Diagnoser::recount_nonces(Call &c)
{
    size_t cost = 0;
    for (const std::string &n : c.last_nonces)
        cost += sizeof(std::string) + heap(n);
    c.cost = c.cost - c.nonce_cost + cost;
    bytes_ = bytes_ - c.nonce_cost + cost;
    c.nonce_cost = cost;
}

// Over budget, the oldest calls go; never the one just used, which is the newest.
void Diagnoser::keep_budget()
{
    if (bytes_ > kMaxBytes && calls_.size() > 1)
        evict();
}

// Forgets the least recently seen tenth of the calls.
void Diagnoser::evict()
{
    forget_oldest(calls_, std::max<size_t>(1, calls_.size() / 10), [&](size_t cost) { bytes_ -= cost; });
}

void Diagnoser::clear()
{
    Calls().swap(calls_);  // also gives back the bucket array
    next_order_ = 0;
    bytes_ = 0;
}

void Diagnoser::on_request(const RequestFacts &r)
{
    if (r.resend || r.call_id.empty())
        return;
    Call &c = call(r.call_id)->second;
    if (r.method == "CANCEL") {
        const std::string key = txn_key(r.branch, r.cseq, "INVITE");
        Txn &t = txn(c, key);
        t.cancelled = true;
        recount(c, key, t);
    } else {
        const std::string key = txn_key(r.branch, r.cseq, r.method);
        Txn &t = txn(c, key);
        t.authorization = r.authorization;
        t.proxy_authorization = r.proxy_authorization;
        t.username = bounded(r.username);
        t.nonce = bounded(r.nonce);
        t.request_uri = bounded(r.request_uri);
        t.frame = r.frame;
        if (r.method == "INVITE" && !r.in_dialog)
            c.initial_invite_cseq = r.cseq;
        recount(c, key, t);
    }
    keep_budget();
}

Diagnosis Diagnoser::on_response(const ResponseFacts &r)
{
    Diagnosis d;
    if (r.resend) {
        d.retransmission = true;
        return d;
    }
    d.missing = static_cast<uint16_t>(required_headers(r.code) & ~r.headers);
    if (r.call_id.empty())
        return d;
    Call &c = call(r.call_id)->second;
    const auto it = c.txns.find(txn_key(r.branch, r.cseq, r.method));
    Txn *t = it == c.txns.end() ? nullptr : &it->second;
    if (t) {
        d.request_frame = t->frame;
        d.request_uri = t->request_uri;
        // Mirrored or retransmitted copies that Wireshark did not mark.
        if (r.code >= 200 && t->final_code == r.code) {
            d.retransmission = true;
            d.missing = 0;
            return d;
        }
        if (r.code >= 200)
            t->final_code = r.code;
    }

    if (r.code == 401 || r.code == 407) {
        const bool credentials = t && (r.code == 401 ? t->authorization : t->proxy_authorization);
        d.challenges = ++c.challenges;
        if (credentials) {
            // Credentials that answered the latest challenge were wrong; older
            // ones (a refresh reusing a cached nonce) only need the new nonce.
            const bool answered_latest =
                t->nonce.empty() ? c.challenges > 1
                                 : std::find(c.last_nonces.begin(), c.last_nonces.end(), t->nonce) != c.last_nonces.end();
            d.auth = r.stale || !answered_latest ? AuthState::Stale : AuthState::Rejected;
            if (d.auth == AuthState::Rejected)
                d.username = t->username;
        } else {
            d.auth = c.challenges >= kChallengeLoop ? AuthState::Rejected : AuthState::Challenge;
        }
        c.last_nonces.clear();
        for (size_t i = 0; i < r.nonces.size() && i < kMaxNonces; ++i)
            c.last_nonces.push_back(bounded(r.nonces[i]));
    } else if (r.code == 403 && t && (t->authorization || t->proxy_authorization)) {
        d.auth = AuthState::Rejected;
        d.username = t->username;
    } else if (r.code >= 200 && r.code < 300) {
        c.challenges = 0;
        c.last_nonces.clear();  // answered: a later reuse of that nonce is a refresh
    }

    d.expected = d.auth == AuthState::Challenge || d.auth == AuthState::Stale ||
                 (r.code == 487 && r.method == "INVITE" && t && t->cancelled) ||
                 (r.code == 481 && r.method == "CANCEL") || (r.code == 481 && r.method == "BYE" && c.ended) ||
                 r.code == 491;

    if (r.method == "BYE" && r.code >= 200 && r.code < 300)
        c.ended = true;

    // The outcome of a call: the final response to its out-of-dialog INVITE.
    const bool initial_invite = r.method == "INVITE" && (!t || r.cseq == c.initial_invite_cseq);
    if (initial_invite && r.code >= 200 && c.outcome_cseq != r.cseq) {
        d.outcome = outcome_for(r.code, d.auth, r.q850);
        if (d.outcome != CallOutcome::None)
            c.outcome_cseq = r.cseq;
    }
    recount_nonces(c);
    keep_budget();
    return d;
}

}  // namespace sipcat
