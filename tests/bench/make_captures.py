#!/usr/bin/env python3
"""Makes the benchmark's inputs, deterministically (same bytes on every run):

  sip-heavy.pcap  >= 200,000 SIP messages over UDP and TCP: registrations with
                  challenges (some rejected), calls answered, busy, cancelled,
                  failed, with proxy authentication, OPTIONS pings; some TCP
                  segments carry two or three messages.
  non-sip.pcap    >= 200,000 packets of TCP (HTTP-like) and UDP (DNS-like) traffic.

usage: make_captures.py OUTDIR [--sip-messages N] [--packets N]"""
import argparse
import os
import random
import struct

ETH_SRC, ETH_DST = b"\x02\x00\x00\x00\x00\x01", b"\x02\x00\x00\x00\x00\x02"


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


class Pcap:
    def __init__(self, path):
        self.f = open(path, "wb")
        self.f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        self.count = 0
        self.t = 1_700_000_000.0

    def packet(self, src, dst, proto, l4, dt=0.0005):
        self.t += dt
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), self.count & 0xFFFF, 0, 64, proto, 0,
                         bytes(src), bytes(dst))
        ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
        frame = ETH_DST + ETH_SRC + b"\x08\x00" + ip + l4
        sec = int(self.t)
        self.f.write(struct.pack("<IIII", sec, int((self.t - sec) * 1e6), len(frame), len(frame)) + frame)
        self.count += 1

    def udp(self, src, sport, dst, dport, payload, dt=0.0005):
        self.packet(src, dst, 17, struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload, dt)

    def close(self):
        self.f.close()


class TcpFlow:
    """One TCP connection; seq numbers advance with the data."""

    def __init__(self, pcap, a, aport, b, bport):
        self.p, self.a, self.aport, self.b, self.bport = pcap, a, aport, b, bport
        self.seq = {0: 1000, 1: 5000}
        self.handshake()

    def seg(self, direction, flags, payload=b"", dt=0.0003):
        src, sport, dst, dport = ((self.a, self.aport, self.b, self.bport) if direction == 0
                                  else (self.b, self.bport, self.a, self.aport))
        ack = self.seq[1 - direction]
        hdr = struct.pack("!HHIIBBHHH", sport, dport, self.seq[direction], ack, 5 << 4, flags, 65535, 0, 0)
        self.p.packet(src, dst, 6, hdr + payload, dt)
        self.seq[direction] = (self.seq[direction] + len(payload) + (1 if flags & 0x03 else 0)) & 0xFFFFFFFF

    def handshake(self):
        self.seg(0, 0x02)
        self.seg(1, 0x12)
        self.seg(0, 0x10)

    def send(self, direction, payload):
        self.seg(direction, 0x18, payload)


# ---------------------------------------------------------------- SIP

SDP = ("v=0\r\no=- 1 1 IN IP4 {ip}\r\ns=-\r\nc=IN IP4 {ip}\r\nt=0 0\r\n"
       "m=audio {port} RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
       "a=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n")


def finish(lines, extra, body):
    """The message: header lines, extra headers, and the SDP body with its length."""
    if extra:
        lines += extra.split("\n")
    if body:
        lines.append("Content-Type: application/sdp")
    lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n" + body).encode()


class Dialog:
    def __init__(self, rng, n, transport, caller_ip, proxy_ip):
        self.rng, self.n, self.transport = rng, n, transport
        self.caller_ip, self.proxy_ip = caller_ip, proxy_ip
        self.call_id = f"{n:08x}-{rng.getrandbits(32):08x}@{'.'.join(map(str, caller_ip))}"
        self.from_tag = f"{rng.getrandbits(32):08x}"
        self.to_tag = f"{rng.getrandbits(32):08x}"
        self.user = f"+4930{1000000 + n % 90000}"
        self.callee = f"+4940{2000000 + (n * 7) % 90000}"
        self.cseq = 1
        self.branch_n = 0

    def branch(self):
        self.branch_n += 1
        return f"z9hG4bK{self.n:x}x{self.branch_n}"

    def request(self, method, uri, branch, to_tag=False, extra="", body="", cseq=None):
        ip = ".".join(map(str, self.caller_ip))
        cseq = self.cseq if cseq is None else cseq
        lines = [f"{method} {uri} SIP/2.0",
                 f"Via: SIP/2.0/{self.transport} {ip}:5060;branch={branch};rport",
                 "Max-Forwards: 70",
                 f"From: <sip:{self.user}@example.net>;tag={self.from_tag}",
                 f"To: <{uri}>" + (f";tag={self.to_tag}" if to_tag else ""),
                 f"Call-ID: {self.call_id}",
                 f"CSeq: {cseq} {method}",
                 f"Contact: <sip:{self.user}@{ip}:5060;transport={self.transport.lower()}>",
                 "User-Agent: bench-uac/1.0"]
        return finish(lines, extra, body)

    def response(self, code, phrase, method, branch, to_tag=True, extra="", body="", cseq=None):
        ip = ".".join(map(str, self.caller_ip))
        cseq = self.cseq if cseq is None else cseq
        lines = [f"SIP/2.0 {code} {phrase}",
                 f"Via: SIP/2.0/{self.transport} {ip}:5060;branch={branch};rport=5060;received={ip}",
                 f"From: <sip:{self.user}@example.net>;tag={self.from_tag}",
                 f"To: <sip:{self.callee}@example.net>" + (f";tag={self.to_tag}" if to_tag else ""),
                 f"Call-ID: {self.call_id}",
                 f"CSeq: {cseq} {method}",
                 "Server: bench-proxy/1.0"]
        return finish(lines, extra, body)


