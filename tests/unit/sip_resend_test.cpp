// The retransmission rule of Wireshark's SIP dissector (sip.resend), kept by sipcat.
#include <gtest/gtest.h>

#include "sip_resend.h"

namespace sipcat {
namespace {

const SipFlow kAtoB{"call-1", "\x0a\x00\x00\x01", "\x0a\x00\x00\x02", 5060, 5060};
const SipFlow kBtoA{"call-1", "\x0a\x00\x00\x02", "\x0a\x00\x00\x01", 5060, 5060};

TEST(ResendTracker, RequestsAndFinalResponses)
{
    ResendTracker t;
    EXPECT_FALSE(t.resent(kAtoB, true, 1, "INVITE", true, 0));
    EXPECT_TRUE(t.resent(kAtoB, true, 1, "INVITE", true, 0)) << "same CSeq and method after the request";
    EXPECT_FALSE(t.resent(kBtoA, true, 1, "INVITE", false, 100));
    EXPECT_FALSE(t.resent(kBtoA, true, 1, "INVITE", false, 100)) << "provisional responses are never resent";
    EXPECT_FALSE(t.resent(kBtoA, true, 1, "INVITE", false, 486));
    EXPECT_TRUE(t.resent(kBtoA, true, 1, "INVITE", false, 486));
    EXPECT_FALSE(t.resent(kBtoA, true, 1, "INVITE", false, 500)) << "another status is no copy";
    EXPECT_FALSE(t.resent(kAtoB, true, 1, "ACK", true, 0));
    EXPECT_FALSE(t.resent(kAtoB, true, 1, "ACK", true, 0)) << "the method stays the first one of the CSeq";
    EXPECT_FALSE(t.resent(kAtoB, true, 2, "ACK", true, 0));
    EXPECT_FALSE(t.resent(kAtoB, true, 2, "ACK", true, 0)) << "ACK is never resent";
}

TEST(ResendTracker, KeyedByCallIdAndDirection)
{
    ResendTracker t;
    EXPECT_FALSE(t.resent(kAtoB, true, 1, "OPTIONS", true, 0));
    SipFlow other = kAtoB;
    other.call_id = "call-2";
    EXPECT_FALSE(t.resent(other, true, 1, "OPTIONS", true, 0));
    other = kAtoB;
    other.src_port = 5062;
    EXPECT_FALSE(t.resent(other, true, 1, "OPTIONS", true, 0));
    EXPECT_EQ(t.flows(), 3u);
    // Wireshark compares 127 bytes of the Call-ID.
    const std::string long_a(127, 'a');
    const std::string id_a = long_a + "x", id_b = long_a + "y";
    SipFlow a = kAtoB, b = kAtoB;
    a.call_id = id_a;
    b.call_id = id_b;
    EXPECT_FALSE(t.resent(a, true, 1, "OPTIONS", true, 0));
    EXPECT_TRUE(t.resent(b, true, 1, "OPTIONS", true, 0));
}

TEST(ResendTracker, NoCSeqNoResend)
{
    ResendTracker t;
    EXPECT_FALSE(t.resent(kAtoB, false, 0, "", true, 0));
    EXPECT_FALSE(t.resent(kAtoB, false, 0, "", true, 0));
    EXPECT_EQ(t.flows(), 0u);
    t.resent(kAtoB, true, 1, "INVITE", true, 0);
    t.clear();
    EXPECT_FALSE(t.resent(kAtoB, true, 1, "INVITE", true, 0)) << "cleared at file close";
}

}  // namespace
}  // namespace sipcat
