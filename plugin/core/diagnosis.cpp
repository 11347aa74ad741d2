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
            gone(it->first, it->second);
            it = m.erase(it);
        } else {
            ++it;
        }
    }
}

// Stale entries in the queue of finished transactions beyond which it is
// compacted (a clock that stands still expires nothing).
constexpr size_t kQueueSlack = 1024;

}  // namespace

Diagnoser::Call &Diagnoser::call(uint64_t key)
{
    auto it = calls_.find(key);
    if (it == calls_.end()) {
        if (calls_.size() >= kMaxCalls)
            evict(nullptr);
        it = calls_.emplace(key, Call{}).first;
    }
    it->second.order = next_order_++;
    return it->second;
}

// The transaction `key` of call `call_key`, made if new. A call at its limit
// forgets its older half at once, so that each new transaction costs O(1) on
// average (a scan of the table per kMaxTxnsPerCall / 2 new ones).
Diagnoser::Txn &Diagnoser::txn(Call &c, uint64_t call_key, uint64_t key)
{
    auto it = txns_.find(key);
    if (it == txns_.end()) {
        if (c.txns >= kMaxTxnsPerCall)
            halve(call_key, c);
        else if (txns_.size() >= kMaxTxns)
            evict(&c);
        Txn t;
        t.call = call_key;
        it = txns_.emplace(key, t).first;
        ++c.txns;
    }
    it->second.order = next_order_++;
    touched(key, it->second);
    return it->second;
}

// A finished transaction was used: it expires kExpireAfter from now, unless used again.
void Diagnoser::touched(uint64_t key, const Txn &t)
{
    if (!t.final_code)
        return;
    finished_.push_back(Finished{clock_, key, t.order});
    if (finished_.size() <= 2 * txns_.size() + kQueueSlack)
        return;
    // Each transaction has at most one live entry (its latest use), so this
    // leaves at most txns_.size(): O(1) per entry on average.
    const auto stale = [&](const Finished &f) {
        const auto it = txns_.find(f.key);
        return it == txns_.end() || it->second.order != f.order;
    };
    finished_.erase(std::remove_if(finished_.begin(), finished_.end(), stale), finished_.end());
}

// Capture timestamps can go backwards (merged captures, a clock set back) or
// jump: the clock follows only the latest time seen, by at most kMaxClockStep
// a message, so no timestamp can expire a transaction earlier than due.
void Diagnoser::advance(double time)
{
    if (!timed_) {
        if (time == time) {  // not NaN
            latest_ = time;
            timed_ = true;
        }
        return;
    }
    const double step = time - latest_;
    if (!(step > 0))  // backwards, the same, or NaN: the clock stands
        return;
    clock_ += std::min(step, kMaxClockStep);
    latest_ = time;
}

// Forgets the transactions finished kExpireAfter ago and not used since;
// each queue entry is looked at once.
void Diagnoser::expire()
{
    while (!finished_.empty() && clock_ - finished_.front().at >= kExpireAfter) {
        const Finished f = finished_.front();
        finished_.pop_front();
        const auto it = txns_.find(f.key);
        if (it != txns_.end() && it->second.order == f.order)
            forget(it);
    }
}

// An expired transaction goes; so does its call when that was its last one
// and the call holds nothing a later message needs (settled).
void Diagnoser::forget(Txns::iterator it)
{
    const auto c = calls_.find(it->second.call);
    if (it->second.request && release_)
        release_(it->second.request);
    txns_.erase(it);
    if (c == calls_.end() || !c->second.txns)
        return;
    if (--c->second.txns == 0 && settled(c->second))
        calls_.erase(c);
}

// No challenge state (a 2xx reset it, or none came) and no INVITE waiting
// for its outcome: a new Call would give every later message the same
// result, except a response to an expired INVITE (its outcome again) or a
// 481 to a BYE after an answered one (no longer expected), both copies long
// after their transactions ended.
bool Diagnoser::settled(const Call &c)
{
    return c.challenges == 0 && !c.challenge_pending && c.nonce_count == 0 && c.last_challenge == 0 &&
           c.outcome_cseq == c.initial_invite_cseq;
}

