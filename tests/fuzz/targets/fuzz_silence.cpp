// The silence watcher fed a stream of requests and responses whose Call-IDs,
// branches, methods, codes and times come from the input, as from a hostile
// capture: copies count up per transaction, an answered (ACKed) watch is
// never marked on a later pass, the tables stay within their bounds, and each
// watch is let go of once, after its last finding (the Wireshark layer frees
// it then in tshark's last pass).
#include <algorithm>
#include <cstdint>
#include <deque>
#include <set>
#include <string>
#include <vector>

#include "fuzz_input.h"
#include "silence.h"

namespace {
using sipcat::fuzz::Bytes;
using sipcat::fuzz::kMethods;

std::deque<sipcat::Watch> *watches = nullptr;
std::set<const sipcat::Watch *> *released = nullptr;
sipcat::Watch *alloc(void *)
{
    watches->emplace_back();
    return &watches->back();
}
void release(void *, sipcat::Watch *w) { SIPCAT_FUZZ_CHECK(released->insert(w).second); }
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Bytes in(data, size);
    std::deque<sipcat::Watch> owned;
    std::set<const sipcat::Watch *> gone;
    watches = &owned;
    released = &gone;
    sipcat::SilenceWatcher w(&alloc, nullptr, &release);
    std::vector<sipcat::SilenceFinding> seen;
    double now = 0;
    uint32_t frame = 0;
    while (!in.empty()) {
        const uint8_t op = in.byte();
        const std::string call_id = in.str(8), branch = in.str(4);
        const uint32_t cseq = in.byte() % 4;
        const std::string method = kMethods[in.byte() % 8];
        now += in.byte() * 0.25;  // up to 64 s between messages
        sipcat::SilenceFinding f;
        if (op & 1) {
            sipcat::SilenceRequest r;
            r.call_id = call_id;
            r.branch = branch;
            r.method = method;
            r.cseq = cseq;
            r.time = now;
            r.frame = ++frame;
            r.size = in.byte() * 20u;
            r.udp = op & 2;
            f = w.on_request(r);
            SIPCAT_FUZZ_CHECK(f.kind == sipcat::SilenceKind::None || (!call_id.empty() && method != "ACK"));
        } else {
            sipcat::SilenceResponse r;
            r.call_id = call_id;
            r.branch = branch;
            r.method = method;
            r.cseq = cseq;
            r.code = 100 + (in.byte() * 5u) % 600;  // 20: 200
            r.time = now;
            r.frame = ++frame;
            f = w.on_response(r);
        }
        if (f.watch) {
            SIPCAT_FUZZ_CHECK(!gone.count(f.watch));  // freed already in tshark's last pass
            SIPCAT_FUZZ_CHECK(f.elapsed >= 0 && f.watch->first_time <= now);
            if (f.kind == sipcat::SilenceKind::Request || f.kind == sipcat::SilenceKind::Answer)
                SIPCAT_FUZZ_CHECK(f.copy >= 1 && f.copy <= f.watch->copies);
            seen.push_back(f);
        }
        w.marks(f, false);
        SIPCAT_FUZZ_CHECK(w.watched_requests() <= sipcat::SilenceWatcher::kMaxRequests);
        SIPCAT_FUZZ_CHECK(w.watched_answers() <= sipcat::SilenceWatcher::kMax2xx);
    }
    // A later pass: what settled is never marked.
    for (const sipcat::SilenceFinding &f : seen)
        if (f.kind != sipcat::SilenceKind::Late && f.watch->settled)
            SIPCAT_FUZZ_CHECK(!w.marks(f, true));
    w.take_limit_note();
    w.clear();
    SIPCAT_FUZZ_CHECK(gone.size() == owned.size());
    watches = nullptr;
    released = nullptr;
    return 0;
}
