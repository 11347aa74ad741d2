#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "diagnosis.h"
#include "key_hash.h"

#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
#include <malloc.h>
#define SIPCAT_HEAP_MEASURED 1
#endif

using namespace sipcat;

namespace {

RequestFacts req(const char *method, uint32_t cseq, uint32_t frame, bool auth = false, bool proxy_auth = false,
                 const char *call = "c1")
{
    RequestFacts r;
    r.call_id = call;
    r.cseq = cseq;
    r.method = method;
    r.authorization = auth;
    r.proxy_authorization = proxy_auth;
    r.frame = frame;
    return r;
}

ResponseFacts resp(const char *method, uint32_t cseq, unsigned code, uint32_t frame = 0, uint16_t headers = 0xffff,
                   const char *call = "c1")
{
    ResponseFacts r;
    r.call_id = call;
    r.cseq = cseq;
    r.method = method;
    r.code = code;
    r.headers = headers;
    r.frame = frame;
    return r;
}

ResponseFacts challenge(const char *method, uint32_t cseq, unsigned code, uint32_t frame, const char *nonce)
{
    ResponseFacts r = resp(method, cseq, code, frame);
    r.nonces[0] = nonce;
    r.nonce_count = 1;
    return r;
}

// A request that opens a transaction, with the caller's record of it.
void request(Diagnoser &d, const RequestFacts &r, const void *record)
{
    const void **slot = d.on_request(r);
    ASSERT_NE(slot, nullptr) << r.method << " " << r.frame << " opens no transaction";
    *slot = record;
}

std::vector<uint32_t> loop_frames(const Diagnosis &d)
{
    return std::vector<uint32_t>(d.loop_frames.begin(), d.loop_frames.begin() + d.loop_frame_count);
}

}  // namespace

TEST(Diagnosis, FirstChallengeIsExpectedAndWrongPasswordIsRejected)
{
    Diagnoser d;
    const int first_record = 0, second_record = 0;  // the caller's records of the two requests
    request(d, req("REGISTER", 1, 1), &first_record);
    Diagnosis a = d.on_response(challenge("REGISTER", 1, 401, 2, "\"N1\""));
    EXPECT_EQ(a.request, &first_record);
    EXPECT_EQ(a.auth, AuthState::Challenge);
    EXPECT_TRUE(a.expected);
    EXPECT_EQ(a.request_frame, 1u);

    RequestFacts second = req("REGISTER", 2, 3, true);
    second.nonce = "N1";  // unquoted here, quoted in the challenge: the same nonce
    request(d, second, &second_record);
    a = d.on_response(challenge("REGISTER", 2, 401, 4, "N2"));
    EXPECT_EQ(a.auth, AuthState::Rejected);
    EXPECT_FALSE(a.expected);
    EXPECT_EQ(a.request, &second_record);
    EXPECT_EQ(a.request_frame, 3u);
    EXPECT_EQ(a.auth_loop, 0u) << "two challenges are no loop";
}

// The registration of issue 16: REGISTER -> 401; with credentials -> 401
// ("nonce has changed", no stale flag); a fresh REGISTER without credentials
// -> 401; with credentials -> 200. The third 401 is a challenge (it answers a
// request without credentials) and closes a loop of three; the 200 ends it.
TEST(Diagnosis, ChallengeToNoCredentialsIsAChallengeAndALoopIsItsOwnFinding)
{
    Diagnoser d;
    d.on_request(req("REGISTER", 1, 1));
    EXPECT_EQ(d.on_response(challenge("REGISTER", 1, 401, 2, "N1")).auth, AuthState::Challenge);
    RequestFacts creds = req("REGISTER", 2, 3, true);
    creds.nonce = "N1";
    d.on_request(creds);
    EXPECT_EQ(d.on_response(challenge("REGISTER", 2, 401, 4, "N2")).auth, AuthState::Rejected);
    d.on_request(req("REGISTER", 3, 5));
    const Diagnosis third = d.on_response(challenge("REGISTER", 3, 401, 6, "N3"));
    EXPECT_EQ(third.auth, AuthState::Challenge);
    EXPECT_TRUE(third.expected);
    EXPECT_EQ(third.auth_loop, 3u);
    EXPECT_EQ(loop_frames(third), (std::vector<uint32_t>{2, 4}));
    creds = req("REGISTER", 4, 7, true);
    creds.nonce = "N3";
    d.on_request(creds);
    EXPECT_EQ(d.on_response(resp("REGISTER", 4, 200, 8)).auth, AuthState::None);
    // The refresh an hour later starts afresh.
    d.on_request(req("REGISTER", 5, 9));
    const Diagnosis later = d.on_response(challenge("REGISTER", 5, 401, 10, "N4"));
    EXPECT_EQ(later.auth, AuthState::Challenge);
    EXPECT_EQ(later.auth_loop, 0u);
}

