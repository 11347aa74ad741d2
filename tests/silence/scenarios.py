#!/usr/bin/env python3
"""Writes the SIPp scenarios of tests/silence/record.sh into a folder.

Retransmissions are spelled out, copy by copy, on RFC 3261's schedule with T1 = 500 ms and T2 = 4 s:
an INVITE at 0, 0.5, 1.5, 3.5, 7.5, 15.5 and 31.5 s (Timer A doubling until Timer B, §17.1.1.2), a
non-INVITE request and a 2xx to INVITE at 0, 0.5, 1.5, 3.5, 7.5, 11.5, ... 31.5 s (doubling, capped at
T2, until Timer F, §17.1.2.2, or for the 2xx until 64*T1, §13.3.1.4). SIPp's own retransmission stops a
copy early and gives the call up before a UAS could send its BYE, so each copy is its own <send> with a
fixed branch (every copy of a request is the same transaction)."""
import os
import sys

T1, T2, LIMIT = 500, 4000, 64 * 500


def waits(invite):
    """Milliseconds to wait after each copy: the copies' spacing, then what is left until 64*T1."""
    out, t, at = [], T1, 0
    while at + t < LIMIT:
        out.append(t)
        at += t
        t = t * 2 if invite else min(t * 2, T2)
    out.append(LIMIT - at)
    return out


def request(method, ruri, to, cseq=1, extra="", body="", branch="1"):
    return f"""{method} {ruri} SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=z9hG4bK-sipcat-[pid]-[call_number]-{branch}
From: "sipcat test" <sip:caller@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: {to}
Call-ID: [call_id]
CSeq: {cseq} {method}
Contact: <sip:caller@[local_ip]:[local_port];transport=[transport]>
Max-Forwards: 70
Subject: sipcat silence test
{extra}Content-Length: [len]

{body}"""


SDP = """v=0
o=user1 53655765 2353687637 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [media_port] RTP/AVP 0
a=rtpmap:0 PCMU/8000
"""

OK = """SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:]{tag}
[last_Call-ID:]
[last_CSeq:]
Contact: <sip:callee@[local_ip]:[local_port];transport=[transport]>
{extra}Content-Length: [len]

{body}"""


def send(msg):
    return f"  <send><![CDATA[\n{msg}]]></send>\n"


def scenario(name, body):
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<scenario name="{name}">\n{body}</scenario>\n'


def copies(msg, waits_ms, awaited, done_label):
    """Each copy of `msg`, then a wait for `awaited` (a recv attribute) as long as the schedule says; the
    first match jumps to done_label, the end of the schedule falls through."""
    out = ""
    for i, ms in enumerate(waits_ms):
        out += send(msg)
        out += f'  <recv {awaited} timeout="{ms}" ontimeout="copy{i + 1}" next="{done_label}"/>\n'
        out += f'  <label id="copy{i + 1}"/>\n'
    return out


def uac_unanswered(method, ruri, to, extra="", body=""):
    """Sends a request on the RFC schedule; stops at the first answer, else gives up at 64*T1."""
    out = copies(request(method, ruri, to, extra=extra, body=body), waits(method == "INVITE"),
                 'response="200"', "answered")
    out += '  <nop next="end"/>\n  <label id="answered"/>\n'
    if method == "INVITE":
        out += send(request("ACK", ruri, to + "[peer_tag_param]", branch="ack").replace(
            "Subject: sipcat silence test\n", ""))
        out += '  <pause milliseconds="500"/>\n'
        out += send(request("BYE", ruri, to + "[peer_tag_param]", cseq=2, branch="bye"))
        out += '  <recv response="200"/>\n'
    out += '  <label id="end"/>\n'
    return scenario("uac_unanswered", out)


def uas_answer(method, delay_ms, invite=False):
    """Answers the first copy of a request after delay_ms (copies that arrive meanwhile are absorbed)."""
    # Our BYE goes to the caller's Contact with the caller's tag (RFC 3261 §12.1.1, §12.2.1.1).
    keep = ('  <recv request="INVITE">\n    <action>\n      <ereg regexp="sip:[^;>]*" search_in="hdr" '
            'header="Contact:" assign_to="target"/>\n      <ereg regexp=";tag=[^;>]*" search_in="hdr" '
            'header="From:" assign_to="caller_tag"/>\n    </action>\n  </recv>\n')
    out = (keep if invite else f'  <recv request="{method}"/>\n') + f'  <pause milliseconds="{delay_ms}"/>\n'
    if not invite:
        return scenario("uas_answer", out + send(OK.format(tag=";tag=[pid]SIPpTag01[call_number]", extra="",
                                                             body="")))
    return scenario("uas_answer", out + uas_2xx_until_ack())


