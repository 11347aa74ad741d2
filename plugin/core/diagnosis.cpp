#include "diagnosis.h"

#include <algorithm>
#include <vector>

#include "diagnosis_rules.h"
#include "key_hash.h"

namespace sipcat {

namespace {

// A nonce is a quoted-string (RFC 2617 §3.2.1); some peers leave the quotes off.
uint64_t nonce_key(std::string_view s)
{
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"')
        s = s.substr(1, s.size() - 2);
    return s.empty() ? 0 : key_of(s);
}

// Transactions match by top Via branch and method (RFC 3261 §17.1.3,
// §17.2.3), so the two legs through a proxy stay apart; without a branch
// (RFC 2543 peers), by CSeq number and method. The CSeq number, the same in
// all messages of a transaction, also keeps apart the transactions of a
// client that reuses its branch.
uint64_t txn_key(std::string_view branch, uint32_t cseq, std::string_view method)
{
    return KeyHash().u32(cseq).text(branch).text(method).done();
}

// Erases the `drop` least recently used entries of `m` (by their `order`,
// which is unique) except `keep`, telling `gone` about each.
template <class Map, class Gone>
void forget_oldest(Map &m, size_t drop, const typename Map::mapped_type *keep, Gone gone)
{
    std::vector<uint64_t> orders;
    orders.reserve(m.size());
    for (const auto &entry : m)
        if (&entry.second != keep)
            orders.push_back(entry.second.order);
    drop = std::min(drop, orders.size());
    if (drop == 0)
        return;
    std::nth_element(orders.begin(), orders.begin() + (drop - 1), orders.end());
    const uint64_t limit = orders[drop - 1];
    for (auto it = m.begin(); it != m.end();) {
        if (&it->second != keep && it->second.order <= limit) {
            gone(it->second);
            it = m.erase(it);
        } else {
            ++it;
        }
    }
}

}  // namespace

Diagnoser::Call &Diagnoser::call(std::string_view call_id)
{
    const uint64_t key = key_of(call_id);
    auto it = calls_.find(key);
    if (it == calls_.end()) {
        if (calls_.size() >= kMaxCalls)
            evict(nullptr);
        it = calls_.emplace(key, Call{}).first;
    }
    it->second.order = next_order_++;
    return it->second;
}

// The transaction `key` of a call, made if new. A call at its limit forgets
// its older half at once, so that each new transaction costs O(1) on average.
Diagnoser::Txn &Diagnoser::txn(Call &c, uint64_t key)
{
    auto it = c.txns.find(key);
    if (it == c.txns.end()) {
        if (c.txns.size() >= kMaxTxnsPerCall) {
            forget_oldest(c.txns, c.txns.size() / 2, nullptr, [&](const Txn &) { --txn_count_; });
            c.txns.rehash(0);  // give the buckets of the forgotten half back
        } else if (txn_count_ >= kMaxTxns) {
            evict(&c);
        }
        it = c.txns.emplace(key, Txn{}).first;
        ++txn_count_;
    }
    it->second.order = next_order_++;
    return it->second;
}

// Forgets the least recently seen tenth of the calls, never `keep`.
void Diagnoser::evict(const Call *keep)
{
    forget_oldest(calls_, std::max<size_t>(1, calls_.size() / 10), keep,
                  [&](const Call &gone) { txn_count_ -= gone.txns.size(); });
}

void Diagnoser::clear()
{
    Calls().swap(calls_);  // also gives back the bucket array
    txn_count_ = 0;
    next_order_ = 0;
}

size_t Diagnoser::largest_call() const
{
    size_t most = 0;
    for (const auto &entry : calls_)
        most = std::max(most, entry.second.txns.size());
    return most;
}

const void **Diagnoser::on_request(const RequestFacts &r)
{
    // ACK is never answered (RFC 3261 §17.1.1.3): nothing to pair.
    if (r.resend || r.call_id.empty() || r.method == "ACK")
        return nullptr;
    Call &c = call(r.call_id);
    if (r.method == "CANCEL")  // it carries the branch of the INVITE it cancels (RFC 3261 §9.1)
        txn(c, txn_key(r.branch, r.cseq, "INVITE")).flags |= kCancelled;
    Txn &t = txn(c, txn_key(r.branch, r.cseq, r.method));
    if (t.frame)
        return nullptr;  // a copy Wireshark did not mark (mirrored traffic): the first copy is the request
    t.flags = static_cast<uint8_t>((t.flags & kCancelled) | (r.authorization ? kAuthorization : 0) |
                                   (r.proxy_authorization ? kProxyAuthorization : 0));
    t.nonce = nonce_key(r.nonce);
    t.frame = r.frame;
    if (r.method == "INVITE" && !r.in_dialog)
        c.initial_invite_cseq = r.cseq;
    return &t.request;
}

// A 401 or 407: which kind of challenge it is, and whether it closes a loop.
AuthState Diagnoser::challenge(Call &c, const Txn *t, const ResponseFacts &r, Diagnosis &d)
{
    AuthState auth = AuthState::Challenge;  // to a request without credentials: always
    if (t && (t->flags & (r.code == 401 ? kAuthorization : kProxyAuthorization))) {
        // Credentials that answered the latest challenge were wrong; older
        // ones (a refresh reusing a cached nonce) only need the new nonce.
        bool answered_latest = c.challenge_pending;
        if (t->nonce && c.nonce_count)
            answered_latest = std::find(c.nonces.begin(), c.nonces.begin() + c.nonce_count, t->nonce) !=
                              c.nonces.begin() + c.nonce_count;
        auth = r.stale || !answered_latest ? AuthState::Stale : AuthState::Rejected;
    }

    // The same challenge forwarded on another leg of a proxy (same CSeq and
    // method; a retry after a challenge has a new CSeq, RFC 3261 §8.1.3.5) counts once.
    const uint64_t which = KeyHash().u32(r.cseq).text(r.method).done();
    if (which != c.last_challenge) {
        c.last_challenge = which;
        const uint32_t n = ++c.challenges;
        if (n >= kChallengeLoop) {
            const uint32_t earlier = std::min<uint32_t>(n - 1, kLoopFrames);
            for (uint32_t i = 0; i < earlier; ++i)
                d.loop_frames[i] = c.loop_frames[(n - 1 - earlier + i) % kLoopFrames];
            d.loop_frame_count = static_cast<uint8_t>(earlier);
            d.auth_loop = n;
        }
        c.loop_frames[(n - 1) % kLoopFrames] = r.frame;
    }

    c.nonce_count = 0;
    for (size_t i = 0; i < r.nonce_count && i < kMaxNonces; ++i)
        if (const uint64_t k = nonce_key(r.nonces[i]))
            c.nonces[c.nonce_count++] = k;
    c.challenge_pending = true;
    return auth;
}

Diagnosis Diagnoser::on_response(const ResponseFacts &r)
{
    Diagnosis d;
    d.missing = static_cast<uint16_t>(required_headers(r.code) & ~r.headers);
    if (r.call_id.empty()) {
        if (r.resend) {
            d.retransmission = true;
            d.missing = 0;
        }
        return d;
    }
    Call &c = call(r.call_id);
    const auto it = c.txns.find(txn_key(r.branch, r.cseq, r.method));
    Txn *t = it == c.txns.end() ? nullptr : &it->second;
    if (t) {
        t->order = next_order_++;
        d.request_frame = t->frame;
        d.request = t->request;
    }
    // Retransmitted, or a mirrored copy Wireshark did not mark: named, not diagnosed again.
    if (r.resend || (t && r.code >= 200 && t->final_code == r.code)) {
        d.retransmission = true;
        d.missing = 0;
        return d;
    }
    if (t && r.code >= 200)
        t->final_code = static_cast<uint16_t>(r.code);

    if ((r.code == 401 || r.code == 407) && r.method == "CANCEL") {
        // Servers MUST NOT challenge a CANCEL: it cannot be resent with
        // credentials (RFC 3261 §22.1). Not expected, and no step of an
        // authentication exchange: it neither counts towards a loop nor
        // replaces the nonces the INVITE's challenge offered.
        d.auth = AuthState::CancelChallenged;
    } else if (r.code == 401 || r.code == 407) {
        d.auth = challenge(c, t, r, d);
    } else if (r.code == 403 && t && (t->flags & (kAuthorization | kProxyAuthorization))) {
        d.auth = AuthState::Rejected;
    } else if (r.code >= 200 && r.code < 300) {
        // A success ends any loop; a later reuse of the answered nonce is a refresh.
        c.challenges = 0;
        c.last_challenge = 0;
        c.nonce_count = 0;
        c.challenge_pending = false;
    }

    d.expected = d.auth == AuthState::Challenge || d.auth == AuthState::Stale ||
                 (r.code == 487 && r.method == "INVITE" && t && (t->flags & kCancelled)) ||
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
    return d;
}

}  // namespace sipcat