TEST(Diagnosis, ChallengesWithoutCredentialsAreNeverRejected)
{
    Diagnoser d;
    for (uint32_t i = 1; i <= 10; ++i) {
        d.on_request(req("REGISTER", i, 2 * i - 1));
        const Diagnosis a = d.on_response(challenge("REGISTER", i, 401, 2 * i, "N"));
        EXPECT_EQ(a.auth, AuthState::Challenge) << i;
        EXPECT_TRUE(a.expected) << i;
        EXPECT_EQ(a.auth_loop, i >= Diagnoser::kChallengeLoop ? i : 0u) << i;
    }
}

TEST(Diagnosis, ALongLoopNamesTheLatestEarlierFrames)
{
    Diagnoser d;
    Diagnosis a;
    for (uint32_t i = 1; i <= 7; ++i) {
        d.on_request(req("INVITE", i, 10 * i));
        a = d.on_response(challenge("INVITE", i, 407, 10 * i + 1, "N"));
    }
    EXPECT_EQ(a.auth_loop, 7u);
    EXPECT_EQ(loop_frames(a), (std::vector<uint32_t>{31, 41, 51, 61}));
}

TEST(Diagnosis, AnySuccessInTheCallEndsTheLoop)
{
    Diagnoser d;
    d.on_request(req("INVITE", 1, 1));
    d.on_response(challenge("INVITE", 1, 407, 2, "N1"));
    d.on_request(req("INVITE", 2, 3));
    d.on_response(challenge("INVITE", 2, 407, 4, "N2"));
    d.on_request(req("OPTIONS", 3, 5));
    d.on_response(resp("OPTIONS", 3, 200, 6));  // another transaction of the same Call-ID
    d.on_request(req("INVITE", 4, 7));
    EXPECT_EQ(d.on_response(challenge("INVITE", 4, 407, 8, "N3")).auth_loop, 0u);
    d.on_request(req("INVITE", 5, 9));
    EXPECT_EQ(d.on_response(challenge("INVITE", 5, 407, 10, "N4")).auth_loop, 0u);
    d.on_request(req("INVITE", 6, 11));
    EXPECT_EQ(d.on_response(challenge("INVITE", 6, 407, 12, "N5")).auth_loop, 3u);
}

// A proxy forwards the UAS's challenge upstream: two legs, one challenge.
TEST(Diagnosis, TheSameChallengeOnTwoLegsCountsOnce)
{
    Diagnoser d;
    for (uint32_t cseq = 1; cseq <= 2; ++cseq) {
        const std::string up = "z9hG4bK-up" + std::to_string(cseq), down = "z9hG4bK-down" + std::to_string(cseq);
        for (const std::string &branch : {up, down}) {
            RequestFacts r = req("INVITE", cseq, cseq * 10, cseq == 2, cseq == 2);
            r.branch = branch;
            d.on_request(r);
        }
        for (const std::string &branch : {down, up}) {
            ResponseFacts c = challenge("INVITE", cseq, 401, cseq * 10 + 1, "N");
            c.branch = branch;
            const Diagnosis a = d.on_response(c);
            EXPECT_FALSE(a.retransmission) << cseq << branch;
            EXPECT_EQ(a.auth_loop, 0u) << cseq << branch;
        }
    }
}

// Some clients reuse their branch for the next request (against RFC 3261
// §8.1.1.7): the CSeq number still tells the transactions apart.
TEST(Diagnosis, AReusedBranchWithANewCSeqIsANewTransaction)
{
    Diagnoser d;
    for (uint32_t cseq = 1; cseq <= 3; ++cseq) {
        RequestFacts r = req("REGISTER", cseq, 2 * cseq - 1);
        r.branch = "z9hG4bK-same";
        d.on_request(r);
        ResponseFacts c = challenge("REGISTER", cseq, 401, 2 * cseq, "N");
        c.branch = "z9hG4bK-same";
        const Diagnosis a = d.on_response(c);
        EXPECT_FALSE(a.retransmission) << cseq;
        EXPECT_EQ(a.request_frame, 2 * cseq - 1) << cseq;
    }
}

