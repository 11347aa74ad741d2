#include <gtest/gtest.h>

#include "diagnosis.h"

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
    r.username = auth || proxy_auth ? "alice" : "";
    r.frame = frame;
    return r;
}

ResponseFacts resp(const char *method, uint32_t cseq, unsigned code, uint16_t headers = 0xffff,
                   const char *call = "c1")
{
    ResponseFacts r;
    r.call_id = call;
    r.cseq = cseq;
    r.method = method;
    r.code = code;
    r.headers = headers;
    return r;
}

}  // namespace

TEST(Diagnosis, FirstChallengeIsExpectedAndWrongPasswordIsRejected)
{
    Diagnoser d;
    RequestFacts first = req("REGISTER", 1, 1);
    first.request_uri = "sip:registrar.example";
    d.on_request(first);
    Diagnosis a = d.on_response(resp("REGISTER", 1, 401));
    EXPECT_EQ(a.request_uri, "sip:registrar.example");
    EXPECT_EQ(a.auth, AuthState::Challenge);
    EXPECT_TRUE(a.expected);
    EXPECT_EQ(a.request_frame, 1u);

    d.on_request(req("REGISTER", 2, 3, true));
    a = d.on_response(resp("REGISTER", 2, 401));
    EXPECT_EQ(a.auth, AuthState::Rejected);
    EXPECT_FALSE(a.expected);
    EXPECT_EQ(a.username, "alice");
    EXPECT_EQ(a.request_frame, 3u);
    EXPECT_EQ(a.challenges, 2u);
}

TEST(Diagnosis, RefreshWithAnOldNonceIsStaleNotRejected)
{
    // A provider pattern seen in a public capture: the refresh REGISTER reuses
    // the nonce of an earlier challenge, the server offers a new one without
    // stale=true, and the retry succeeds.
    Diagnoser d;
    d.on_request(req("REGISTER", 1, 1));
    ResponseFacts c1 = resp("REGISTER", 1, 407);
    c1.nonces = {"N1"};
    EXPECT_EQ(d.on_response(c1).auth, AuthState::Challenge);
    RequestFacts r2 = req("REGISTER", 2, 3, false, true);
    r2.nonce = "N1";
    d.on_request(r2);
    d.on_response(resp("REGISTER", 2, 200));

    RequestFacts r3 = req("REGISTER", 3, 5, false, true);
    r3.nonce = "N1";  // cached
    d.on_request(r3);
    ResponseFacts c3 = resp("REGISTER", 3, 407);
    c3.nonces = {"N2"};
    const Diagnosis a = d.on_response(c3);
    EXPECT_EQ(a.auth, AuthState::Stale);
    EXPECT_TRUE(a.expected);
    EXPECT_TRUE(a.username.empty());

    RequestFacts r4 = req("REGISTER", 4, 7, false, true);
    r4.nonce = "N2";  // answers the latest challenge ...
    d.on_request(r4);
    ResponseFacts c4 = resp("REGISTER", 4, 407);
    c4.nonces = {"N3"};
    EXPECT_EQ(d.on_response(c4).auth, AuthState::Rejected);  // ... and is refused: wrong credentials
}

