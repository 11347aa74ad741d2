#include "silence.h"

#include <algorithm>
#include <vector>

#include "key_hash.h"

namespace sipcat {

namespace {

// A transaction: Call-ID, top Via branch, CSeq number and method (RFC 3261
// §17.1.3; the CSeq number also keeps apart RFC 2543 peers without a branch).
uint64_t txn_key(std::string_view call_id, std::string_view branch, uint32_t cseq, std::string_view method)
{
    return KeyHash().text(call_id).text(branch).u32(cseq).text(method).done();
}

bool is(std::string_view a, std::string_view b) { return a == b; }

}  // namespace

void SilenceWatcher::make_room(Table &t, size_t limit, double now)
{
    if (t.size() < limit)
        return;
    // Settled ones and those past 2 x 64*T1 tell nothing more.
    for (auto it = t.begin(); it != t.end();)
        it = it->second.watch->settled || now - it->second.watch->last_time > 2 * kTimeout ? t.erase(it) : ++it;
    if (t.size() < limit - limit / 10)
        return;
    std::vector<double> firsts;
    firsts.reserve(t.size());
    for (const auto &e : t)
        firsts.push_back(e.second.watch->first_time);
    const size_t tenth = std::max<size_t>(1, t.size() / 10);
    std::nth_element(firsts.begin(), firsts.begin() + (tenth - 1), firsts.end());
    const double cut = firsts[tenth - 1];
    for (auto it = t.begin(); it != t.end();) {
        if (it->second.watch->first_time <= cut) {
            it->second.watch->forgotten = true;
            limit_hit_ = true;
            it = t.erase(it);
        } else {
            ++it;
        }
    }
}

SilenceFinding SilenceWatcher::on_request(const SilenceRequest &r)
{
    SilenceFinding f;
    if (r.call_id.empty())
        return f;
    if (is(r.method, "ACK")) {
        // The ACK of a 2xx is its own transaction with the INVITE's CSeq number (RFC 3261 §13.2.2.4).
        auto it = answers_.find(key_of(r.call_id));
        if (it != answers_.end() && it->second.cseq == r.cseq)
            it->second.watch->settled = true;
        return f;
    }
    if (is(r.method, "BYE")) {
        auto it = answers_.find(key_of(r.call_id));
        if (it != answers_.end() && !it->second.watch->settled) {
            f.kind = SilenceKind::Bye;
            f.watch = it->second.watch;
            f.elapsed = r.time - f.watch->first_time;
            f.pending = true;
            // The BYE is a request too: it is watched below, its finding is the 2xx's.
        }
    }
    const uint64_t key = txn_key(r.call_id, r.branch, r.cseq, r.method);
    auto it = requests_.find(key);
    Watch *w;
    if (it == requests_.end()) {
        make_room(requests_, kMaxRequests, r.time);
        w = alloc_(ctx_);
        if (!w)
            return f;
        w->first_time = r.time;
        w->first_frame = r.frame;
        if (r.udp && r.size > kMtuLimit)
            w->size = r.size;
        requests_.emplace(key, Pending{w, 0});
    } else {
        w = it->second.watch;
    }
    ++w->copies;
    w->last_time = r.time;
    if (f.kind == SilenceKind::Bye)
        return f;
    f.kind = SilenceKind::Request;
    f.watch = w;
    f.copy = w->copies;
    f.elapsed = r.time - w->first_time;
    f.pending = !w->settled;
    return f;
}

SilenceFinding SilenceWatcher::on_response(const SilenceResponse &r)
{
    SilenceFinding f;
    if (r.call_id.empty())
        return f;
    auto it = requests_.find(txn_key(r.call_id, r.branch, r.cseq, r.method));
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
    const uint64_t call = key_of(r.call_id);
    auto a = answers_.find(call);
    Watch *w;
    if (a == answers_.end() || a->second.cseq != r.cseq) {
        if (a == answers_.end())
            make_room(answers_, kMax2xx, r.time);
        w = alloc_(ctx_);
        if (!w)
            return f;
        w->first_time = r.time;
        w->first_frame = r.frame;
        answers_[call] = Pending{w, r.cseq};
    } else {
        w = a->second.watch;
    }
    ++w->copies;
    w->last_time = r.time;
    if (f.kind == SilenceKind::Late)  // a late 2xx: the lateness is the news
        return f;
    f.kind = SilenceKind::Answer;
    f.watch = w;
    f.copy = w->copies;
    f.elapsed = r.time - w->first_time;
    f.pending = !w->settled;
    return f;
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
    Table().swap(requests_);
    Table().swap(answers_);
    limit_hit_ = limit_told_ = false;
}

bool SilenceWatcher::marks(const SilenceFinding &f, bool final)
{
    if (!f.watch)
        return false;
    const bool know_end = final && !f.watch->forgotten;
    switch (f.kind) {
    case SilenceKind::Request:
    case SilenceKind::Answer:
        return know_end ? !f.watch->settled : f.pending && f.copy >= 2;
    case SilenceKind::Bye: return know_end ? !f.watch->settled : f.pending;
    case SilenceKind::Late: return true;
    case SilenceKind::None: break;
    }
    return false;
}

}  // namespace sipcat