TEST(Diagnosis, RefreshWithAnOldNonceIsStaleNotRejected)
{
    // A provider pattern seen in a public capture: the refresh REGISTER reuses
    // the nonce of an earlier challenge, the server offers a new one without
    // stale=true, and the retry succeeds.
    Diagnoser d;
    d.on_request(req("REGISTER", 1, 1));
    EXPECT_EQ(d.on_response(challenge("REGISTER", 1, 407, 2, "N1")).auth, AuthState::Challenge);
    RequestFacts r2 = req("REGISTER", 2, 3, false, true);
    r2.nonce = "N1";
    d.on_request(r2);
    d.on_response(resp("REGISTER", 2, 200, 4));

    RequestFacts r3 = req("REGISTER", 3, 5, false, true);
    r3.nonce = "N1";  // cached
    d.on_request(r3);
    const Diagnosis a = d.on_response(challenge("REGISTER", 3, 407, 6, "N2"));
    EXPECT_EQ(a.auth, AuthState::Stale);
    EXPECT_TRUE(a.expected);

    RequestFacts r4 = req("REGISTER", 4, 7, false, true);
    r4.nonce = "N2";  // answers the latest challenge ...
    d.on_request(r4);
    EXPECT_EQ(d.on_response(challenge("REGISTER", 4, 407, 8, "N3")).auth, AuthState::Rejected);  // ... refused
}

TEST(Diagnosis, CredentialsWithoutAReadableNonceAnswerAPendingChallenge)
{
    Diagnoser d;
    d.on_request(req("REGISTER", 1, 1, true));  // a refresh with cached credentials, nothing pending
    EXPECT_EQ(d.on_response(resp("REGISTER", 1, 401, 2)).auth, AuthState::Stale);
    d.on_request(req("REGISTER", 2, 3, true));  // after that challenge
    EXPECT_EQ(d.on_response(resp("REGISTER", 2, 401, 4)).auth, AuthState::Rejected);
}

TEST(Diagnosis, StaleFlagMakesAChallengeToCredentialsStale)
{
    Diagnoser d;
    d.on_request(req("REGISTER", 1, 1));
    d.on_response(challenge("REGISTER", 1, 401, 2, "N1"));
    RequestFacts creds = req("REGISTER", 2, 3, true);
    creds.nonce = "N1";  // the latest: without the flag this would be rejected
    d.on_request(creds);
    ResponseFacts again = challenge("REGISTER", 2, 401, 4, "N2");
    again.stale = true;
    const Diagnosis a = d.on_response(again);
    EXPECT_EQ(a.auth, AuthState::Stale);
    EXPECT_TRUE(a.expected);
    // stale=true to a request without credentials is still a plain challenge.
    d.on_request(req("REGISTER", 3, 5));
    ResponseFacts odd = challenge("REGISTER", 3, 401, 6, "N3");
    odd.stale = true;
    EXPECT_EQ(d.on_response(odd).auth, AuthState::Challenge);
}

TEST(Diagnosis, RepeatedFinalResponseIsACopy)
{
    Diagnoser d;
    d.on_request(req("INVITE", 1, 1));
    EXPECT_EQ(d.on_response(resp("INVITE", 1, 407, 2)).auth, AuthState::Challenge);
    const Diagnosis copy = d.on_response(resp("INVITE", 1, 407, 3, 0));
    EXPECT_TRUE(copy.retransmission);
    EXPECT_EQ(copy.auth, AuthState::None);
    EXPECT_EQ(copy.missing, 0);
    EXPECT_EQ(copy.request_frame, 1u) << "a copy still names its request";
    d.on_request(req("INVITE", 2, 4, false, true));
    EXPECT_EQ(d.on_response(resp("INVITE", 2, 200, 5)).outcome, CallOutcome::Answered);
    EXPECT_TRUE(d.on_response(resp("INVITE", 2, 200, 6)).retransmission);
}

