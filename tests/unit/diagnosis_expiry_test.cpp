// The Diagnoser's memory over time: transactions forgotten a while after
// their final response (by capture time, which may go backwards), one table
// for all calls with its per-call limit, and the caller's records released
// exactly once with their transaction.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "diagnosis.h"

using namespace sipcat;

namespace {

RequestFacts req(const char *method, uint32_t cseq, uint32_t frame, double time, const char *call = "c1",
                 const char *branch = "z9hG4bK1")
{
    RequestFacts r;
    r.call_id = call;
    r.branch = branch;
    r.cseq = cseq;
    r.method = method;
    r.frame = frame;
    r.time = time;
    return r;
}

ResponseFacts resp(const char *method, uint32_t cseq, unsigned code, uint32_t frame, double time,
                   const char *call = "c1", const char *branch = "z9hG4bK1")
{
    ResponseFacts r;
    r.call_id = call;
    r.branch = branch;
    r.cseq = cseq;
    r.method = method;
    r.code = code;
    r.headers = 0xffff;
    r.frame = frame;
    r.time = time;
    return r;
}

// Records handed to the Diagnoser, and how often each came back.
std::map<const void *, int> released;
void count_release(const void *record) { ++released[record]; }

// One record per request frame.
struct Records {
    std::vector<int> slots = std::vector<int>(10000);
    const void *of(uint32_t frame) { return &slots[frame]; }
};

void request(Diagnoser &d, Records &recs, const RequestFacts &r)
{
    const void **slot = d.on_request(r);
    ASSERT_NE(slot, nullptr) << r.method << " " << r.frame;
    *slot = recs.of(r.frame);
}

// Other traffic, every half second from `from` to `to`: a response without a
// Call-ID moves the clock and keeps nothing.
void traffic(Diagnoser &d, double from, double to)
{
    for (double t = from; t <= to; t += 0.5)
        d.on_response(resp("OPTIONS", 1, 200, 0, t, ""));
}

}  // namespace

TEST(DiagnosisExpiry, ATransactionAnsweredLongAgoIsForgotten)
{
    released.clear();
    Records recs;
    Diagnoser d;
    d.set_release(count_release);
    request(d, recs, req("OPTIONS", 1, 1, 0.0));
    EXPECT_EQ(d.on_response(resp("OPTIONS", 1, 200, 2, 0.1)).request_frame, 1u);
    traffic(d, 0.5, 64.0);  // 63.9 s after the 200: inside the bound
    EXPECT_EQ(d.tracked_transactions(), 1u);
    EXPECT_TRUE(released.empty());
    traffic(d, 64.5, 64.5);
    EXPECT_EQ(d.tracked_transactions(), 0u);
    EXPECT_EQ(d.tracked_calls(), 0u) << "a call with nothing left to know goes with its last transaction";
    EXPECT_EQ(released, (std::map<const void *, int>{{recs.of(1), 1}}));
    // A copy after that: as if its request was not seen, diagnosed again.
    const Diagnosis late = d.on_response(resp("OPTIONS", 1, 200, 3, 64.6));
    EXPECT_EQ(late.request_frame, 0u);
    EXPECT_EQ(late.request, nullptr);
    EXPECT_FALSE(late.retransmission);
}

TEST(DiagnosisExpiry, ACopyInsideTheBoundIsStillACopyAndKeepsItsTransaction)
{
    Diagnoser d;
    d.on_request(req("INVITE", 1, 1, 0.0));
    EXPECT_EQ(d.on_response(resp("INVITE", 1, 200, 2, 0.0)).outcome, CallOutcome::Answered);
    traffic(d, 0.5, 60.0);
    const Diagnosis copy = d.on_response(resp("INVITE", 1, 200, 3, 60.0));
    EXPECT_TRUE(copy.retransmission);
    EXPECT_EQ(copy.request_frame, 1u);
    EXPECT_EQ(copy.outcome, CallOutcome::None);
    traffic(d, 60.5, 120.0);  // 120 s after the first 200, 60 after the copy
    EXPECT_TRUE(d.on_response(resp("INVITE", 1, 200, 4, 120.0)).retransmission);
    traffic(d, 120.5, 190.0);
    EXPECT_EQ(d.tracked_transactions(), 0u);
    EXPECT_EQ(d.on_response(resp("INVITE", 1, 200, 5, 190.0)).request_frame, 0u);
}

