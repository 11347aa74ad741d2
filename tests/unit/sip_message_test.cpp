// The message scanner on real messages (taken from the test captures with
// `tshark -T fields -e udp.payload`) and on hostile ones.
#include <gtest/gtest.h>

#include <deque>
#include <string>

#include "diagnosis.h"
#include "sip_message.h"

namespace sipcat {
namespace {

// Test texts are written with \n; SIP ends lines with CRLF.
std::string crlf(std::string s)
{
    std::string out;
    for (char c : s) {
        if (c == '\n')
            out += '\r';
        out += c;
    }
    return out;
}

// A SipMessage holds views into the text it was read from, so each text a
// test scans is kept for the rest of the program.
SipMessage scan(std::string text)
{
    static std::deque<std::string> texts;
    const std::string &kept = texts.emplace_back(std::move(text));
    SipMessage m;
    EXPECT_TRUE(scan_sip_message(kept, m)) << kept;
    return m;
}

// kamailio-diagnosis-udp: Kamailio challenges a REGISTER.
const std::string kChallenge = crlf(
    "SIP/2.0 401 Unauthorized\n"
    "Via: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bK-6261-1-0\n"
    "From: <sip:alice@127.0.0.1>;tag=6261R1\n"
    "To: <sip:alice@127.0.0.1>;tag=2ab3ce93beadb85952224a88d0f335e1.b12d935b\n"
    "Call-ID: 1-6261@127.0.0.1\n"
    "CSeq: 1 REGISTER\n"
    "WWW-Authenticate: Digest realm=\"127.0.0.1\", nonce=\"awSoAmsEp/9EIDqS9+HZMpuOJjo6Liw/\"\n"
    "Server: kamailio (5.6.3 (x86_64/linux))\n"
    "Content-Length: 0\n"
    "\n");

// The same registration, answering it.
const std::string kRegister = crlf(
    "REGISTER sip:127.0.0.1:5090 SIP/2.0\n"
    "Via: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bK-6261-1-2\n"
    "From: <sip:alice@127.0.0.1>;tag=6261R1\n"
    "To: <sip:alice@127.0.0.1>\n"
    "Call-ID: 1-6261@127.0.0.1\n"
    "CSeq: 2 REGISTER\n"
    "Contact: <sip:alice@127.0.0.1:5080;transport=UDP>\n"
    "Authorization: Digest username=\"alice\",realm=\"127.0.0.1\",uri=\"sip:127.0.0.1:5090\","
    "nonce=\"awSoAmsEp/9EIDqS9+HZMpuOJjo6Liw/\",response=\"0ceea6e18a77584d768d157dc8e536f2\",algorithm=MD5\n"
    "Expires: 60\n"
    "Max-Forwards: 70\n"
    "Content-Length: 0\n"
    "\n");

// kamailio-diagnosis-udp: a BYE that says why.
const std::string kBye = crlf(
    "BYE sip:bob@127.0.0.1:5070;transport=UDP SIP/2.0\n"
    "Via: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bK-6348-1-9\n"
    "From: \"caller\" <sip:alice@127.0.0.1>;tag=6348C1\n"
    "To: <sip:dave@127.0.0.1>;tag=6346U1\n"
    "Route: <sip:127.0.0.1:5090;lr;ftag=6348C1>\n"
    "Call-ID: 1-6348@127.0.0.1\n"
    "CSeq: 3 BYE\n"
    "Max-Forwards: 70\n"
    "Reason: Q.850;cause=16;text=\"Normal call clearing\"\n"
    "Content-Length: 0\n"
    "\n");

TEST(SipMessage, ChallengeFromKamailio)
{
    const SipMessage m = scan(kChallenge);
    EXPECT_EQ(m.kind, SipMessage::Kind::Response);
    EXPECT_TRUE(m.has_code);
    EXPECT_EQ(m.code, 401u);
    EXPECT_EQ(m.start_line, "SIP/2.0 401 Unauthorized");
    EXPECT_EQ(m.call_id, "1-6261@127.0.0.1");
    EXPECT_TRUE(m.has_cseq);
    EXPECT_EQ(m.cseq, 1u);
    EXPECT_EQ(m.cseq_method, "REGISTER");
    EXPECT_EQ(m.branch, "z9hG4bK-6261-1-0");
    EXPECT_TRUE(m.to_tag);
    EXPECT_EQ(m.headers, kWwwAuthenticate);
    ASSERT_EQ(m.nonce_count, 1u);
    EXPECT_EQ(m.nonces[0], "awSoAmsEp/9EIDqS9+HZMpuOJjo6Liw/");
    EXPECT_FALSE(m.stale);
    EXPECT_FALSE(m.authorization);
    EXPECT_FALSE(m.has_retry_after);
    EXPECT_FALSE(m.has_q850);
}

TEST(SipMessage, CredentialsFromSipp)
{
    const SipMessage m = scan(kRegister);
    EXPECT_EQ(m.kind, SipMessage::Kind::Request);
    EXPECT_EQ(m.method, "REGISTER");
    EXPECT_EQ(m.request_uri, "sip:127.0.0.1:5090");
    EXPECT_EQ(m.cseq, 2u);
    EXPECT_FALSE(m.to_tag);
    EXPECT_TRUE(m.authorization);
    EXPECT_FALSE(m.proxy_authorization);
    EXPECT_EQ(m.username, "alice");
    EXPECT_EQ(m.nonce, "awSoAmsEp/9EIDqS9+HZMpuOJjo6Liw/");
    EXPECT_EQ(m.headers, kContact);
}

TEST(SipMessage, ReasonOfABye)
{
    const SipMessage m = scan(kBye);
    EXPECT_EQ(m.method, "BYE");
    EXPECT_EQ(m.request_uri, "sip:bob@127.0.0.1:5070;transport=UDP");
    EXPECT_TRUE(m.has_q850);
    EXPECT_EQ(m.q850, 16u);
    EXPECT_FALSE(m.has_reason_sip);
    EXPECT_EQ(m.reason_text, "Normal call clearing");
}

TEST(SipMessage, CompactFormsAnyCaseAndFoldedLines)
{
    const SipMessage m = scan(crlf(
        "SIP/2.0 486 Busy Here\n"
        "v: SIP/2.0/UDP 10.0.0.1:5060\n"
        "   ;branch=z9hG4bKfolded;rport\n"
        "V: SIP/2.0/UDP 10.0.0.2;branch=z9hG4bKsecond\n"
        "t: <sip:bob@example.com;tag=inuri>\n"
        "I: abc@host\n"
        "cseq:\t7   INVITE\n"
        "M: <sip:bob@10.0.0.9>\n"
        "RETRY-AFTER: 120\n"
        "\n"));
    EXPECT_EQ(m.branch, "z9hG4bKfolded");
    EXPECT_FALSE(m.to_tag) << "a tag inside the URI is not the To tag";
    EXPECT_EQ(m.call_id, "abc@host");
    EXPECT_EQ(m.cseq, 7u);
    EXPECT_EQ(m.cseq_method, "INVITE");
    EXPECT_EQ(m.headers, kContact);
    EXPECT_TRUE(m.has_retry_after);
    EXPECT_EQ(m.retry_after, 120u);
}

TEST(SipMessage, RetryAfterIsReadAsWiresharkReadsIt)
{
    // ws_strtou32 on the whole value: a comment or parameter makes it 0.
    EXPECT_EQ(scan(crlf("SIP/2.0 503 X\nRetry-After: 18000;duration=3600\n\n")).retry_after, 0u);
    EXPECT_EQ(scan(crlf("SIP/2.0 503 X\nRetry-After: 99999999999\n\n")).retry_after, 4294967295u);
    EXPECT_TRUE(scan(crlf("SIP/2.0 503 X\nRetry-After: soon\n\n")).has_retry_after);
}

TEST(SipMessage, StaleAnyCaseQuotedOrNot)
{
    for (const char *stale : {"stale=true", "stale=TRUE", "stale=\"true\"", "Stale = \"True\""}) {
        const SipMessage m = scan(crlf(std::string("SIP/2.0 401 Unauthorized\n"
                                                   "WWW-Authenticate: Digest realm=\"r\", nonce=\"n2\", ") +
                                       stale + "\n\n"));
        EXPECT_TRUE(m.stale) << stale;
    }
    EXPECT_FALSE(scan(crlf("SIP/2.0 401 X\nWWW-Authenticate: Digest nonce=\"n\", stale=false\n\n")).stale);
    EXPECT_FALSE(scan(crlf("SIP/2.0 401 X\nWWW-Authenticate: Digest nonce=\"stale=true\"\n\n")).stale);
}

TEST(SipMessage, NoncesOfSeveralChallengesKeptToTheLimit)
{
    std::string text = "SIP/2.0 407 Proxy Authentication Required\n";
    for (int i = 0; i < 6; ++i)
        text += "Proxy-Authenticate: Digest realm=\"r\", nonce=\"n" + std::to_string(i) + "\", algorithm=MD5\n";
    const SipMessage m = scan(crlf(text + "\n"));
    EXPECT_EQ(m.headers, kProxyAuthenticate);
    ASSERT_EQ(m.nonce_count, SipMessage::kMaxNonces);
    EXPECT_EQ(m.nonces[0], "n0");
    EXPECT_EQ(m.nonces[3], "n3");
}

TEST(SipMessage, WarningsOverAnyNumberOfLines)
{
    // 20 lines of two values each: 40 values, more than the 32 kept.
    std::string text = "SIP/2.0 488 Not Acceptable Here\n";
    for (int i = 0; i < 20; ++i)
        text += "Warning: 30" + std::to_string(i % 10) + " gw \"a, b\", 399 gw \"line " + std::to_string(i) + "\"\n";
    const SipMessage m = scan(crlf(text + "\n"));
    EXPECT_EQ(m.warning_count, SipMessage::kMaxWarningValues + 1) << "one more than kept says some are left out";
    EXPECT_EQ(m.warnings[0], "300 gw \"a, b\"") << "a comma inside quotes separates nothing";
    EXPECT_EQ(m.warnings[1], "399 gw \"line 0\"");
    EXPECT_EQ(m.warnings[32], "306 gw \"a, b\"");
}

TEST(SipMessage, WarningValuesWithoutACodeAreSkipped)
{
    const SipMessage m = scan(crlf("SIP/2.0 488 X\nWarning: junk, 3999 x \"y\", 301 host \"ok\"\n\n"));
    ASSERT_EQ(m.warning_count, 1u);
    EXPECT_EQ(m.warnings[0], "301 host \"ok\"");
}

TEST(SipMessage, ReasonAsWiresharkReadsIt)
{
    // The first reason-value of each header; the first Q.850 and SIP causes win.
    const SipMessage m = scan(crlf(
        "CANCEL sip:a@b SIP/2.0\n"
        "Reason: SIP;cause=200;text=\"Call completed elsewhere\", Q.850;cause=26\n"
        "Reason: Q.850;cause=31\n"
        "Reason: q.850;cause=41\n"
        "\n"));
    EXPECT_TRUE(m.has_reason_sip);
    EXPECT_EQ(m.reason_sip, 200u);
    EXPECT_TRUE(m.has_q850);
    EXPECT_EQ(m.q850, 31u);
    EXPECT_EQ(m.reason_text, "Call completed elsewhere");
    // No ';': Wireshark reads nothing.
    EXPECT_FALSE(scan(crlf("BYE sip:a@b SIP/2.0\nReason: Q.850\n\n")).has_q850);
}

TEST(SipMessage, OddStatusLines)
{
    const SipMessage odd = scan("SIP/2.0 799 Beyond\r\n\r\n");
    EXPECT_TRUE(odd.has_code);
    EXPECT_EQ(odd.code, 799u);
    EXPECT_FALSE(scan("SIP/2.0 4040 Four digits\r\n\r\n").has_code);
    EXPECT_FALSE(scan("SIP/2.0 ABC\r\n").has_code);
    EXPECT_TRUE(scan("SIP/2.0 200\r\n").has_code);
    // LF alone ends lines too.
    const SipMessage lf = scan("SIP/2.0 180 Ringing\nCSeq: 5 INVITE\n\nbody: 1\n");
    EXPECT_EQ(lf.cseq, 5u);
}

TEST(SipMessage, StopsAtTheEndOfTheHeaders)
{
    const SipMessage m = scan(crlf("SIP/2.0 200 OK\nCSeq: 1 INVITE\n\nCall-ID: in-the-body\nWarning: 399 x \"y\"\n"));
    EXPECT_TRUE(m.call_id.empty());
    EXPECT_EQ(m.warning_count, 0u);
}

TEST(SipMessage, NoStartLine)
{
    SipMessage m;
    EXPECT_FALSE(scan_sip_message("", m));
    EXPECT_FALSE(scan_sip_message("\r\nSIP/2.0 200 OK\r\n", m));
    EXPECT_FALSE(scan_sip_message("hello world\r\n", m));
    EXPECT_FALSE(scan_sip_message("INVITE sip:a@b HTTP/1.1\r\n", m));
    EXPECT_EQ(m.kind, SipMessage::Kind::None);
}

TEST(SipMessage, ViewsStayInsideTheBytes)
{
    // Cut anywhere: nothing may point past the end (the fuzz target checks this on every input).
    for (size_t n = 0; n <= kRegister.size(); ++n) {
        const std::string cut = kRegister.substr(0, n);
        SipMessage m;
        if (!scan_sip_message(cut, m))
            continue;
        for (std::string_view v : {m.start_line, m.method, m.request_uri, m.call_id, m.cseq_method, m.branch,
                                   m.username, m.nonce})
            if (!v.empty()) {
                EXPECT_GE(v.data(), cut.data());
                EXPECT_LE(v.data() + v.size(), cut.data() + cut.size());
            }
    }
}

TEST(SipMessage, HostileBytes)
{
    const std::string nul("SIP/2.0 200 OK\r\nCall-ID: a\0b\r\nCSeq: 4294967296 \0\r\n\r\n", 46);
    const SipMessage m = scan(nul);
    EXPECT_EQ(m.call_id, std::string_view("a\0b", 3));
    EXPECT_EQ(m.cseq, 4294967295u);
    const SipMessage q = scan(crlf("SIP/2.0 401 X\nWWW-Authenticate: Digest nonce=\"unterminated, stale=true\n\n"));
    EXPECT_FALSE(q.stale);
    const SipMessage colonless = scan(crlf("SIP/2.0 401 X\nno colon here\n: empty name\nCall-ID:\n\n"));
    EXPECT_TRUE(colonless.call_id.empty());
}

TEST(SipMessage, BranchOfTheFirstViaValueThatHasOne)
{
    EXPECT_EQ(scan(crlf("SIP/2.0 200 OK\nVia: SIP/2.0/UDP a;rport, SIP/2.0/UDP b;branch=z9second\n\n")).branch,
              "z9second");
    // A "branch" without a value ends the search in its Via value only.
    EXPECT_EQ(scan(crlf("SIP/2.0 200 OK\nVia: SIP/2.0/UDP a;branch;branch=z9no, SIP/2.0/UDP b;branch=z9yes\n\n")).branch,
              "z9yes");
    EXPECT_EQ(scan(crlf("SIP/2.0 200 OK\nVia: SIP/2.0/UDP a;branch= ;branch=z9no\n"
                        "Via: SIP/2.0/UDP b;BRANCH = z9yes x\n\n"))
                  .branch,
              "z9yes")
        << "the next Via header, any case, white space around '=', up to the first white space";
    EXPECT_EQ(scan(crlf("SIP/2.0 200 OK\nVia: SIP/2.0/UDP a;branchx=1;branch\"=2\";branch=z9\n\n")).branch, "z9")
        << "names that only start with branch";
}

TEST(SipMessage, ViaSeparatorsInsideQuotesOrAnglesSeparateNothing)
{
    EXPECT_EQ(scan(crlf("SIP/2.0 200 OK\nVia: SIP/2.0/UDP a;received=\"1;branch=q,\\\"\";branch=z9real\n\n")).branch,
              "z9real")
        << "';' and ',' (and an escaped quote) inside a quoted string";
    EXPECT_EQ(scan(crlf("SIP/2.0 200 OK\nVia: SIP/2.0/UDP <a;branch=z9in>;branch=z9out\n\n")).branch, "z9out");
    EXPECT_EQ(scan(crlf("SIP/2.0 200 OK\nVia: SIP/2.0/UDP a;branch=\"q\\\"x;y\";rport\n\n")).branch, "\"q\\\"x;y\"")
        << "a quoted branch is kept whole, quotes and all";
}

TEST(SipMessage, ToTagOutsideQuotesAndAngles)
{
    EXPECT_FALSE(scan(crlf("SIP/2.0 200 OK\nTo: \"a<b;tag=x\" <sip:b@c;tag=y>\n\n")).to_tag);
    EXPECT_TRUE(scan(crlf("SIP/2.0 200 OK\nTo: \"a<b\" <sip:b@c>;tag=y\n\n")).to_tag)
        << "a '<' inside quotes opens nothing";
    EXPECT_TRUE(scan(crlf("SIP/2.0 200 OK\nTo: sip:b@c;tag\n\n")).to_tag) << "addr-spec, tag without a value";
    EXPECT_TRUE(scan(crlf("SIP/2.0 200 OK\nTo: <sip:b@c>;tag;x=1\n\n")).to_tag) << "tag without a value, then more";
    EXPECT_FALSE(scan(crlf("SIP/2.0 200 OK\nTo: <sip:a>;tagx=1;tag x=2;\"tag\"\n\n")).to_tag);
    EXPECT_TRUE(scan(crlf("SIP/2.0 200 OK\nTo: <sip:a>;tag x=1\nt: <sip:a> ; TAG = 5\n\n")).to_tag);
}

TEST(SipMessage, LoneCrEndsLines)
{
    const SipMessage m =
        scan("SIP/2.0 200 OK\rVia: SIP/2.0/UDP a;branch=z9cr\rTo: <sip:a>;tag=1\rCall-ID: cr\r\rCall-ID: body\r");
    EXPECT_EQ(m.start_line, "SIP/2.0 200 OK");
    EXPECT_EQ(m.branch, "z9cr");
    EXPECT_TRUE(m.to_tag);
    EXPECT_EQ(m.call_id, "cr");
}

TEST(SipMessage, FoldedLinesAnywhere)
{
    const SipMessage m = scan(crlf("SIP/2.0 200 OK\n"
                                   "Via: SIP/2.0/UDP a\n"
                                   " ;branch=z9folded\n"
                                   "\t;rport\n"
                                   "To\n"
                                   " : <sip:x>;tag=2\n"
                                   "Call-ID: x\n"
                                   "\n"));
    EXPECT_EQ(m.branch, "z9folded");
    EXPECT_TRUE(m.to_tag) << "the colon on a continuation line";
    EXPECT_EQ(m.call_id, "x");
}

TEST(SipMessage, AColonOnTheNextLineIsNotThisLinesColon)
{
    const SipMessage m = scan(crlf("SIP/2.0 200 OK\nCall-ID\nX: y\nCall-ID\n: z\nCSeq\nTo: <sip:a>;tag=1\n\n"));
    EXPECT_TRUE(m.call_id.empty());
    EXPECT_FALSE(m.has_cseq);
    EXPECT_TRUE(m.to_tag);
}

TEST(SipMessage, LineEndsAtEveryOffset)
{
    // Lines are searched 16 bytes at a time: a line end (or none) at each
    // place in a block, and values that cross blocks.
    for (size_t len = 1; len <= 48; ++len) {
        const std::string id(len, 'a');
        for (const char *eol : {"\r\n", "\n", "\r", ""}) {
            const std::string text = "SIP/2.0 200 OK\r\nCall-ID: " + id + eol + "CSeq: 9 BYE" + eol;
            const SipMessage m = scan(text);
            if (*eol) {
                EXPECT_EQ(m.call_id, id) << len << " " << int(eol[0]);
                EXPECT_EQ(m.cseq, 9u) << len;
            } else {
                EXPECT_EQ(m.call_id, id + "CSeq: 9 BYE") << len;
            }
            // The start line, a Via's separators and a continuation line at each place too.
            const SipMessage v = scan("SIP/2.0 200 " + id + eol + "Via: SIP/2.0/UDP " + id + ";branch=z9" + id + eol +
                                      "Call-ID: x" + eol + " " + id + eol + "CSeq: 9 BYE" + eol);
            if (*eol) {
                EXPECT_EQ(v.start_line, "SIP/2.0 200 " + id) << len;
                EXPECT_EQ(v.branch, "z9" + id) << len;
                EXPECT_EQ(v.call_id, "x" + std::string(eol) + " " + id) << len;
                EXPECT_EQ(v.cseq, 9u) << len;
            }
        }
    }
}

TEST(SipMessage, AUsedMessageIsReset)
{
    static const std::string warned = crlf("SIP/2.0 488 X\nWarning: 301 h \"a\", 302 h \"b\"\nReason: Q.850;cause=1\n\n");
    static const std::string bare = "SIP/2.0 200 OK\r\n\r\n";
    SipMessage m;
    ASSERT_TRUE(scan_sip_message(kChallenge, m));
    ASSERT_EQ(m.nonce_count, 1u);
    ASSERT_TRUE(scan_sip_message(warned, m));
    EXPECT_EQ(m.nonce_count, 0u);
    EXPECT_EQ(m.warning_count, 2u);
    ASSERT_TRUE(scan_sip_message(bare, m));
    EXPECT_EQ(m.warning_count, 0u);
    EXPECT_TRUE(m.nonces[0].empty());
    EXPECT_FALSE(m.to_tag);
    EXPECT_FALSE(m.has_q850);
    EXPECT_TRUE(m.branch.empty());
    EXPECT_TRUE(m.call_id.empty());
    EXPECT_FALSE(m.has_cseq);
    EXPECT_TRUE(m.cseq_method.empty());
    EXPECT_EQ(m.headers, 0u);
    EXPECT_EQ(m.code, 200u);
}

}  // namespace
}  // namespace sipcat
