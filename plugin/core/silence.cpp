#include "silence.h"

#include <algorithm>
#include <vector>

#include "key_hash.h"

namespace sipcat {

namespace {

bool is(std::string_view a, std::string_view b) { return a == b; }

// A new copy, unless it is the latest one captured again (kSameCopy).
void count_copy(Watch &w, double time)
{
    if (w.copies == 0 || time - w.last_time >= SilenceWatcher::kSameCopy)
        ++w.copies;
    w.last_time = time;
}

// The finding of a copy of a watched message: which copy, how long after the first.
SilenceFinding copy_finding(SilenceKind kind, Watch *w, double time)
{
    SilenceFinding f;
    f.kind = kind;
    f.watch = w;
    f.copy = w->copies;
    f.elapsed = time - w->first_time;
    f.pending = !w->settled;
    return f;
}

}  // namespace

// `watched(entry)` gives an entry's first watch: its age and whether it settled decide.
template <class T, class Watched> void SilenceWatcher::make_room(T &t, size_t limit, double now, Watched watched)
{
    if (t.size() < limit)
        return;
    // Settled ones and those past 2 x 64*T1 tell nothing more.
    for (auto it = t.begin(); it != t.end();) {
        const Watch *w = watched(it->second);
        if (w->settled || now - w->last_time > 2 * kTimeout) {
            let_go(it->second);
            it = t.erase(it);
        } else {
            ++it;
        }
    }
    if (t.size() < limit - limit / 10)
        return;
    std::vector<double> firsts;
    firsts.reserve(t.size());
    for (const auto &e : t)
        firsts.push_back(watched(e.second)->first_time);
    const size_t tenth = std::max<size_t>(1, t.size() / 10);
    std::nth_element(firsts.begin(), firsts.begin() + (tenth - 1), firsts.end());
    const double cut = firsts[tenth - 1];
    for (auto it = t.begin(); it != t.end();) {
        Watch *w = watched(it->second);
        if (w->first_time <= cut) {
            limit_hit_ = limit_hit_ || !w->settled;
            w->forgotten = !w->settled;
            let_go(it->second);
            it = t.erase(it);
        } else {
            ++it;
        }
    }
}

SilenceFinding SilenceWatcher::on_request(const SilenceRequest &r)
{
    SilenceFinding f;
    seen_until_ = std::max(seen_until_, r.time);
    if (r.call_id.empty())
        return f;
    if (is(r.method, "ACK")) {
        // The ACK of a 2xx is its own transaction with the INVITE's CSeq number (RFC 3261 §13.2.2.4).
        auto it = answers_.find(key_of(r.call_id));
        if (it != answers_.end() && it->second.cseq == r.cseq)
            for (uint8_t i = 0; i < it->second.legs; ++i)
                it->second.watch[i]->settled = true;
        return f;
    }
    if (is(r.method, "BYE")) {
        auto it = answers_.find(key_of(r.call_id));
        for (uint8_t i = 0; it != answers_.end() && i < it->second.legs; ++i) {
            if (it->second.watch[i]->settled)
                continue;
            f.kind = SilenceKind::Bye;
            f.watch = it->second.watch[i];
            f.elapsed = r.time - f.watch->first_time;
            f.pending = true;
            // The BYE is a request too: it is watched below, its finding is the 2xx's.
            break;
        }
    }
    const uint64_t key = transaction_key(key_of(r.call_id), r.branch, r.cseq, r.method);
    auto it = requests_.find(key);
    Watch *w;
    if (it == requests_.end()) {
        make_room(requests_, kMaxRequests, r.time, [](const Pending &p) { return p.watch; });
        w = alloc_(ctx_);
        if (!w)
            return f;
        w->first_time = r.time;
        w->first_frame = r.frame;
        if (r.udp && r.size > kMtuLimit)
            w->size = r.size;
        requests_.emplace(key, Pending{w});
    } else {
        w = it->second.watch;
    }
    count_copy(*w, r.time);
    if (f.kind == SilenceKind::Bye)
        return f;
    return copy_finding(SilenceKind::Request, w, r.time);
}

SilenceFinding SilenceWatcher::on_response(const SilenceResponse &r)
{
    SilenceFinding f;
    seen_until_ = std::max(seen_until_, r.time);
    if (r.call_id.empty())
        return f;
    auto it = requests_.find(transaction_key(key_of(r.call_id), r.branch, r.cseq, r.method));
    if (it != requests_.end() && !it->second.watch->settled) {
        Watch *w = it->second.watch;
        w->settled = true;
        // The sender gave up at 64*T1: this answer reaches no one waiting (Timer B, Timer F).
        if (r.time - w->first_time > kTimeout) {
            f.kind = SilenceKind::Late;
            f.watch = w;
            f.elapsed = r.time - w->first_time;
        }
    }
    if (r.code < 200 || r.code > 299 || !is(r.method, "INVITE"))
        return f;
    const uint64_t call = key_of(r.call_id), branch = key_of(r.branch);
    auto a = answers_.find(call);
    if (a == answers_.end()) {
        make_room(answers_, kMax2xx, r.time, [](const Answered &e) { return e.watch[0]; });
        a = answers_.emplace(call, Answered{}).first;
    }
    Answered &e = a->second;
    if (e.legs && e.cseq != r.cseq) {
        let_go(e);
        e = Answered{};  // a new INVITE (re-INVITE): its 2xx is watched afresh
    }
    e.cseq = r.cseq;
    uint8_t leg = 0;
    while (leg < e.legs && e.branch[leg] != branch)
        ++leg;
    Watch *w;
    if (leg < e.legs) {
        w = e.watch[leg];
    } else if (e.legs == kLegs) {
        w = e.watch[kLegs - 1];  // more legs than kLegs: the last one's watch is shared (a copy counts on it)
    } else {
        w = alloc_(ctx_);
        if (!w) {
            if (!e.legs)
                answers_.erase(a);
            return f;
        }
        w->first_time = r.time;
        w->first_frame = r.frame;
        e.branch[e.legs] = branch;
        e.watch[e.legs++] = w;
    }
    count_copy(*w, r.time);
    if (f.kind == SilenceKind::Late)  // a late 2xx: the lateness is the news
        return f;
    return copy_finding(SilenceKind::Answer, w, r.time);
}

bool SilenceWatcher::take_limit_note()
{
    if (!limit_hit_ || limit_told_)
        return false;
    limit_told_ = true;
    return true;
}

void SilenceWatcher::clear()
{
    for (const auto &e : requests_)
        let_go(e.second);
    for (const auto &e : answers_)
        let_go(e.second);
    Table().swap(requests_);
    Answers().swap(answers_);
    limit_hit_ = limit_told_ = false;
    seen_until_ = 0;
}

bool SilenceWatcher::marks(const SilenceFinding &f, bool final) const
{
    if (!f.watch)
        return false;
    const bool know_end = final && !f.watch->forgotten;
    const bool waited = f.watch->copies >= 2 || seen_until_ - f.watch->first_time >= kTimeout;
    switch (f.kind) {
    case SilenceKind::Request:
    case SilenceKind::Answer:
        return know_end ? !f.watch->settled && waited : f.pending && f.copy >= 2;
    case SilenceKind::Bye: return know_end ? !f.watch->settled : f.pending;
    case SilenceKind::Late: return true;
    case SilenceKind::None: break;
    }
    return false;
}

}  // namespace sipcat