// Unanswered or provisional-only transactions are left to the entry bounds.
TEST(DiagnosisExpiry, OnlyFinishedTransactionsExpire)
{
    Diagnoser d;
    d.on_request(req("INVITE", 1, 1, 0.0));
    d.on_response(resp("INVITE", 1, 180, 2, 0.0));
    d.on_request(req("OPTIONS", 1, 3, 0.0, "c2"));
    traffic(d, 0.5, 300.0);
    EXPECT_EQ(d.tracked_transactions(), 2u);
    EXPECT_EQ(d.on_response(resp("INVITE", 1, 486, 4, 300.0)).request_frame, 1u);
}

TEST(DiagnosisExpiry, TimestampsGoingBackwardsOrJumpingExpireNothing)
{
    Diagnoser d;
    d.on_request(req("REGISTER", 1, 1, 1000.0));
    d.on_response(resp("REGISTER", 1, 200, 2, 1000.0));
    // A merged capture whose other clock is 500 s behind, a NaN, a clock set a
    // year ahead and back again: the clock moves by at most a second.
    for (int i = 0; i < 200; ++i) {
        d.on_response(resp("OPTIONS", 1, 200, 0, i % 2 ? 1000.0 : 500.0, ""));
        d.on_response(resp("OPTIONS", 1, 200, 0, 0.0 / 0.0, ""));
    }
    d.on_response(resp("OPTIONS", 1, 200, 0, 1000.0 + 365 * 86400.0, ""));
    for (int i = 0; i < 200; ++i)
        d.on_response(resp("OPTIONS", 1, 200, 0, 1000.0 + i, ""));
    EXPECT_EQ(d.tracked_transactions(), 1u);
    const Diagnosis copy = d.on_response(resp("REGISTER", 1, 200, 3, 1001.0));
    EXPECT_TRUE(copy.retransmission);
    EXPECT_EQ(copy.request_frame, 1u);
}

// A registration challenged and not answered yet: its transaction expires,
// the call keeps what the next REGISTER's answer needs.
TEST(DiagnosisExpiry, ACallWithAPendingChallengeOutlivesItsTransactions)
{
    Diagnoser d;
    d.on_request(req("REGISTER", 1, 1, 0.0));
    ResponseFacts ch = resp("REGISTER", 1, 401, 2, 0.0);
    ch.nonces[0] = "N1";
    ch.nonce_count = 1;
    EXPECT_EQ(d.on_response(ch).auth, AuthState::Challenge);
    traffic(d, 0.5, 100.0);
    EXPECT_EQ(d.tracked_transactions(), 0u);
    EXPECT_EQ(d.tracked_calls(), 1u);
    RequestFacts retry = req("REGISTER", 2, 3, 100.0, "c1", "z9hG4bK2");
    retry.authorization = true;
    retry.nonce = "N1";
    d.on_request(retry);
    ResponseFacts again = resp("REGISTER", 2, 401, 4, 100.0, "c1", "z9hG4bK2");
    again.nonces[0] = "N2";
    again.nonce_count = 1;
    EXPECT_EQ(d.on_response(again).auth, AuthState::Rejected) << "the credentials answered the latest challenge";
}