// A call at its limit: its older half goes (one scan of the table).
void Diagnoser::halve(uint64_t call_key, Call &c)
{
    std::vector<uint64_t> orders;
    orders.reserve(c.txns);
    for (const auto &entry : txns_)
        if (entry.second.call == call_key)
            orders.push_back(entry.second.order);
    const size_t drop = orders.size() / 2;
    if (drop == 0)
        return;
    std::nth_element(orders.begin(), orders.begin() + (drop - 1), orders.end());
    const uint64_t limit = orders[drop - 1];
    for (auto it = txns_.begin(); it != txns_.end();) {
        if (it->second.call == call_key && it->second.order <= limit) {
            if (it->second.request && release_)
                release_(it->second.request);
            it = txns_.erase(it);
            --c.txns;
        } else {
            ++it;
        }
    }
}

// Forgets the least recently seen tenth of the calls, never `keep`, and
// their transactions (one scan of the table per kMaxCalls / 10 new calls).
void Diagnoser::evict(const Call *keep)
{
    std::vector<uint64_t> gone;
    forget_oldest(calls_, std::max<size_t>(1, calls_.size() / 10), keep, [&](uint64_t key, const Call &c) {
        if (c.txns)
            gone.push_back(key);
    });
    if (gone.empty())
        return;
    std::sort(gone.begin(), gone.end());
    for (auto it = txns_.begin(); it != txns_.end();) {
        if (std::binary_search(gone.begin(), gone.end(), it->second.call)) {
            if (it->second.request && release_)
                release_(it->second.request);
            it = txns_.erase(it);
        } else {
            ++it;
        }
    }
}

void Diagnoser::clear()
{
    if (release_)
        for (const auto &entry : txns_)
            if (entry.second.request)
                release_(entry.second.request);
    Txns().swap(txns_);  // also gives back the bucket arrays
    Calls().swap(calls_);
    std::deque<Finished>().swap(finished_);
    next_order_ = 0;
    clock_ = latest_ = 0;
    timed_ = false;
}

size_t Diagnoser::largest_call() const
{
    size_t most = 0;
    for (const auto &entry : calls_)
        most = std::max<size_t>(most, entry.second.txns);
    return most;
}

const void **Diagnoser::on_request(const RequestFacts &r)
{
    advance(r.time);
    expire();
    // ACK is never answered (RFC 3261 §17.1.1.3): nothing to pair.
    if (r.resend || r.call_id.empty() || r.method == "ACK")
        return nullptr;
    const uint64_t ck = key_of(r.call_id);
    Call &c = call(ck);
    if (r.method == "CANCEL")  // it carries the branch of the INVITE it cancels (RFC 3261 §9.1)
        txn(c, ck, transaction_key(ck, r.branch, r.cseq, "INVITE")).flags |= kCancelled;
    Txn &t = txn(c, ck, transaction_key(ck, r.branch, r.cseq, r.method));
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
    advance(r.time);
    expire();
    Diagnosis d;
    d.missing = static_cast<uint16_t>(required_headers(r.code) & ~r.headers);
    if (r.call_id.empty()) {
        if (r.resend) {
            d.retransmission = true;
            d.missing = 0;
        }
        return d;
    }
    const uint64_t ck = key_of(r.call_id);
    Call &c = call(ck);
    const uint64_t key = transaction_key(ck, r.branch, r.cseq, r.method);
    const auto it = txns_.find(key);
    // A transaction forgotten (expired, or beyond a limit): as if its request was not seen.
    Txn *t = it == txns_.end() ? nullptr : &it->second;
    if (t) {
        t->order = next_order_++;
        d.request_frame = t->frame;
        d.request = t->request;
    }
    // Retransmitted, or a mirrored copy Wireshark did not mark: named, not diagnosed again.
    if (r.resend || (t && r.code >= 200 && t->final_code == r.code)) {
        if (t)
            touched(key, *t);
        d.retransmission = true;
        d.missing = 0;
        return d;
    }
    if (t && r.code >= 200)
        t->final_code = static_cast<uint16_t>(r.code);
    if (t)
        touched(key, *t);

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
