// Diagnosis of a response in its context: the request it answers, earlier
// challenges in the same dialog or registration, CANCELs, the headers its code
// requires, and the outcome of the call. Plain C++; the Wireshark layer feeds
// it one message at a time, in capture order, on the first pass.
//
// The input facts are views into the message (valid for the call only); the
// Diagnoser keeps none of their bytes, only 64-bit keys of Call-ID, branch and
// nonces (key_hash.h), and for each request that opens a transaction an opaque
// pointer to the caller's own record of it (Request-URI, user name), which it
// hands back with each response to that request.
//
// State per file, bounded by entry counts; each entry has a fixed size
// (x86-64, libstdc++; the unit test DiagnosisState.HeapPerEntry measures it):
//   a call:        sizeof(Call) = 88 bytes, a slot of 97 in a flat table
//                  (flat_map.h) at least 25/64 full: at most kCallHeap = 248
//                  bytes on the heap
//   a transaction: sizeof(Txn) = 40 bytes, in one table for all calls, a slot
//                  of 49: at most kTxnHeap = 189 with up to two entries of the
//                  queue of finished transactions
// at most kMaxCalls calls, kMaxTxnsPerCall transactions in one call and
// kMaxTxns in all: at most kWorstCaseBytes (100.4 MB) at the limits. Beyond a
// limit the least recently used tenth of the calls (or half of one call's
// transactions) is forgotten; a forgotten request is answered without its
// request frame, nothing else is lost. A transaction is also forgotten
// kExpireAfter seconds of capture time after its final response, when nothing
// of it came since (see kExpireAfter).
//
// The caller's records of requests can be released with their transaction: a
// release hook (set_release) is called once for each forgotten transaction's
// record, also at clear().
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string_view>
#include "flat_map.h"