// One table for all calls: the same branch, CSeq and method in two calls are
// two transactions, and a call at its limit forgets only its own older half.
TEST(DiagnosisExpiry, OneTableKeepsCallsApartAndLimitsEachCall)
{
    released.clear();
    Records recs;
    Diagnoser d;
    d.set_release(count_release);
    request(d, recs, req("INVITE", 1, 1, 0.0, "a"));
    request(d, recs, req("INVITE", 1, 2, 0.0, "b"));
    EXPECT_EQ(d.tracked_transactions(), 2u);
    EXPECT_EQ(d.on_response(resp("INVITE", 1, 486, 3, 0.0, "b")).request_frame, 2u);
    EXPECT_EQ(d.on_response(resp("INVITE", 1, 486, 4, 0.0, "a")).request_frame, 1u);

    for (uint32_t i = 0; i + 1 < Diagnoser::kMaxTxnsPerCall; ++i)
        request(d, recs, req("OPTIONS", 2 + i, 10 + i, 0.0, "a"));
    EXPECT_EQ(d.largest_call(), Diagnoser::kMaxTxnsPerCall);
    EXPECT_TRUE(released.empty());
    const size_t before = d.tracked_transactions();
    request(d, recs, req("OPTIONS", 9999, 9999, 0.0, "a"));
    // The older half of "a" went (its INVITE first), with their records; "b" is whole.
    const size_t half = Diagnoser::kMaxTxnsPerCall / 2;
    EXPECT_EQ(d.tracked_transactions(), before - half + 1);
    EXPECT_EQ(released.size(), half);
    EXPECT_EQ(released.count(recs.of(1)), 1u);
    EXPECT_EQ(released.count(recs.of(2)), 0u);
    for (const auto &r : released)
        EXPECT_EQ(r.second, 1);
    EXPECT_EQ(d.on_response(resp("INVITE", 1, 486, 5, 0.0, "b")).request_frame, 2u);
    EXPECT_EQ(d.on_response(resp("OPTIONS", 9999, 200, 6, 0.0, "a")).request_frame, 9999u);
    EXPECT_EQ(d.on_response(resp("OPTIONS", 2, 200, 7, 0.0, "a")).request_frame, 0u);
    // The INVITE and the first half - 1 OPTIONS went; the next one is the oldest kept.
    EXPECT_EQ(d.on_response(resp("OPTIONS", 2 + half - 2, 200, 8, 0.0, "a")).request_frame, 0u);
    EXPECT_EQ(d.on_response(resp("OPTIONS", 2 + half - 1, 200, 9, 0.0, "a")).request_frame, 10 + half - 1);
    EXPECT_LE(d.largest_call(), Diagnoser::kMaxTxnsPerCall);
}

// Every record comes back once: expired, evicted beyond a bound, or at clear().
TEST(DiagnosisExpiry, EachRecordIsReleasedExactlyOnce)
{
    released.clear();
    Records recs;
    Diagnoser d;
    d.set_release(count_release);
    uint32_t frame = 1;
    // Answered ones that expire.
    for (int i = 0; i < 50; ++i) {
        const std::string call = "x" + std::to_string(i);
        request(d, recs, req("OPTIONS", 1, frame, 0.0, call.c_str()));
        d.on_response(resp("OPTIONS", 1, 200, 0, 0.0, call.c_str()));
        d.on_response(resp("OPTIONS", 1, 200, 0, 0.0, call.c_str()));  // a copy: queued twice, released once
        ++frame;
    }
    // A CANCEL before its INVITE: the INVITE's transaction has no record.
    request(d, recs, req("CANCEL", 1, frame++, 0.0, "y"));
    traffic(d, 0.5, 70.0);
    EXPECT_EQ(released.size(), 50u);
    // Unanswered ones, then more calls than the bound.
    for (int i = 0; i < 100; ++i) {
        const std::string call = "u" + std::to_string(i);
        request(d, recs, req("OPTIONS", 1, frame++, 70.0, call.c_str()));
    }
    for (size_t i = 0; i <= Diagnoser::kMaxCalls; ++i) {
        const std::string call = "v" + std::to_string(i);
        d.on_response(resp("OPTIONS", 1, 200, 0, 70.0, call.c_str()));
    }
    EXPECT_GT(released.size(), 50u) << "the oldest calls were evicted with their records";
    // And some left for clear().
    for (int i = 0; i < 10; ++i) {
        const std::string call = "w" + std::to_string(i);
        request(d, recs, req("INVITE", 1, frame++, 70.0, call.c_str()));
    }
    EXPECT_EQ(released.size() + 10, frame - 1);
    d.clear();
    EXPECT_EQ(released.size(), frame - 1);
    EXPECT_EQ(released.count(nullptr), 0u);
    for (const auto &r : released)
        EXPECT_EQ(r.second, 1) << "released twice";
    d.clear();
    EXPECT_EQ(released.size(), frame - 1);
}