TEST(Diagnosis, TwoLegsThroughAProxyAreTwoTransactionsAndOneOutcome)
{
    Diagnoser d;
    RequestFacts up = req("INVITE", 2, 20), down = req("INVITE", 2, 22);
    up.branch = "z9hG4bK-uac";
    down.branch = "z9hG4bK-proxy";
    d.on_request(up);
    d.on_request(down);
    ResponseFacts from_callee = resp("INVITE", 2, 486), to_caller = resp("INVITE", 2, 486);
    from_callee.branch = "z9hG4bK-proxy";
    to_caller.branch = "z9hG4bK-uac";
    const Diagnosis a = d.on_response(from_callee);
    EXPECT_EQ(a.request_frame, 22u);
    EXPECT_EQ(a.outcome, CallOutcome::Busy);
    const Diagnosis b = d.on_response(to_caller);
    EXPECT_FALSE(b.retransmission) << "a forwarded response is not a retransmission";
    EXPECT_EQ(b.request_frame, 20u);
    EXPECT_EQ(b.outcome, CallOutcome::None) << "one outcome per call attempt";
    EXPECT_TRUE(d.on_response(to_caller).retransmission);  // the same message again is
}

// A CANCEL is its own transaction (RFC 3261 §9.2): its responses name it; the
// INVITE's 487 still knows it was cancelled.
TEST(Diagnosis, CancelIsItsOwnTransaction)
{
    Diagnoser d;
    const int invite_record = 0, cancel_record = 0;
    RequestFacts inv = req("INVITE", 7, 1), cancel = req("CANCEL", 7, 3);
    inv.branch = cancel.branch = "z9hG4bK-a";
    request(d, inv, &invite_record);
    request(d, cancel, &cancel_record);
    ResponseFacts ok = resp("CANCEL", 7, 200, 4), terminated = resp("INVITE", 7, 487, 5);
    ok.branch = terminated.branch = "z9hG4bK-a";
    const Diagnosis a = d.on_response(ok);
    EXPECT_EQ(a.request_frame, 3u);
    EXPECT_EQ(a.request, &cancel_record);
    EXPECT_EQ(a.outcome, CallOutcome::None);
    const Diagnosis b = d.on_response(terminated);
    EXPECT_EQ(b.request_frame, 1u);
    EXPECT_EQ(b.request, &invite_record);
    EXPECT_TRUE(b.expected);
    EXPECT_EQ(b.outcome, CallOutcome::Cancelled);
    EXPECT_FALSE(b.retransmission) << "the INVITE's final response is not a copy of the CANCEL's";
}

TEST(Diagnosis, CancelTooLateOrUnansweredNamesTheCancel)
{
    for (const unsigned code : {481u, 408u}) {
        Diagnoser d;
        RequestFacts cancel = req("CANCEL", 1, 5);
        cancel.branch = "z9hG4bK-x";  // its INVITE is not in the capture
        d.on_request(cancel);
        ResponseFacts r = resp("CANCEL", 1, code, 6);
        r.branch = "z9hG4bK-x";
        const Diagnosis a = d.on_response(r);
        EXPECT_EQ(a.request_frame, 5u) << code;
        EXPECT_EQ(a.expected, code == 481) << code;
    }
}

TEST(Diagnosis, ACancelWithoutItsInviteStillMakesThe487Expected)
{
    Diagnoser d;
    d.on_request(req("CANCEL", 1, 3));
    const Diagnosis a = d.on_response(resp("INVITE", 1, 487, 4));
    EXPECT_TRUE(a.expected);
    EXPECT_EQ(a.request_frame, 0u) << "the INVITE was not seen";
}

// Servers MUST NOT challenge a CANCEL (RFC 3261 §22.1): a 401/407 to one is
// its own finding, not the expected challenge, and no step of the call's
// authentication (no loop, the INVITE's nonces stay).
TEST(Diagnosis, ChallengeToACancelIsItsOwnFindingNotExpected)
{
    for (const unsigned code : {401u, 407u}) {
        Diagnoser d;
        d.on_request(req("INVITE", 1, 1));
        d.on_response(challenge("INVITE", 1, code, 2, "n1"));
        d.on_request(req("INVITE", 2, 3, code == 401, code == 407));
        d.on_request(req("CANCEL", 2, 4));
        const Diagnosis a = d.on_response(challenge("CANCEL", 2, code, 5, "n2"));
        EXPECT_EQ(a.auth, AuthState::CancelChallenged) << code;
        EXPECT_STREQ(auth_state_name(a.auth), "cancel-challenged");
        EXPECT_FALSE(a.expected) << code;
        EXPECT_EQ(a.request_frame, 4u) << code;
        EXPECT_EQ(a.auth_loop, 0u) << code;
        EXPECT_EQ(a.outcome, CallOutcome::None) << code;
        // Two more challenges to the INVITE make the loop, not three: the CANCEL's did not count.
        EXPECT_EQ(d.on_response(challenge("INVITE", 2, code, 6, "n3")).auth_loop, 0u) << code;
        EXPECT_EQ(d.on_response(challenge("INVITE", 3, code, 7, "n4")).auth_loop, 3u) << code;
    }
    // The INVITE's credentials answered its challenge's nonce, not the one the CANCEL's 401 offered: rejected.
    Diagnoser d;
    d.on_request(req("INVITE", 1, 1));
    d.on_response(challenge("INVITE", 1, 401, 2, "n1"));
    RequestFacts retry = req("INVITE", 2, 3, true);
    retry.nonce = "n1";
    d.on_request(retry);
    d.on_request(req("CANCEL", 2, 4));
    EXPECT_EQ(d.on_response(challenge("CANCEL", 2, 401, 5, "n2")).auth, AuthState::CancelChallenged);
    EXPECT_EQ(d.on_response(challenge("INVITE", 2, 401, 6, "n3")).auth, AuthState::Rejected);
}