def uas_2xx_until_ack():
    """Sends the 2xx and its copies until the ACK comes; without an ACK by 64*T1, ends the call with BYE."""
    ok = OK.format(tag=";tag=[pid]SIPpTag01[call_number]", extra="Content-Type: application/sdp\n", body=SDP)
    out = copies(ok, waits(False), 'request="ACK"', "acked")
    bye = """BYE [$target] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=z9hG4bK-sipcat-[pid]-[call_number]-bye
From: <sip:callee@[local_ip]:[local_port]>;tag=[pid]SIPpTag01[call_number]
To: "sipcat test" <[$target]>[$caller_tag]
[last_Call-ID:]
CSeq: 1 BYE
Max-Forwards: 70
Content-Length: 0

"""
    out += send(bye) + '  <recv response="200" next="end"/>\n'
    out += '  <label id="acked"/>\n  <recv request="BYE"/>\n'
    out += send(OK.format(tag="", extra="", body="").replace(
        "Contact: <sip:callee@[local_ip]:[local_port];transport=[transport]>\n", ""))
    out += '  <label id="end"/>\n'
    return out


def uac_call(ack_delay_ms):
    """INVITE, 200, then the ACK after ack_delay_ms and a BYE; ack_delay_ms None: never ACK, answer the
    callee's BYE instead."""
    ruri, to = "sip:callee@[remote_ip]:[remote_port]", "<sip:callee@[remote_ip]:[remote_port]>"
    out = send(request("INVITE", ruri, to, extra="Content-Type: application/sdp\n", body=SDP))
    out += '  <recv response="200"/>\n'
    if ack_delay_ms is None:
        # The 200's copies arrive while waiting for the callee's BYE; they are absorbed.
        out += '  <recv request="BYE" timeout="40000"/>\n'
        out += send(OK.format(tag="", extra="", body="").replace(
            "Contact: <sip:callee@[local_ip]:[local_port];transport=[transport]>\n", ""))
    else:
        out += f'  <pause milliseconds="{ack_delay_ms}"/>\n'
        out += send(request("ACK", ruri, to + "[peer_tag_param]", branch="ack").replace(
            "Subject: sipcat silence test\n", ""))
        out += '  <pause milliseconds="500"/>\n'
        out += send(request("BYE", ruri, to + "[peer_tag_param]", cseq=2, branch="bye"))
        out += '  <recv response="200"/>\n'
    return scenario("uac_call", out)


def main(folder):
    big_sdp = SDP + "".join(f"a=x-padding-{i:02d}:{'p' * 30}\n" for i in range(40))
    files = {
        "invite.xml": uac_unanswered("INVITE", "sip:callee@[remote_ip]:[remote_port]",
                                     "<sip:callee@[remote_ip]:[remote_port]>",
                                     extra="Content-Type: application/sdp\n", body=SDP),
        "register.xml": uac_unanswered("REGISTER", "sip:[remote_ip]:[remote_port]",
                                       "<sip:caller@[remote_ip]:[remote_port]>", extra="Expires: 600\n"),
        "options.xml": uac_unanswered("OPTIONS", "sip:keepalive@[remote_ip]:[remote_port]",
                                      "<sip:keepalive@[remote_ip]:[remote_port]>"),
        "big-invite.xml": uac_unanswered("INVITE", "sip:callee@[remote_ip]:[remote_port]",
                                         "<sip:callee@[remote_ip]:[remote_port]>",
                                         extra="Content-Type: application/sdp\n", body=big_sdp),
        "uas-options-soon.xml": uas_answer("OPTIONS", 1200),
        "uas-options-late.xml": uas_answer("OPTIONS", 33000),
        "uas-invite-soon.xml": uas_answer("INVITE", 1200, invite=True),
        "uas-invite.xml": uas_answer("INVITE", 0, invite=True),
        "call-no-ack.xml": uac_call(None),
        "call-late-ack.xml": uac_call(1200),
    }
    for name, text in files.items():
        with open(os.path.join(folder, name), "w") as f:
            f.write(text)


if __name__ == "__main__":
    main(sys.argv[1])
