// The watcher of unanswered requests and unACKed 2xx, on the schedules of the
// recorded captures (tests/silence/scenarios.py: T1 = 500 ms, T2 = 4 s).
#include <gtest/gtest.h>

#include <deque>
#include <set>
#include <vector>

#include "silence.h"

namespace sipcat {
namespace {

struct Fixture {
    std::deque<Watch> watches;
    static Watch *alloc(void *ctx)
    {
        auto *self = static_cast<Fixture *>(ctx);
        self->watches.emplace_back();
        return &self->watches.back();
    }
    // Handed back by the watcher: each watch once (a second time counts in `twice`).
    std::set<const Watch *> released;
    size_t twice = 0;
    static void release(void *ctx, Watch *watch)
    {
        auto *self = static_cast<Fixture *>(ctx);
        self->twice += !self->released.insert(watch).second;
    }
    SilenceWatcher w{&Fixture::alloc, this, &Fixture::release};
    uint32_t frame = 0;

    SilenceFinding request(const char *method, double t, const char *call = "c1", uint32_t cseq = 1,
                           const char *branch = "b1", uint32_t size = 500)
    {
        SilenceRequest r;
        r.call_id = call;
        r.branch = branch;
        r.method = method;
        r.cseq = cseq;
        r.time = t;
        r.frame = ++frame;
        r.size = size;
        r.udp = true;
        return w.on_request(r);
    }
    SilenceFinding response(unsigned code, const char *method, double t, const char *call = "c1", uint32_t cseq = 1,
                            const char *branch = "b1")
    {
        SilenceResponse r;
        r.call_id = call;
        r.branch = branch;
        r.method = method;
        r.cseq = cseq;
        r.code = code;
        r.time = t;
        r.frame = ++frame;
        return w.on_response(r);
    }
};

const double kInviteCopies[] = {0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5};  // Timer A doubling until Timer B

TEST(SilenceWatcher, UnansweredInviteMarksEveryCopyOnASecondPass)
{
    Fixture f;
    std::vector<SilenceFinding> seen;
    for (double t : kInviteCopies)
        seen.push_back(f.request("INVITE", t));
    ASSERT_EQ(seen.size(), 7u);
    for (size_t i = 0; i < seen.size(); ++i) {
        EXPECT_EQ(seen[i].kind, SilenceKind::Request);
        EXPECT_EQ(seen[i].copy, i + 1);
        EXPECT_DOUBLE_EQ(seen[i].elapsed, kInviteCopies[i]);
        EXPECT_TRUE(seen[i].pending);
        // One pass: the first copy cannot know yet; every retransmission had no answer.
        EXPECT_EQ(f.w.marks(seen[i], false), i >= 1) << i;
        EXPECT_TRUE(f.w.marks(seen[i], true)) << i;
    }
    EXPECT_EQ(seen[0].watch->copies, 7u);
    EXPECT_EQ(seen[0].watch, seen[6].watch) << "one transaction";
}

TEST(SilenceWatcher, AnsweredAfterARetransmissionIsNeverMarkedOnASecondPass)
{
    Fixture f;
    const SilenceFinding first = f.request("INVITE", 0);
    const SilenceFinding second = f.request("INVITE", 0.5);
    EXPECT_TRUE(f.w.marks(second, false)) << "one pass: no answer yet at this copy";
    const SilenceFinding ok = f.response(200, "INVITE", 1.2);
    EXPECT_EQ(ok.kind, SilenceKind::Answer) << "the 2xx is watched for its ACK";
    EXPECT_FALSE(f.w.marks(first, true));
    EXPECT_FALSE(f.w.marks(second, true));
    // The ACK settles the 2xx: its copy is then never marked on a second pass either.
    f.request("ACK", 1.3, "c1", 1, "ack-branch");
    EXPECT_FALSE(f.w.marks(ok, true));
}

TEST(SilenceWatcher, OtherTransactionsDoNotAnswer)
{
    Fixture f;
    const SilenceFinding reg = f.request("REGISTER", 0, "c1", 1, "b1");
    f.response(200, "REGISTER", 0.1, "c1", 1, "other-branch");  // another leg's transaction
    f.response(200, "REGISTER", 0.1, "c1", 2, "b1");            // another CSeq
    f.response(200, "OPTIONS", 0.1, "c1", 1, "b1");             // another method
    f.response(200, "REGISTER", 0.1, "c2", 1, "b1");            // another call
    f.request("OPTIONS", 40, "later");                           // the capture goes on past 64*T1
    EXPECT_TRUE(f.w.marks(reg, true));
    f.response(100, "REGISTER", 0.2, "c1", 1, "b1");  // any response answers
    EXPECT_FALSE(f.w.marks(reg, true));
}

TEST(SilenceWatcher, ARequestJustBeforeTheCaptureEndsIsNoFinding)
{
    Fixture f;
    const SilenceFinding bye = f.request("BYE", 10);  // one copy (TCP, or UDP cut off within T1)
    f.request("OPTIONS", 12, "other");
    EXPECT_FALSE(f.w.marks(bye, true)) << "the capture ends 2 s later: it cannot tell";
    f.request("OPTIONS", 42, "other2");
    EXPECT_TRUE(f.w.marks(bye, true)) << "64*T1 went by without an answer";
    Fixture g;
    const SilenceFinding first = g.request("OPTIONS", 0);
    g.request("OPTIONS", 0.5);
    EXPECT_TRUE(g.w.marks(first, true)) << "a retransmission shows the sender waited";
}

TEST(SilenceWatcher, LateResponseIsItsOwnNote)
{
    Fixture f;
    f.request("OPTIONS", 0);
    f.request("OPTIONS", 31.5);
    const SilenceFinding late = f.response(200, "OPTIONS", 33.0);
    EXPECT_EQ(late.kind, SilenceKind::Late);
    EXPECT_DOUBLE_EQ(late.elapsed, 33.0);
    EXPECT_TRUE(f.w.marks(late, false));
    // Answered in time (32 s is the limit itself): no note.
    Fixture g;
    g.request("OPTIONS", 0);
    EXPECT_EQ(g.response(200, "OPTIONS", 32.0).kind, SilenceKind::None);
    // Only the first response can be late: a final after a provisional is the normal flow of an INVITE.
    Fixture h;
    h.request("INVITE", 0);
    h.response(180, "INVITE", 1);
    EXPECT_EQ(h.response(200, "INVITE", 60).kind, SilenceKind::Answer);
}

TEST(SilenceWatcher, TwoHundredWithoutAckAndTheCalleesBye)
{
    Fixture f;
    f.request("INVITE", 0);
    std::vector<SilenceFinding> oks;
    const double copies[] = {0.005, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5};
    for (double t : copies)
        oks.push_back(f.response(200, "INVITE", t));
    const SilenceFinding bye = f.request("BYE", 32.0, "c1", 1, "bye-branch");
    ASSERT_EQ(bye.kind, SilenceKind::Bye);
    EXPECT_NEAR(bye.elapsed, 31.995, 1e-9) << "from the first 2xx";
    EXPECT_TRUE(f.w.marks(bye, false));
    EXPECT_TRUE(f.w.marks(bye, true));
    for (size_t i = 0; i < oks.size(); ++i) {
        EXPECT_EQ(oks[i].kind, SilenceKind::Answer);
        EXPECT_EQ(oks[i].copy, i + 1);
        EXPECT_EQ(f.w.marks(oks[i], false), i >= 1);
        EXPECT_TRUE(f.w.marks(oks[i], true));
    }
    EXPECT_EQ(oks[0].watch->copies, 11u);
    // The BYE's own 200 does not reopen anything, and a BYE after an ACKed 2xx is quiet.
    EXPECT_EQ(f.response(200, "BYE", 32.1, "c1", 1, "bye-branch").kind, SilenceKind::None);
    Fixture g;
    g.request("INVITE", 0, "c2");
    g.response(200, "INVITE", 0.1, "c2");
    g.response(200, "INVITE", 0.6, "c2");
    g.request("ACK", 1.2, "c2", 1, "ack");
    EXPECT_EQ(g.request("BYE", 1.7, "c2", 2, "bye").kind, SilenceKind::Request);
}

TEST(SilenceWatcher, AProxysTwoLegsAreNoCopies)
{
    Fixture f;
    // The callee's 200 to the proxy (top Via: the proxy's branch), then the proxy's to the caller.
    const SilenceFinding leg_b = f.response(200, "INVITE", 0.000, "c1", 1, "proxy-branch");
    const SilenceFinding leg_a = f.response(200, "INVITE", 0.001, "c1", 1, "caller-branch");
    EXPECT_EQ(leg_a.copy, 1u) << "the other leg's 200 is not a retransmission";
    EXPECT_FALSE(f.w.marks(leg_a, false));
    EXPECT_NE(leg_a.watch, leg_b.watch);
    const SilenceFinding again = f.response(200, "INVITE", 0.5, "c1", 1, "caller-branch");
    EXPECT_EQ(again.copy, 2u);
    EXPECT_TRUE(f.w.marks(again, false));
    f.request("ACK", 0.6, "c1", 1, "ack");  // the ACK passes both legs
    f.request("OPTIONS", 40, "later");
    EXPECT_FALSE(f.w.marks(leg_a, true));
    EXPECT_FALSE(f.w.marks(leg_b, true));
}

TEST(SilenceWatcher, AckOfAnotherCSeqDoesNotSettle)
{
    Fixture f;
    const SilenceFinding ok = f.response(200, "INVITE", 0, "c1", 2);
    f.request("ACK", 0.1, "c1", 1, "ack");  // the ACK of an earlier INVITE
    EXPECT_FALSE(ok.watch->settled);
    // A re-INVITE's 2xx is watched on its own.
    const SilenceFinding again = f.response(200, "INVITE", 5, "c1", 3);
    EXPECT_NE(again.watch, ok.watch);
    f.request("ACK", 5.1, "c1", 3, "ack3");
    f.request("OPTIONS", 40, "later");
    EXPECT_FALSE(f.w.marks(again, true));
    EXPECT_TRUE(f.w.marks(ok, true));
}

TEST(SilenceWatcher, AMessageCapturedTwiceIsOneCopy)
{
    Fixture f;
    const SilenceFinding first = f.request("INVITE", 0);
    const SilenceFinding mirrored = f.request("INVITE", 0.0007);  // the same send seen at a second capture point
    EXPECT_EQ(mirrored.copy, 1u);
    EXPECT_FALSE(f.w.marks(mirrored, false)) << "no retransmission yet";
    const SilenceFinding resent = f.request("INVITE", 0.5);
    EXPECT_EQ(resent.copy, 2u);
    EXPECT_TRUE(f.w.marks(resent, false));
    EXPECT_EQ(first.watch->copies, 2u);
    const SilenceFinding ok = f.response(200, "INVITE", 1);
    EXPECT_EQ(f.response(200, "INVITE", 1.001).copy, 1u) << "a 2xx captured twice";
    EXPECT_EQ(ok.watch->copies, 1u);
}

TEST(SilenceWatcher, LargeRequestsOverUdpKeepTheirSize)
{
    Fixture f;
    EXPECT_EQ(f.request("INVITE", 0, "c1", 1, "b1", 2418).watch->size, 2418u);
    EXPECT_EQ(f.request("INVITE", 0, "c2", 1, "b1", 1300).watch->size, 0u) << "1,300 bytes are within the limit";
    SilenceRequest tcp;
    tcp.call_id = "c3";
    tcp.method = "INVITE";
    tcp.size = 5000;
    EXPECT_EQ(f.w.on_request(tcp).watch->size, 0u) << "over TCP the size is no hint";
}

TEST(SilenceWatcher, BoundedByEntryCountsAndSaysSo)
{
    Fixture f;
    char id[32];
    // Answered requests are dropped first: nothing is lost, nothing to tell.
    for (size_t i = 0; i < SilenceWatcher::kMaxRequests + 10; ++i) {
        snprintf(id, sizeof id, "a%zu", i);
        f.request("OPTIONS", 0.001 * i, id);
        f.response(200, "OPTIONS", 0.001 * i, id);
    }
    EXPECT_LE(f.w.watched_requests(), SilenceWatcher::kMaxRequests);
    EXPECT_FALSE(f.w.take_limit_note());
    // Unanswered ones within 64 s: the oldest tenth is forgotten, once told.
    Fixture g;
    SilenceFinding oldest = g.request("OPTIONS", 0, "first");
    for (size_t i = 1; i < SilenceWatcher::kMaxRequests + 10; ++i) {
        snprintf(id, sizeof id, "u%zu", i);
        g.request("OPTIONS", 0.0001 * i, id);
    }
    EXPECT_LE(g.w.watched_requests(), SilenceWatcher::kMaxRequests);
    EXPECT_GE(g.w.watched_requests(), SilenceWatcher::kMaxRequests * 8 / 10);
    EXPECT_TRUE(oldest.watch->forgotten);
    EXPECT_TRUE(g.w.take_limit_note());
    EXPECT_FALSE(g.w.take_limit_note()) << "once per file";
    // A forgotten watch shows only what was known at its copies.
    EXPECT_FALSE(g.w.marks(oldest, true));
    g.w.clear();
    EXPECT_EQ(g.w.watched_requests(), 0u);
}

// tshark's last pass frees a watch when the watcher lets go of it: each one
// exactly once, and never one an entry still holds.
TEST(SilenceWatcher, LetsGoOfEachWatchOnceWhenItHoldsItNoMore)
{
    Fixture f;
    const SilenceFinding first = f.response(200, "INVITE", 0, "c1", 1);
    EXPECT_TRUE(f.released.empty());
    const SilenceFinding again = f.response(200, "INVITE", 0.5, "c1", 1);
    EXPECT_EQ(again.watch, first.watch) << "a copy keeps its watch";
    // A re-INVITE's 2xx is watched afresh: the old watch goes.
    const SilenceFinding reinvite = f.response(200, "INVITE", 10, "c1", 2);
    EXPECT_NE(reinvite.watch, first.watch);
    EXPECT_EQ(f.released, std::set<const Watch *>{first.watch});
    // A fifth leg shares the fourth's watch: nothing made for it, nothing to let go.
    const size_t made = f.watches.size();
    for (const char *leg : {"l0", "l1", "l2", "l3", "l4"})
        f.response(200, "INVITE", 20, "c2", 1, leg);
    EXPECT_EQ(f.watches.size(), made + 4);
    const size_t let_go_before = f.released.size();
    // At the limit the settled requests go first, each handed back.
    char id[32];
    for (size_t i = 0; i < SilenceWatcher::kMaxRequests + 10; ++i) {
        snprintf(id, sizeof id, "a%zu", i);
        f.request("OPTIONS", 30 + 0.001 * i, id);
        f.response(200, "OPTIONS", 30 + 0.001 * i, id);
    }
    EXPECT_GT(f.released.size() - let_go_before, SilenceWatcher::kMaxRequests / 2);
    for (const Watch *w : f.released)
        EXPECT_TRUE(w == first.watch || w->settled) << "only settled requests make room within 64*T1";
    // Still held ones come back with clear(); every watch made, once.
    const SilenceFinding held = f.request("OPTIONS", 300, "held");
    EXPECT_EQ(f.released.count(held.watch), 0u);
    f.w.clear();
    EXPECT_EQ(f.released.count(held.watch), 1u);
    EXPECT_EQ(f.released.size(), f.watches.size());
    EXPECT_EQ(f.twice, 0u);
}

}  // namespace
}  // namespace sipcat