// Retransmitted requests, marked by Wireshark or not (mirrored copies): the
// first copy is the request.
TEST(Diagnosis, RetransmittedRequestsKeepTheFirstCopy)
{
    for (const bool marked : {true, false}) {
        Diagnoser d;
        const int first = 0;
        RequestFacts a = req("INVITE", 1, 1), b = req("INVITE", 1, 2);
        a.branch = b.branch = "z9hG4bK-r";
        b.resend = marked;
        request(d, a, &first);
        EXPECT_EQ(d.on_request(b), nullptr) << "no record for a copy";
        ResponseFacts r = resp("INVITE", 1, 100, 3);
        r.branch = "z9hG4bK-r";
        const Diagnosis got = d.on_response(r);
        EXPECT_EQ(got.request_frame, 1u) << marked;
        EXPECT_EQ(got.request, &first) << marked;
    }
}

TEST(Diagnosis, NoRecordForWhatNoResponseCanName)
{
    Diagnoser d;
    EXPECT_EQ(d.on_request(req("ACK", 1, 1)), nullptr);
    EXPECT_EQ(d.on_request(req("INVITE", 1, 2, false, false, "")), nullptr);
    RequestFacts resent = req("INVITE", 1, 3);
    resent.resend = true;
    EXPECT_EQ(d.on_request(resent), nullptr);
    EXPECT_NE(d.on_request(req("INVITE", 1, 4)), nullptr);
    EXPECT_EQ(d.on_response(resp("INVITE", 1, 200, 5)).request_frame, 4u) << "the ACK is not the INVITE";
}

TEST(Diagnosis, ProxyChallengeLooksAtProxyAuthorizationOnly)
{
    Diagnoser d;
    d.on_request(req("INVITE", 1, 1, /*auth=*/true, /*proxy_auth=*/false));
    EXPECT_EQ(d.on_response(resp("INVITE", 1, 407, 2)).auth, AuthState::Challenge);
    d.on_request(req("INVITE", 2, 4, false, true));
    EXPECT_EQ(d.on_response(resp("INVITE", 2, 407, 5)).auth, AuthState::Rejected);
}

TEST(Diagnosis, ForbiddenAfterCredentialsIsRejectedWithoutIsNot)
{
    Diagnoser d;
    d.on_request(req("INVITE", 1, 1, true));
    EXPECT_EQ(d.on_response(resp("INVITE", 1, 403)).auth, AuthState::Rejected);
    Diagnoser e;
    e.on_request(req("INVITE", 1, 1));
    EXPECT_EQ(e.on_response(resp("INVITE", 1, 403)).auth, AuthState::None);
}

TEST(Diagnosis, Unexpected487StillEndsCancelledButIsNotExpected)
{
    Diagnoser d;
    d.on_request(req("INVITE", 1, 1));
    const Diagnosis a = d.on_response(resp("INVITE", 1, 487));
    EXPECT_FALSE(a.expected);
    EXPECT_EQ(a.outcome, CallOutcome::Cancelled);
}

TEST(Diagnosis, LateCancelAndByeAfterTheEndAreExpected)
{
    Diagnoser d;
    d.on_request(req("CANCEL", 1, 1));
    EXPECT_TRUE(d.on_response(resp("CANCEL", 1, 481)).expected);
    d.on_request(req("BYE", 2, 2));
    EXPECT_FALSE(d.on_response(resp("BYE", 2, 481)).expected);  // no earlier end: a real problem
    d.on_request(req("BYE", 3, 3));
    d.on_response(resp("BYE", 3, 200));
    d.on_request(req("BYE", 4, 4));
    EXPECT_TRUE(d.on_response(resp("BYE", 4, 481)).expected);
}