TEST(Diagnosis, RepeatedFinalResponseIsACopy)
{
    Diagnoser d;
    d.on_request(req("INVITE", 1, 1));
    EXPECT_EQ(d.on_response(resp("INVITE", 1, 407)).challenges, 1u);
    const Diagnosis copy = d.on_response(resp("INVITE", 1, 407, 0));
    EXPECT_TRUE(copy.retransmission);
    EXPECT_EQ(copy.auth, AuthState::None);
    EXPECT_EQ(copy.missing, 0);
    d.on_request(req("INVITE", 2, 3, false, true));
    EXPECT_EQ(d.on_response(resp("INVITE", 2, 200)).outcome, CallOutcome::Answered);
    EXPECT_TRUE(d.on_response(resp("INVITE", 2, 200)).retransmission);
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

TEST(Diagnosis, CancelMatchesItsInviteByBranch)
{
    Diagnoser d;
    RequestFacts inv = req("INVITE", 7, 1), cancel = req("CANCEL", 7, 3);
    inv.branch = cancel.branch = "z9hG4bK-a";
    d.on_request(inv);
    d.on_request(cancel);
    ResponseFacts r = resp("INVITE", 7, 487);
    r.branch = "z9hG4bK-a";
    EXPECT_TRUE(d.on_response(r).expected);
}

TEST(Diagnosis, StaleNonceIsBenign)
{
    Diagnoser d;
    d.on_request(req("REGISTER", 5, 1, true));
    ResponseFacts r = resp("REGISTER", 5, 401);
    r.stale = true;
    const Diagnosis a = d.on_response(r);
    EXPECT_EQ(a.auth, AuthState::Stale);
    EXPECT_TRUE(a.expected);
}

TEST(Diagnosis, ProxyChallengeLooksAtProxyAuthorizationOnly)
{
    Diagnoser d;
    d.on_request(req("INVITE", 1, 1, /*auth=*/true, /*proxy_auth=*/false));
    EXPECT_EQ(d.on_response(resp("INVITE", 1, 407)).auth, AuthState::Challenge);
    d.on_request(req("INVITE", 2, 4, false, true));
    EXPECT_EQ(d.on_response(resp("INVITE", 2, 407)).auth, AuthState::Rejected);
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

TEST(Diagnosis, ChallengeLoopWithoutCredentialsBecomesRejected)
{
    Diagnoser d;
    for (uint32_t i = 1; i < Diagnoser::kChallengeLoop; ++i) {
        d.on_request(req("REGISTER", i, i));
        EXPECT_EQ(d.on_response(resp("REGISTER", i, 401)).auth, AuthState::Challenge) << i;
    }
    d.on_request(req("REGISTER", 9, 9));
    EXPECT_EQ(d.on_response(resp("REGISTER", 9, 401)).auth, AuthState::Rejected);
}

TEST(Diagnosis, SuccessResetsTheChallengeCount)
{
    Diagnoser d;
    for (uint32_t round = 0; round < 3; ++round) {
        d.on_request(req("REGISTER", 10 * round + 1, 1));
        EXPECT_EQ(d.on_response(resp("REGISTER", 10 * round + 1, 401)).auth, AuthState::Challenge);
        d.on_request(req("REGISTER", 10 * round + 2, 2, true));
        EXPECT_EQ(d.on_response(resp("REGISTER", 10 * round + 2, 200)).auth, AuthState::None);
    }
}

TEST(Diagnosis, CancelledInviteEndsCancelledAnd487IsExpected)
{
    Diagnoser d;
    d.on_request(req("INVITE", 1, 1));
    d.on_request(req("CANCEL", 1, 3));
    EXPECT_TRUE(d.on_response(resp("CANCEL", 1, 200)).outcome == CallOutcome::None);
    const Diagnosis a = d.on_response(resp("INVITE", 1, 487));
    EXPECT_TRUE(a.expected);
    EXPECT_EQ(a.outcome, CallOutcome::Cancelled);
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
    EXPECT_EQ(d.on_response(resp("REGISTER", 1, 401, 0)).missing, kWwwAuthenticate);
    EXPECT_EQ(d.on_response(resp("REGISTER", 2, 401, kWwwAuthenticate)).missing, 0);
    EXPECT_EQ(d.on_response(resp("INVITE", 3, 407, kWwwAuthenticate)).missing, kProxyAuthenticate);
    EXPECT_EQ(d.on_response(resp("OPTIONS", 4, 405, 0)).missing, kAllow);
    EXPECT_EQ(d.on_response(resp("INVITE", 5, 302, 0)).missing, kContact);
    EXPECT_EQ(d.on_response(resp("INVITE", 6, 380, 0)).missing, 0);
    EXPECT_EQ(d.on_response(resp("INVITE", 7, 486, 0)).missing, 0);
    EXPECT_STREQ(header_name(kMinExpires), "Min-Expires");
}

TEST(Diagnosis, RetransmissionsAreNotDiagnosedAgain)
{
    Diagnoser d;
    d.on_request(req("REGISTER", 1, 1));
    EXPECT_EQ(d.on_response(resp("REGISTER", 1, 401)).challenges, 1u);
    ResponseFacts again = resp("REGISTER", 1, 401, 0);
    again.resend = true;
    const Diagnosis a = d.on_response(again);
    EXPECT_TRUE(a.retransmission);
    EXPECT_EQ(a.auth, AuthState::None);
    EXPECT_EQ(a.missing, 0);
    d.on_request(req("REGISTER", 2, 3));
    EXPECT_EQ(d.on_response(resp("REGISTER", 2, 401)).challenges, 2u);  // the resend did not count
}

TEST(Diagnosis, StateIsBounded)
{
    Diagnoser d;
    for (size_t i = 0; i < Diagnoser::kMaxCalls + 5000; ++i)
        d.on_request(req("OPTIONS", 1, 1, false, false, ("call-" + std::to_string(i)).c_str()));
    EXPECT_LE(d.tracked_calls(), Diagnoser::kMaxCalls);
    EXPECT_GT(d.tracked_calls(), Diagnoser::kMaxCalls / 2);
    d.clear();
    EXPECT_EQ(d.tracked_calls(), 0u);
}

// A hostile capture: a million requests with long, unique Call-IDs, branches,
// user names and URIs. The state stays within its byte budget and call count.
TEST(Diagnosis, StateStaysWithinItsByteBudget)
{
    Diagnoser d;
    const std::string pad(1000, 'x');
    size_t peak = 0;
    for (size_t i = 0; i < 1000000; ++i) {
        RequestFacts r;
        r.call_id = pad + std::to_string(i);  // differs beyond kMaxText: the same call
        if (i % 2)
            r.call_id = std::to_string(i) + pad;
        r.branch = std::to_string(i) + pad;
        r.method = "INVITE";
        r.cseq = static_cast<uint32_t>(i);
        r.username = pad;
        r.nonce = pad;
        r.request_uri = pad;
        r.frame = static_cast<uint32_t>(i + 1);
        d.on_request(r);
        peak = std::max(peak, d.bytes());
    }
    EXPECT_LE(peak, Diagnoser::kMaxBytes + 64 * 1024);
    EXPECT_LE(d.tracked_calls(), Diagnoser::kMaxCalls);
    EXPECT_GT(d.bytes(), Diagnoser::kMaxBytes / 2);  // the budget, not some other limit, was reached
    d.clear();
    EXPECT_EQ(d.tracked_calls(), 0u);
    EXPECT_EQ(d.bytes(), 0u);
}

// One Call-ID with ever new transactions (a REGISTER refreshed for days):
// only the latest are kept, and the latest still diagnoses.
TEST(Diagnosis, TransactionsPerCallAreBounded)
{
    Diagnoser d;
    for (uint32_t i = 1; i <= 100000; ++i)
        d.on_request(req("REGISTER", i, i));
    const size_t one_call = d.bytes();
    EXPECT_EQ(d.tracked_calls(), 1u);
    EXPECT_LT(one_call, Diagnoser::kMaxTxnsPerCall * 512);
    EXPECT_EQ(d.on_response(resp("REGISTER", 100000, 200)).request_frame, 100000u);
    EXPECT_EQ(d.on_response(resp("REGISTER", 1, 200)).request_frame, 0u);  // long forgotten
}

// 1,000 requests pipelined in one call before the first answer (a burst over
// TCP): every answer still finds its request.
TEST(Diagnosis, PipelinedRequestsAllFindTheirAnswer)
{
    Diagnoser d;
    for (uint32_t i = 1; i <= 1000; ++i)
        d.on_request(req("OPTIONS", i, i));
    for (uint32_t i = 1; i <= 1000; ++i)
        ASSERT_EQ(d.on_response(resp("OPTIONS", i, 200)).request_frame, i);
}

// The byte count follows the state, not the events: the same requests again
// add nothing, a new one adds, and clear() leaves nothing counted.
TEST(Diagnosis, ByteCountFollowsState)
{
    Diagnoser d;
    for (uint32_t i = 1; i <= 10; ++i)
        d.on_request(req("INVITE", i, i));
    const size_t ten = d.bytes();
    EXPECT_GT(ten, 10 * sizeof(void *));
    for (uint32_t i = 1; i <= 10; ++i)
        d.on_request(req("INVITE", i, i));
    EXPECT_EQ(d.bytes(), ten);
    d.on_request(req("INVITE", 11, 11));
    EXPECT_GT(d.bytes(), ten);
    d.clear();
    EXPECT_EQ(d.bytes(), 0u);
}