def auth(kind, user, nonce):
    return (f'{kind}: Digest username="{user}", realm="example.net", nonce="{nonce}", '
            f'uri="sip:example.net", response="{"0" * 32}", algorithm=MD5')


def challenge(kind, nonce):
    return f'{kind}: Digest realm="example.net", nonce="{nonce}", algorithm=MD5, qop="auth"'


def scenario(d, kind):
    """The messages of one dialog: (direction 0 = caller->proxy, bytes, glue) where
    glue=True puts a message into the same TCP segment as the one before."""
    m = []
    uri = f"sip:{d.callee}@example.net"
    nonce = f"{d.rng.getrandbits(64):016x}"
    sdp_a = SDP.format(ip=".".join(map(str, d.caller_ip)), port=10000 + d.n % 20000)
    sdp_b = SDP.format(ip=".".join(map(str, d.proxy_ip)), port=30000 + d.n % 20000)

    def invite_flow(final, extra=""):
        b = d.branch()
        m.append((0, d.request("INVITE", uri, b, extra=extra, body=sdp_a), False))
        m.append((1, d.response(100, "Trying", "INVITE", b, to_tag=False), False))
        if final == 200:
            m.append((1, d.response(180, "Ringing", "INVITE", b), d.transport == "TCP"))
            m.append((1, d.response(200, "OK", "INVITE", b, body=sdp_b), False))
            m.append((0, d.request("ACK", uri, d.branch(), to_tag=True), False))
            d.cseq += 1
            bb = d.branch()
            m.append((0, d.request("BYE", uri, bb, to_tag=True), False))
            m.append((1, d.response(200, "OK", "BYE", bb), False))
        elif final == 487:
            m.append((1, d.response(180, "Ringing", "INVITE", b), False))
            m.append((0, d.request("CANCEL", uri, b), False))
            m.append((1, d.response(200, "OK", "CANCEL", b, to_tag=False), False))
            m.append((1, d.response(487, "Request Terminated", "INVITE", b), d.transport == "TCP"))
            m.append((0, d.request("ACK", uri, b, to_tag=True), False))
        else:
            phrase = {486: "Busy Here", 404: "Not Found", 480: "Temporarily Unavailable",
                      503: "Service Unavailable", 603: "Decline"}[final]
            m.append((1, d.response(final, phrase, "INVITE", b,
                                    extra="Retry-After: 60" if final == 503 else ""), d.transport == "TCP"))
            m.append((0, d.request("ACK", uri, b, to_tag=True), False))

    if kind in ("register", "register-rejected"):
        reg_uri = "sip:example.net"
        b = d.branch()
        m.append((0, d.request("REGISTER", reg_uri, b, extra="Expires: 3600"), False))
        m.append((1, d.response(401, "Unauthorized", "REGISTER", b, extra=challenge("WWW-Authenticate", nonce)),
                  False))
        d.cseq += 1
        b = d.branch()
        m.append((0, d.request("REGISTER", reg_uri, b, extra="Expires: 3600\n" + auth("Authorization", d.user, nonce)),
                  False))
        if kind == "register":
            m.append((1, d.response(200, "OK", "REGISTER", b, extra=f"Contact: <sip:{d.user}@x>;expires=3600"),
                      False))
        else:
            m.append((1, d.response(403, "Forbidden", "REGISTER", b), False))
    elif kind == "options":
        b = d.branch()
        m.append((0, d.request("OPTIONS", "sip:example.net", b), False))
        m.append((1, d.response(200, "OK", "OPTIONS", b, extra="Allow: INVITE, ACK, CANCEL, BYE, OPTIONS"), False))
    elif kind == "proxy-auth":
        b = d.branch()
        m.append((0, d.request("INVITE", uri, b, body=sdp_a), False))
        m.append((1, d.response(407, "Proxy Authentication Required", "INVITE", b,
                                extra=challenge("Proxy-Authenticate", nonce)), False))
        m.append((0, d.request("ACK", uri, b, to_tag=True), False))
        d.cseq += 1
        invite_flow(200, extra=auth("Proxy-Authorization", d.user, nonce))
    elif kind == "answered":
        invite_flow(200)
    elif kind == "busy":
        invite_flow(486)
    elif kind == "cancelled":
        invite_flow(487)
    else:
        invite_flow(d.rng.choice([404, 480, 503, 603]))
    return m