namespace sipcat {

// CancelChallenged: a 401/407 to a CANCEL, which servers MUST NOT send (RFC
// 3261 §22.1); its own value, so that "challenge" stays the normal, expected
// step a client answers with credentials.
enum class AuthState : uint8_t { None, Challenge, Stale, Rejected, CancelChallenged };
enum class CallOutcome : uint8_t { None, Answered, Busy, NoAnswer, Rejected, Cancelled, Redirected, AuthFailed, Failed };

const char *auth_state_name(AuthState s);       // "challenge", "stale", "rejected", "cancel-challenged"; "" for None
const char *call_outcome_name(CallOutcome o);   // "answered", "busy", ...; "" for None

// Header fields some responses must carry (RFC 3261 §20-§22, RFC 4028, RFC 3329).
enum HeaderBit : uint16_t {
    kWwwAuthenticate = 1 << 0,
    kProxyAuthenticate = 1 << 1,
    kAllow = 1 << 2,
    kUnsupported = 1 << 3,
    kRequire = 1 << 4,
    kMinExpires = 1 << 5,
    kMinSE = 1 << 6,
    kSecurityServer = 1 << 7,
    kContact = 1 << 8,
};
constexpr int kHeaderBitCount = 9;
const char *header_name(HeaderBit h);
uint16_t required_headers(unsigned code);

// The nonces of one challenge that are kept (a response may offer several
// WWW-/Proxy-Authenticate headers, RFC 3261 §22.3); the first ones count.
constexpr size_t kMaxNonces = 4;
// Earlier challenge frames an auth loop names (the latest ones).
constexpr size_t kLoopFrames = 4;

// What the diagnosis needs of a request. Quotes around a nonce are ignored.
struct RequestFacts {
    std::string_view call_id;
    std::string_view branch;          // top Via branch: the transaction (RFC 3261 §17)
    uint32_t cseq = 0;
    std::string_view method;          // of the request line (= CSeq method)
    bool in_dialog = false;           // the To header has a tag
    bool authorization = false;       // carries Authorization
    bool proxy_authorization = false; // carries Proxy-Authorization
    std::string_view nonce;           // the nonce the credentials answer, if known
    uint32_t frame = 0;
    bool resend = false;              // Wireshark's sip.resend
    double time = 0;                  // capture time, seconds (any origin; may go backwards)
};

// What the diagnosis needs of a response.
struct ResponseFacts {
    std::string_view call_id;
    std::string_view branch;          // top Via branch
    uint32_t cseq = 0;
    std::string_view method;          // CSeq method
    unsigned code = 0;
    uint16_t headers = 0;             // HeaderBit set of those present
    bool stale = false;               // a challenge with stale=true (any case, quoted or not)
    std::array<std::string_view, kMaxNonces> nonces{};  // the nonces a challenge offers
    size_t nonce_count = 0;
    bool resend = false;              // Wireshark's sip.resend
    int q850 = -1;                    // Reason: Q.850;cause=, -1 if none
    uint32_t frame = 0;
    double time = 0;                  // capture time, seconds (any origin; may go backwards)
};

struct Diagnosis {
    AuthState auth = AuthState::None;
    bool expected = false;            // normal protocol flow, although a failure
    bool retransmission = false;      // diagnosed already: nothing new
    uint16_t missing = 0;             // required headers that are absent
    CallOutcome outcome = CallOutcome::None;
    uint32_t request_frame = 0;       // first copy of the request answered; 0 when not seen
    const void *request = nullptr;    // the caller's record of that request (see on_request)
    // A challenge loop: challenges without a success in between, counting this
    // one (0 below Diagnoser::kChallengeLoop), and the latest earlier ones' frames.
    uint32_t auth_loop = 0;
    std::array<uint32_t, kLoopFrames> loop_frames{};  // oldest first
    uint8_t loop_frame_count = 0;
};

class Diagnoser {
    // A transaction: top Via branch and method (RFC 3261 §17.1.3, §17.2.3).
    struct Txn {
        uint64_t call = 0;              // key of its Call-ID
        uint64_t nonce = 0;             // key of the nonce its credentials answered; 0: none or unknown
        uint64_t order = 0;             // last use, to forget the oldest
        const void *request = nullptr;
        uint32_t frame = 0;             // first copy of the request; 0: not seen (a CANCEL came first)
        uint16_t final_code = 0;        // a second identical final response is a copy
        uint8_t flags = 0;              // TxnFlag
    };
    // A Call-ID: a dialog, a registration or a lone transaction.
    struct Call {
        uint64_t order = 0;
        std::array<uint64_t, kMaxNonces> nonces{};  // keys of those the latest challenge offered
        uint64_t last_challenge = 0;                // CSeq and method of the latest challenge counted
        std::array<uint32_t, kLoopFrames> loop_frames{};  // ring of the latest challenge frames
        uint32_t challenges = 0;                    // since the last 2xx
        uint32_t initial_invite_cseq = 0;           // first out-of-dialog INVITE
        uint32_t outcome_cseq = 0;                  // INVITE whose outcome was given (once, on any leg)
        uint32_t txns = 0;                          // its transactions in the table
        uint8_t nonce_count = 0;
        bool challenge_pending = false;             // challenged, no 2xx since
        bool ended = false;                         // a BYE was answered
    };
    // A transaction that had a final response, as of its last use `order`
    // (a later use queues it again and makes this entry stale).
    struct Finished {
        double at;                      // clock_ then
        uint64_t key;
        uint64_t order;
    };

public:
    // Challenges in one Call-ID without a 2xx in between that make a loop.
    static constexpr unsigned kChallengeLoop = 3;
    static constexpr size_t kMaxCalls = 100000;
    static constexpr size_t kMaxTxnsPerCall = 4096;  // pipelined requests in one call are normal
    static constexpr size_t kMaxTxns = 400000;
    // A transaction ends at most 64*T1 after its final response: Timer H and
    // J (RFC 3261 §17.2.1, §17.2.2), Timer L and M for a 2xx to INVITE (RFC
    // 6026 §7.1, §7.2); Timer D ("at least 32 s", equal to Timer H,
    // §17.1.1.2), I and K (T4) are no longer. With the default T1 of 500 ms
    // (§17.1.1.1) that is 32 s; T1 MAY be larger and Timer D is only a
    // minimum, so twice that: copies after it are rare, and only lose the
    // request frame.
    static constexpr double kExpireAfter = 2 * 64 * 0.5;
    // The clock advances by at most this per message: a clock that jumps
    // ahead expires nothing early (a gap in the capture only delays expiry).
    static constexpr double kMaxClockStep = 1.0;
    static constexpr size_t kTxnSize = sizeof(Txn);
    static constexpr size_t kCallSize = sizeof(Call);
    // Heap of an entry: its slot (key, value and a control byte) in a table
    // at least 25/64 full (flat_map.h); a transaction also up to two entries
    // of the queue of finished ones (the queue is compacted beyond that), each
    // with its share of the queue's blocks.
    static constexpr size_t kTxnHeap =
        (sizeof(FlatMap<Txn>::value_type) + 1) * 64 / 25 + 2 * (sizeof(Finished) + 8);
    static constexpr size_t kCallHeap = (sizeof(FlatMap<Call>::value_type) + 1) * 64 / 25;
    static constexpr size_t kWorstCaseBytes = kMaxCalls * kCallHeap + kMaxTxns * kTxnHeap;

    using Release = void (*)(const void *request);
    // Called with each forgotten transaction's record (never null), once.
    void set_release(Release release) { release_ = release; }

    // Where the caller puts its record of the request when the request opens
    // a transaction; null for copies, ACKs and requests without a Call-ID,
    // so that a record is made only for requests a response can name. The
    // slot is valid until the next call.
    const void **on_request(const RequestFacts &r);
    Diagnosis on_response(const ResponseFacts &r);
    void clear();  // releases everything (file close)
    size_t tracked_calls() const { return calls_.size(); }
    size_t tracked_transactions() const { return txns_.size(); }
    size_t largest_call() const;  // transactions of the call that has most

private:
    enum TxnFlag : uint8_t { kAuthorization = 1, kProxyAuthorization = 2, kCancelled = 4 };
    using Calls = FlatMap<Call>;
    using Txns = FlatMap<Txn>;
    Call &call(uint64_t key);
    Txn &txn(Call &c, uint64_t call_key, uint64_t key);
    void touched(uint64_t key, const Txn &t);
    void advance(double time);
    void expire();
    void forget(Txns::iterator it);
    static bool settled(const Call &c);
    void halve(uint64_t call_key, Call &c);
    void evict(const Call *keep);
    AuthState challenge(Call &c, const Txn *t, const ResponseFacts &r, Diagnosis &d);

    Calls calls_;
    Txns txns_;
    std::deque<Finished> finished_;  // by `at`, which never decreases
    uint64_t next_order_ = 0;
    double clock_ = 0;               // seconds: capture time, never backwards
    double latest_ = 0;              // the latest capture time seen
    bool timed_ = false;             // latest_ is set
    Release release_ = nullptr;
};

}  // namespace sipcat
