// The trouble without a status code: requests nobody answers and 2xx
// responses to INVITE nobody ACKs (RFC 3261 §17.1.1.2 Timer B, §17.1.2.2
// Timer F, §13.3.1.4). Plain C++; the Wireshark layer feeds it every SIP
// message in capture order on the first pass.
//
// Each watched transaction (a request and its copies) and each 2xx to INVITE
// (and its copies) has a Watch that the caller allocates: every copy's finding
// points at it, so a later pass (tshark -2, a click in the GUI) reads how it
// ended, also after the watcher forgot the entry. The watcher hands each watch
// back once when it lets go of it (WatchRelease), so that a caller with no
// later pass (tshark's last) can free it and stay bounded by the entry counts.
//
// State bounded by entry counts: at most kMaxRequests requests and kMax2xx
// calls with a 2xx are watched, each entry of a fixed size (a slot of a flat
// table, flat_map.h, with a 64-bit key and a pointer). Beyond a limit the
// settled entries and those older than 64*T1 go first, then the oldest
// tenth; a forgotten watch that had not settled is marked so, and shows only
// what was known at each copy.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include "flat_map.h"

namespace sipcat {

// How one transaction or 2xx ended, as far as the capture tells. Owned by the caller.
struct Watch {
    double first_time = 0;    // seconds, capture time of the first copy
    double last_time = 0;     // of the latest copy
    uint32_t first_frame = 0;
    uint32_t copies = 0;      // copies so far, the first included
    uint32_t size = 0;        // bytes of the first copy when over the path MTU over UDP (RFC 3261 §18.1.1), else 0
    bool settled = false;     // a response came (request), an ACK came (2xx)
    bool forgotten = false;   // dropped at a limit before it settled: the end is unknown
    uint8_t owner = 0;        // the caller's own mark (e.g. where it allocated the watch)
};

enum class SilenceKind : uint8_t {
    None,
    Request,  // a copy of a request (not ACK): unanswered if it never settles
    Answer,   // a copy of a 2xx to INVITE: ACK missing if it never settles
    Bye,      // a BYE in a call whose 2xx had no ACK yet
    Late,     // the first response to a request, after 64*T1 from its first copy
};

struct SilenceFinding {
    SilenceKind kind = SilenceKind::None;
    Watch *watch = nullptr;
    uint32_t copy = 0;     // this copy's number (Request, Answer)
    double elapsed = 0;    // seconds since the watch's first copy (Bye: since the 2xx; Late: the wait)
    bool pending = false;  // at this message: no answer (Request) or no ACK (Answer, Bye) yet
};

struct SilenceRequest {
    std::string_view call_id, branch, method;  // method of CSeq
    uint32_t cseq = 0;
    double time = 0;
    uint32_t frame = 0;
    uint32_t size = 0;    // bytes of the message
    bool udp = false;
};

struct SilenceResponse {
    std::string_view call_id, branch, method;  // method of CSeq
    uint32_t cseq = 0;
    unsigned code = 0;
    double time = 0;
    uint32_t frame = 0;
};

// The caller's allocator of watches: a zeroed Watch, or null (the message is then not watched).
using WatchAlloc = Watch *(*)(void *ctx);
// Called once for each watch the watcher no longer holds (its entry forgotten,
// a re-INVITE's new 2xx, clear()); findings made before still point at it.
using WatchRelease = void (*)(void *ctx, Watch *watch);

class SilenceWatcher {
public:
    static constexpr double kTimeout = 32.0;     // 64*T1 with T1 = 500 ms: Timer B, Timer F, the 2xx's end
    static constexpr uint32_t kMtuLimit = 1300;  // RFC 3261 §18.1.1
    // Copies closer than this are one message captured twice (a mirror port, two capture points):
    // retransmissions come T1 = 500 ms apart or more.
    static constexpr double kSameCopy = 0.1;
    static constexpr size_t kMaxRequests = 200000;
    static constexpr size_t kMax2xx = 100000;

    SilenceWatcher(WatchAlloc alloc, void *ctx, WatchRelease release = nullptr)
        : alloc_(alloc), release_(release), ctx_(ctx)
    {
    }

    SilenceFinding on_request(const SilenceRequest &r);
    SilenceFinding on_response(const SilenceResponse &r);
    void clear();

    // True once per file, at the first message after a limit made the watcher
    // forget an entry that had not settled: the user is told there.
    bool take_limit_note();
    size_t watched_requests() const { return requests_.size(); }
    size_t watched_answers() const { return answers_.size(); }

    // Whether a finding marks its message. `final`: the whole capture was read
    // before (a later pass): then every copy of a watch that never settled,
    // when the capture shows that its sender waited (it retransmitted, or the
    // capture went on for 64*T1 after the first copy: a request just before
    // the capture ends is no finding); else what was known at the copy: a
    // retransmission (copy 2 on) with no answer/ACK yet. Bye: the 2xx had no
    // ACK (yet / ever). Late: always.
    bool marks(const SilenceFinding &f, bool final) const;
    double seen_until() const { return seen_until_; }  // capture time of the latest message fed

private:
    struct Pending {
        Watch *watch = nullptr;
    };
    // The latest INVITE of a call that got a 2xx: one watch per leg (the 2xx's
    // top Via branch), since a proxy's two legs carry the same 2xx; the ACK
    // (same Call-ID and CSeq number, a branch of its own) settles them all.
    static constexpr size_t kLegs = 4;
    struct Answered {
        uint32_t cseq = 0;
        uint8_t legs = 0;
        std::array<uint64_t, kLegs> branch{};
        std::array<Watch *, kLegs> watch{};
    };
    using Table = FlatMap<Pending>;
    using Answers = FlatMap<Answered>;
    template <class T, class Watched> void make_room(T &t, size_t limit, double now, Watched watched);
    void let_go(Watch *w) const
    {
        if (release_)
            release_(ctx_, w);
    }
    void let_go(const Pending &p) const { let_go(p.watch); }
    void let_go(const Answered &a) const
    {
        for (uint8_t i = 0; i < a.legs; ++i)
            let_go(a.watch[i]);
    }

    WatchAlloc alloc_;
    WatchRelease release_;
    void *ctx_;
    Table requests_;  // transaction key -> its request's watch
    Answers answers_; // Call-ID key -> the latest INVITE's 2xx, per leg
    bool limit_hit_ = false, limit_told_ = false;
    double seen_until_ = 0;
};

}  // namespace sipcat