MIX = [("answered", 30), ("busy", 10), ("cancelled", 10), ("proxy-auth", 15), ("register", 15),
       ("register-rejected", 3), ("options", 10), ("failed", 7)]


def make_sip(path, target):
    rng = random.Random(20261123)
    kinds = [k for k, w in MIX for _ in range(w)]
    p = Pcap(path)
    proxy = (10, 0, 0, 1)
    messages = n = 0
    while messages < target:
        caller = (10, 1 + (n >> 16) % 200, (n >> 8) & 0xFF, 1 + n % 250)
        transport = "TCP" if n % 5 == 0 else "UDP"
        d = Dialog(rng, n, transport, caller, proxy)
        msgs = scenario(d, rng.choice(kinds))
        if transport == "UDP":
            for direction, data, _ in msgs:
                if direction == 0:
                    p.udp(caller, 5060, proxy, 5060, data)
                else:
                    p.udp(proxy, 5060, caller, 5060, data)
        else:
            flow = TcpFlow(p, caller, 40000 + n % 20000, proxy, 5060)
            pending = None
            for direction, data, glue in msgs:
                if glue and pending and pending[0] == direction:
                    pending = (direction, pending[1] + data)
                    continue
                if pending:
                    flow.send(*pending)
                pending = (direction, data)
            if pending:
                flow.send(*pending)
        messages += len(msgs)
        n += 1
    p.close()
    return messages, p.count


def make_non_sip(path, target):
    rng = random.Random(7)
    p = Pcap(path)
    n = 0
    while p.count < target:
        client = (10, 2, (n >> 8) & 0xFF, 1 + n % 250)
        server = (10, 9, 0, 1 + n % 20)
        if n % 3:
            flow = TcpFlow(p, client, 30000 + n % 30000, server, 80)
            for i in range(rng.randint(1, 4)):
                req = (f"GET /item/{n}/{i} HTTP/1.1\r\nHost: shop.example\r\nUser-Agent: bench\r\n"
                       f"Accept: */*\r\n\r\n").encode()
                flow.send(0, req)
                body = b"x" * rng.randint(200, 1400)
                flow.send(1, b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n"
                          % len(body) + body)
                flow.seg(0, 0x10)
            flow.seg(0, 0x11)
            flow.seg(1, 0x11)
            flow.seg(0, 0x10)
        else:
            for _ in range(rng.randint(1, 3)):
                qid = rng.getrandbits(16)
                name = b"".join(bytes([len(x)]) + x for x in (b"host%d" % (n % 500), b"example", b"net")) + b"\0"
                q = struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 0) + name + struct.pack("!HH", 1, 1)
                p.udp(client, 20000 + n % 40000, (10, 9, 9, 9), 53, q)
                a = (struct.pack("!HHHHHH", qid, 0x8180, 1, 1, 0, 0) + name + struct.pack("!HH", 1, 1)
                     + b"\xc0\x0c" + struct.pack("!HHIH4s", 1, 1, 300, 4, bytes(server)))
                p.udp((10, 9, 9, 9), 53, client, 20000 + n % 40000, a)
        n += 1
    p.close()
    return p.count


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--sip-messages", type=int, default=210_000)
    ap.add_argument("--packets", type=int, default=210_000)
    a = ap.parse_args()
    os.makedirs(a.outdir, exist_ok=True)
    msgs, frames = make_sip(os.path.join(a.outdir, "sip-heavy.pcap"), a.sip_messages)
    print(f"sip-heavy.pcap: {msgs} SIP messages in {frames} frames")
    print(f"non-sip.pcap: {make_non_sip(os.path.join(a.outdir, 'non-sip.pcap'), a.packets)} packets")


if __name__ == "__main__":
    main()