TEST(Diagnosis, OutcomesFromCodesAndQ850)
{
    struct Case {
        unsigned code;
        int q850;
        CallOutcome want;
    };
    for (const Case c : {Case{200, -1, CallOutcome::Answered}, Case{486, -1, CallOutcome::Busy},
                         Case{600, -1, CallOutcome::Busy}, Case{480, -1, CallOutcome::NoAnswer},
                         Case{408, -1, CallOutcome::NoAnswer}, Case{302, -1, CallOutcome::Redirected},
                         Case{603, -1, CallOutcome::Rejected}, Case{608, -1, CallOutcome::Rejected},
                         Case{404, -1, CallOutcome::Failed}, Case{503, -1, CallOutcome::Failed},
                         Case{503, 17, CallOutcome::Busy}, Case{500, 18, CallOutcome::NoAnswer},
                         Case{480, 21, CallOutcome::Rejected}}) {
        Diagnoser d;
        d.on_request(req("INVITE", 1, 1));
        ResponseFacts r = resp("INVITE", 1, c.code);
        r.q850 = c.q850;
        EXPECT_EQ(d.on_response(r).outcome, c.want) << c.code << " q850 " << c.q850;
    }
}

TEST(Diagnosis, NoOutcomeForReInvitesProvisionalsOrChallenges)
{
    Diagnoser d;
    d.on_request(req("INVITE", 1, 1));
    EXPECT_EQ(d.on_response(resp("INVITE", 1, 180)).outcome, CallOutcome::None);
    EXPECT_EQ(d.on_response(resp("INVITE", 1, 407)).outcome, CallOutcome::None);
    d.on_request(req("INVITE", 2, 5, false, true));
    EXPECT_EQ(d.on_response(resp("INVITE", 2, 200)).outcome, CallOutcome::Answered);
    RequestFacts reinvite = req("INVITE", 3, 9);
    reinvite.in_dialog = true;
    d.on_request(reinvite);
    EXPECT_EQ(d.on_response(resp("INVITE", 3, 488)).outcome, CallOutcome::None);
}

TEST(Diagnosis, MissingRequiredHeaders)
{
    Diagnoser d;
    EXPECT_EQ(d.on_response(resp("REGISTER", 1, 401, 0, 0)).missing, kWwwAuthenticate);
    EXPECT_EQ(d.on_response(resp("REGISTER", 2, 401, 0, kWwwAuthenticate)).missing, 0);
    EXPECT_EQ(d.on_response(resp("INVITE", 3, 407, 0, kWwwAuthenticate)).missing, kProxyAuthenticate);
    EXPECT_EQ(d.on_response(resp("OPTIONS", 4, 405, 0, 0)).missing, kAllow);
    EXPECT_EQ(d.on_response(resp("INVITE", 5, 302, 0, 0)).missing, kContact);
    EXPECT_EQ(d.on_response(resp("INVITE", 6, 380, 0, 0)).missing, 0);
    EXPECT_EQ(d.on_response(resp("INVITE", 7, 486, 0, 0)).missing, 0);
    EXPECT_STREQ(header_name(kMinExpires), "Min-Expires");
}

TEST(Diagnosis, RetransmissionsAreNamedNotDiagnosedAgain)
{
    Diagnoser d;
    d.on_request(req("REGISTER", 1, 1));
    EXPECT_EQ(d.on_response(resp("REGISTER", 1, 401, 2)).auth, AuthState::Challenge);
    ResponseFacts again = resp("REGISTER", 1, 401, 3, 0);
    again.resend = true;
    const Diagnosis a = d.on_response(again);
    EXPECT_TRUE(a.retransmission);
    EXPECT_EQ(a.request_frame, 1u);
    EXPECT_EQ(a.auth, AuthState::None);
    EXPECT_EQ(a.missing, 0);
    for (uint32_t i = 2; i <= 3; ++i) {
        d.on_request(req("REGISTER", i, 2 * i));
        EXPECT_EQ(d.on_response(resp("REGISTER", i, 401, 2 * i + 1)).auth_loop, i == 3 ? 3u : 0u)
            << "the resend did not count";
    }
}

