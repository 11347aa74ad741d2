// The diagnosis state machine fed a stream of requests and responses whose
// Call-IDs, branches, methods and codes come from the input, as from a hostile
// capture: it must stay within its bounds, hand back the record of the request
// it names, and keep the rules that need no context.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "diagnosis.h"
#include "fuzz_input.h"

namespace {
using sipcat::fuzz::Bytes;
using sipcat::fuzz::kMethods;

// What the caller keeps of a request (the plugin: Request-URI and user name).
struct Record {
    uint32_t frame = 0;
    bool authorization = false, proxy_authorization = false;
    bool released = false;
};

// Each record comes back at most once, and none is handed out after that.
void release(const void *p)
{
    auto *r = static_cast<Record *>(const_cast<void *>(p));
    SIPCAT_FUZZ_CHECK(r->frame != 0 && !r->released);
    r->released = true;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Bytes in(data, size);
    sipcat::Diagnoser d;
    d.set_release(release);
    std::vector<Record> records(size + 1);  // by frame; never reallocated
    uint32_t frame = 0;
    double time = 0;
    while (!in.empty()) {
        const uint8_t op = in.byte();
        // The two high bits of op move the capture time: ahead 1 s, ahead 40 s
        // (transactions expire), or far back (merged captures, a clock set back).
        static const double kSteps[4] = {0, 1, 40, -1e4};
        time += kSteps[op >> 6];
        const std::string call_id = in.str(8), branch = in.str(4);
        const uint32_t cseq = in.byte() % 4;
        const std::string method = kMethods[in.byte() % 8];
        if (op & 1) {
            sipcat::RequestFacts r;
            r.call_id = call_id;
            r.branch = branch;
            r.cseq = cseq;
            r.method = method;
            r.in_dialog = op & 2;
            r.authorization = op & 4;
            r.proxy_authorization = op & 8;
            in.str(4);  // (a user name in older seeds)
            const std::string nonce = in.str(4);
            r.nonce = nonce;
            r.frame = ++frame;
            r.time = time;
            r.resend = (op & 0x30) == 0x30;
            if (const void **slot = d.on_request(r)) {
                SIPCAT_FUZZ_CHECK(!r.resend && method != "ACK" && !call_id.empty());
                records[frame] = Record{frame, r.authorization, r.proxy_authorization};
                *slot = &records[frame];
            }
        } else {
            sipcat::ResponseFacts f;
            f.call_id = call_id;
            f.branch = branch;
            f.cseq = cseq;
            f.method = method;
            f.code = 100 + (in.byte() * 3u + in.byte()) % 600;
            f.headers = static_cast<uint16_t>(in.byte() << 1);
            f.stale = op & 2;
            std::vector<std::string> nonces;
            for (int n = in.byte() % 6; n > 0; --n)
                nonces.push_back(in.str(4));
            for (const std::string &n : nonces)
                if (f.nonce_count < f.nonces.size())
                    f.nonces[f.nonce_count++] = n;
            f.resend = (op & 0x30) == 0x30;
            f.q850 = (op & 4) ? in.byte() : -1;
            f.frame = ++frame;
            f.time = time;
            const sipcat::Diagnosis g = d.on_response(f);
            SIPCAT_FUZZ_CHECK(g.request_frame < frame);
            SIPCAT_FUZZ_CHECK((g.missing & ~sipcat::required_headers(f.code)) == 0);
            // The record handed back is the one of the request it names.
            const auto *rec = static_cast<const Record *>(g.request);
            SIPCAT_FUZZ_CHECK(!rec || (rec->frame == g.request_frame && rec == &records[g.request_frame]));
            SIPCAT_FUZZ_CHECK(!rec || !rec->released);
            const bool challenge = f.code == 401 || f.code == 407;
            if (g.auth == sipcat::AuthState::Stale || g.auth == sipcat::AuthState::Challenge)
                SIPCAT_FUZZ_CHECK(challenge && g.expected);
            if (g.auth == sipcat::AuthState::Rejected)
                SIPCAT_FUZZ_CHECK((challenge || f.code == 403) && rec &&
                                  (rec->authorization || rec->proxy_authorization) && !g.expected);
            // A challenge to a request without the credentials it asks for is always a challenge,
            // unless it answers a CANCEL: that is its own finding, never expected, never a loop.
            const bool to_cancel = f.method == "CANCEL";
            if (challenge && !g.retransmission && !to_cancel && rec &&
                !(f.code == 401 ? rec->authorization : rec->proxy_authorization))
                SIPCAT_FUZZ_CHECK(g.auth == sipcat::AuthState::Challenge);
            if (g.auth == sipcat::AuthState::CancelChallenged)
                SIPCAT_FUZZ_CHECK(challenge && to_cancel && !g.expected && !g.auth_loop);
            if (challenge && to_cancel && !g.retransmission && !f.call_id.empty())
                SIPCAT_FUZZ_CHECK(g.auth == sipcat::AuthState::CancelChallenged);
            if (g.auth_loop) {
                SIPCAT_FUZZ_CHECK(challenge && g.auth_loop >= sipcat::Diagnoser::kChallengeLoop);
                SIPCAT_FUZZ_CHECK(g.loop_frame_count == std::min<size_t>(g.auth_loop - 1, sipcat::kLoopFrames));
                for (size_t i = 0; i < g.loop_frame_count; ++i)
                    SIPCAT_FUZZ_CHECK(g.loop_frames[i] < frame && (i == 0 || g.loop_frames[i - 1] < g.loop_frames[i]));
            }
            if (g.retransmission)
                SIPCAT_FUZZ_CHECK(g.auth == sipcat::AuthState::None && g.missing == 0 && !g.auth_loop);
        }
        SIPCAT_FUZZ_CHECK(d.tracked_calls() <= sipcat::Diagnoser::kMaxCalls);
        SIPCAT_FUZZ_CHECK(d.tracked_transactions() <= sipcat::Diagnoser::kMaxTxns);
        SIPCAT_FUZZ_CHECK(d.largest_call() <= sipcat::Diagnoser::kMaxTxnsPerCall);
    }
    d.clear();
    SIPCAT_FUZZ_CHECK(d.tracked_calls() == 0 && d.tracked_transactions() == 0);
    for (const Record &r : records)  // every record handed out came back once
        SIPCAT_FUZZ_CHECK(r.frame == 0 || r.released);
    return 0;
}
