// Diagnosis of a response in its context: the request it answers, earlier
// challenges in the same dialog or registration, CANCELs, the headers its code
// requires, and the outcome of the call. Plain C++; the Wireshark layer feeds
// it one message at a time, in capture order, on the first pass.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace sipcat {

enum class AuthState : uint8_t { None, Challenge, Stale, Rejected };
enum class CallOutcome : uint8_t { None, Answered, Busy, NoAnswer, Rejected, Cancelled, Redirected, AuthFailed, Failed };

const char *auth_state_name(AuthState s);       // "challenge", "stale", "rejected"; "" for None
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

// What the diagnosis needs of a request.
struct RequestFacts {
    std::string call_id;
    std::string branch;               // top Via branch: the transaction (RFC 3261 §17)
    uint32_t cseq = 0;
    std::string method;
    bool in_dialog = false;           // the To header has a tag
    bool authorization = false;       // carries Authorization
    bool proxy_authorization = false; // carries Proxy-Authorization
    std::string username;             // from the credentials, if any
    std::string nonce;                // the nonce the credentials answer, if known
    std::string request_uri;
    uint32_t frame = 0;
    bool resend = false;              // Wireshark's sip.resend
};

// What the diagnosis needs of a response.
struct ResponseFacts {
    std::string call_id;
    std::string branch;               // top Via branch
    uint32_t cseq = 0;
    std::string method;               // CSeq method
    unsigned code = 0;
    uint16_t headers = 0;             // HeaderBit set of those present
    bool stale = false;               // a challenge with stale=true
    std::vector<std::string> nonces;  // the nonces a challenge offers
    bool resend = false;
    int q850 = -1;                    // Reason: Q.850;cause=, -1 if none
};

struct Diagnosis {
    AuthState auth = AuthState::None;
    bool expected = false;            // normal protocol flow, although a failure
    uint16_t missing = 0;             // required headers that are absent
    CallOutcome outcome = CallOutcome::None;
    uint32_t request_frame = 0;       // 0 when the request was not seen
    std::string request_uri;          // of that request
    std::string username;             // credentials that were rejected
    unsigned challenges = 0;          // challenges so far in this dialog or registration
    bool retransmission = false;      // diagnosed already: nothing new
};

class Diagnoser {
public:
    // Challenges in one Call-ID before a repeated challenge counts as a loop.
    static constexpr unsigned kChallengeLoop = 3;
    // State is bounded, whatever a capture holds: beyond kMaxCalls Call-IDs or
    // kMaxBytes of state the least recently seen tenth of the calls is forgotten;
    // a call with kMaxTxnsPerCall transactions forgets its older half; strings from packets
    // are kept to kMaxText bytes (longer Call-IDs are told apart by that prefix).
    static constexpr size_t kMaxCalls = 100000;
    static constexpr size_t kMaxBytes = size_t{64} << 20;
    static constexpr size_t kMaxTxnsPerCall = 4096;  // pipelined requests in one call are normal
    static constexpr size_t kMaxText = 128;
    static constexpr size_t kMaxNonces = 4;

    void on_request(const RequestFacts &r);
    Diagnosis on_response(const ResponseFacts &r);
    void clear();  // releases everything (file close)
    size_t tracked_calls() const { return calls_.size(); }
    size_t bytes() const { return bytes_; }  // estimate of the heap held, kept within kMaxBytes

private:
    struct Txn {
        bool authorization = false, proxy_authorization = false, cancelled = false;
        std::string username, nonce, request_uri;
        uint32_t frame = 0;
        unsigned final_code = 0;  // a second identical final response is a copy
        uint64_t order = 0;
        size_t cost = 0;          // bytes counted for it
    };
    struct Call {
        std::unordered_map<std::string, Txn> txns;  // "branch method" (or "cseq method" without a branch)
        uint32_t initial_invite_cseq = 0;           // first out-of-dialog INVITE
        uint32_t outcome_cseq = 0;                  // INVITE whose outcome was given (once, on any leg)
        unsigned challenges = 0;                    // since the last success
        std::vector<std::string> last_nonces;       // offered by the latest challenge
        bool ended = false;                         // a BYE was answered
        bool outcome_given = false;
        uint64_t order = 0;
        size_t cost = 0;                            // bytes counted in bytes_, its transactions included
        size_t nonce_cost = 0;                      // of last_nonces, part of cost
    };
    using Calls = std::unordered_map<std::string, Call>;
    Calls::iterator call(const std::string &call_id);
    Txn &txn(Call &c, const std::string &key);
    void recount(Call &c, const std::string &key, Txn &t);
    void recount_nonces(Call &c);
    void keep_budget();
    void evict();

    Calls calls_;
    uint64_t next_order_ = 0;
    size_t bytes_ = 0;
};

}  // namespace sipcat