TEST(KeyHash, TellsApartWhatDiffersAndBoundsItsWork)
{
    EXPECT_NE(KeyHash().text("ab").text("c").done(), KeyHash().text("a").text("bc").done());
    EXPECT_NE(key_of(""), 0u);
    const std::string pad(1000, 'x');
    EXPECT_NE(key_of("1" + pad), key_of("2" + pad)) << "the head counts";
    EXPECT_NE(key_of(pad + "1"), key_of(pad + "2")) << "the tail counts";
    EXPECT_NE(key_of(pad), key_of(pad + "x")) << "the length counts";
    const std::string head(KeyHash::kKeyEdge, 'h'), tail(KeyHash::kKeyEdge, 't');
    EXPECT_EQ(key_of(head + std::string(600, 'x') + tail), key_of(head + std::string(600, 'y') + tail))
        << "only the first and last " << KeyHash::kKeyEdge << " bytes are read";
}

// ---- the bounds of the state

// Entries have a fixed size (the header states it): a string or a container
// added to an entry would grow the state with the packets' contents.
static_assert(Diagnoser::kTxnSize <= 40, "a transaction entry is 40 bytes");
static_assert(Diagnoser::kCallSize <= 88, "a call entry is 88 bytes");

TEST(DiagnosisState, CallsAreBounded)
{
    Diagnoser d;
    for (size_t i = 0; i < Diagnoser::kMaxCalls + 5000; ++i) {
        const std::string id = "call-" + std::to_string(i);
        d.on_request(req("OPTIONS", 1, 1, false, false, id.c_str()));
        ASSERT_LE(d.tracked_calls(), Diagnoser::kMaxCalls);
    }
    EXPECT_GT(d.tracked_calls(), Diagnoser::kMaxCalls / 2);
    d.clear();
    EXPECT_EQ(d.tracked_calls(), 0u);
    EXPECT_EQ(d.tracked_transactions(), 0u);
}

// One Call-ID with ever new transactions (a REGISTER refreshed for days):
// only the latest are kept, and the latest still diagnoses.
TEST(DiagnosisState, TransactionsPerCallAreBounded)
{
    Diagnoser d;
    for (uint32_t i = 1; i <= 100000; ++i) {
        d.on_request(req("REGISTER", i, i));
        ASSERT_LE(d.largest_call(), Diagnoser::kMaxTxnsPerCall);
    }
    EXPECT_EQ(d.tracked_calls(), 1u);
    EXPECT_GT(d.tracked_transactions(), Diagnoser::kMaxTxnsPerCall / 2);
    EXPECT_EQ(d.on_response(resp("REGISTER", 100000, 200)).request_frame, 100000u);
    EXPECT_EQ(d.on_response(resp("REGISTER", 1, 200)).request_frame, 0u);  // long forgotten
}

// Many calls with many transactions each: the total is bounded too, and the
// count of transactions follows what is kept.
TEST(DiagnosisState, TransactionsInAllAreBounded)
{
    Diagnoser d;
    const size_t per_call = Diagnoser::kMaxTxnsPerCall - 1;
    const size_t calls = 2 * Diagnoser::kMaxTxns / per_call;
    size_t peak = 0;
    for (size_t c = 0; c < calls; ++c) {
        const std::string id = "c" + std::to_string(c);
        for (uint32_t i = 1; i <= per_call; ++i) {
            d.on_request(req("OPTIONS", i, i, false, false, id.c_str()));
            peak = std::max(peak, d.tracked_transactions());
        }
    }
    EXPECT_LE(peak, Diagnoser::kMaxTxns);
    EXPECT_GT(d.tracked_transactions(), Diagnoser::kMaxTxns / 2) << "this bound, not another, was reached";
    EXPECT_LE(d.tracked_calls() * per_call, Diagnoser::kMaxTxns);
    // The newest call is whole.
    const std::string last = "c" + std::to_string(calls - 1);
    EXPECT_EQ(d.on_response(resp("OPTIONS", 1, 200, 0, 0xffff, last.c_str())).request_frame, 1u);
}

// A hostile capture: 300,000 requests with long, unique Call-IDs, branches
// and nonces. Nothing of their bytes is kept: the state stays within its entry counts.
TEST(DiagnosisState, LongValuesCostNothing)
{
    Diagnoser d;
    const std::string pad(1000, 'x');
    for (size_t i = 0; i < 3 * Diagnoser::kMaxCalls; ++i) {
        const std::string call_id = i % 2 ? std::to_string(i) + pad : pad + std::to_string(i);
        const std::string branch = std::to_string(i) + pad;
        RequestFacts r;
        r.call_id = call_id;
        r.branch = branch;
        r.method = "INVITE";
        r.cseq = static_cast<uint32_t>(i);
        r.nonce = pad;
        r.authorization = true;
        r.frame = static_cast<uint32_t>(i + 1);
        d.on_request(r);
        ASSERT_LE(d.tracked_calls(), Diagnoser::kMaxCalls);
        ASSERT_LE(d.tracked_transactions(), Diagnoser::kMaxTxns);
    }
    EXPECT_GT(d.tracked_calls(), Diagnoser::kMaxCalls / 2) << "Call-IDs that differ at either end are told apart";
}

// 1,000 requests pipelined in one call before the first answer (a burst over
// TCP): every answer still finds its request.
TEST(DiagnosisState, PipelinedRequestsAllFindTheirAnswer)
{
    Diagnoser d;
    for (uint32_t i = 1; i <= 1000; ++i)
        d.on_request(req("OPTIONS", i, i));
    for (uint32_t i = 1; i <= 1000; ++i)
        ASSERT_EQ(d.on_response(resp("OPTIONS", i, 200)).request_frame, i);
}

// What the header says an entry costs, measured on the heap: calls of one
// transaction each (OPTIONS keep-alives), then calls of many transactions.
TEST(DiagnosisState, HeapPerEntry)
{
#ifndef SIPCAT_HEAP_MEASURED
    GTEST_SKIP() << "needs glibc's mallinfo2";
#else
    auto heap = [] { return mallinfo2().uordblks; };
    std::vector<std::string> ids;
    for (size_t i = 0; i < Diagnoser::kMaxCalls; ++i)
        ids.push_back("call-" + std::to_string(i));
    Diagnoser d;
    const size_t before = heap();
    for (const std::string &id : ids)
        d.on_request(req("OPTIONS", 1, 1, false, false, id.c_str()));
    const size_t one_each = heap() - before;
    if (one_each == 0)
        GTEST_SKIP() << "the heap is not glibc's (a sanitizer's allocator)";
    ASSERT_EQ(d.tracked_calls(), Diagnoser::kMaxCalls);
    const double per_call = double(one_each) / Diagnoser::kMaxCalls;
    d.clear();
    const size_t before_many = heap();
    const size_t calls = Diagnoser::kMaxTxns / Diagnoser::kMaxTxnsPerCall;
    for (size_t c = 0; c < calls; ++c)
        for (uint32_t i = 1; i <= Diagnoser::kMaxTxnsPerCall; ++i)
            d.on_request(req("OPTIONS", i, i, false, false, ids[c].c_str()));
    ASSERT_EQ(d.tracked_transactions(), calls * Diagnoser::kMaxTxnsPerCall);
    const double per_txn = double(heap() - before_many) / double(d.tracked_transactions());
    // Answered, and the answer copied: each also has two entries queued until it expires.
    d.clear();
    const size_t before_answered = heap();
    for (size_t c = 0; c < calls; ++c)
        for (uint32_t i = 1; i <= Diagnoser::kMaxTxnsPerCall; ++i) {
            d.on_request(req("OPTIONS", i, i, false, false, ids[c].c_str()));
            d.on_response(resp("OPTIONS", i, 200, 0, 0xffff, ids[c].c_str()));
            d.on_response(resp("OPTIONS", i, 200, 0, 0xffff, ids[c].c_str()));
        }
    ASSERT_EQ(d.tracked_transactions(), calls * Diagnoser::kMaxTxnsPerCall);
    const double per_answered = double(heap() - before_answered) / double(d.tracked_transactions());
    std::printf("heap: %.0f bytes per call with one transaction, %.1f per transaction in large calls, "
                "%.1f answered twice; stated: call %zu, transaction %zu, worst case %zu\n",
                per_call, per_txn, per_answered, Diagnoser::kCallHeap, Diagnoser::kTxnHeap,
                Diagnoser::kWorstCaseBytes);
    EXPECT_LE(per_call, double(Diagnoser::kCallHeap + Diagnoser::kTxnHeap));
    EXPECT_LE(per_txn, double(Diagnoser::kTxnHeap));
    EXPECT_LE(per_answered, double(Diagnoser::kTxnHeap));
#endif
}
