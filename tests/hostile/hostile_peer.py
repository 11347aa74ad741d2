#!/usr/bin/env python3
"""A UAC and a hostile UAS on loopback, for the hostile test captures: the UAS
answers well-formed requests with what no proper peer sends (status codes 000,
99, 700, 99999 and letters; empty and 64 KiB reason phrases; bytes that are not
UTF-8; a Warning header with 1,000 values; a Reason header with a huge cause;
1,000 responses in one TCP burst; a response nobody asked for; a request nobody
answers). Real sockets, so dumpcap records what the kernel carried.

usage: hostile_peer.py udp|tcp UAS_PORT UAC_PORT   (run by record.sh)"""
import socket
import sys
import time

HOST = "127.0.0.1"


def request(method, n, uac_port, uas_port, extra=b"", cseq=1, call=None):
    call = call or f"hostile-{method.lower()}-{n}@{HOST}".encode()
    transport = b"UDP" if TRANSPORT == "udp" else b"TCP"
    return (f"{method} sip:peer@{HOST}:{uas_port} SIP/2.0\r\n".encode() +
            b"Via: SIP/2.0/" + transport + f" {HOST}:{uac_port};branch=z9hG4bK-hostile-{n}-{cseq}\r\n".encode() +
            f"From: <sip:uac@{HOST}:{uac_port}>;tag=uac{n}\r\n".encode() +
            f"To: <sip:peer@{HOST}:{uas_port}>\r\n".encode() +
            b"Call-ID: " + call + b"\r\n" +
            f"CSeq: {cseq} {method}\r\n".encode() +
            f"Contact: <sip:uac@{HOST}:{uac_port}>\r\nMax-Forwards: 70\r\n".encode() + extra +
            b"Content-Length: 0\r\n\r\n")


def answer(req, status_line, extra=b""):
    """A response that copies Via, From, To (with a tag), Call-ID and CSeq, as a UAS does."""
    out = [status_line]
    for line in req.split(b"\r\n")[1:]:
        low = line.lower()
        if low.startswith((b"via:", b"from:", b"call-id:", b"cseq:")):
            out.append(line)
        elif low.startswith(b"to:"):
            out.append(line + b";tag=hostile")
    return b"\r\n".join(out) + b"\r\n" + extra + b"Content-Length: 0\r\n\r\n"


WARNINGS_1000 = b"Warning: " + b", ".join(b'3%02d gw.example.net "value %d"' % (i % 100, i) for i in range(1000)) + b"\r\n"
HUGE_REASON = (b'Reason: Q.850;cause=99999999999999999999;text="' + b"overflow " * 1200 + b'"\r\n'
               b"Reason: SIP;cause=99999;text=\"x\"\r\n")
NOT_UTF8 = b'Warning: 399 gw.example.net "caf\xe9 \xff\xfe broken"\r\nReason: Q.850;cause=17;text="\xc3\x28 \xff"\r\n'

# (method, status line, extra headers) for the UDP capture, in order.
UDP_CASES = [
    ("INVITE", b"SIP/2.0 000 Zero", b""),
    ("OPTIONS", b"SIP/2.0 99 Too Short", b""),
    ("OPTIONS", b"SIP/2.0 700 Beyond Range", b""),
    ("OPTIONS", b"SIP/2.0 99999 Far Beyond", b""),
    ("OPTIONS", b"SIP/2.0 4x6 Busy Here", b""),
    ("OPTIONS", b"SIP/2.0 ABC Letters", b""),
    ("INVITE", b"SIP/2.0 486 ", b""),
    ("INVITE", b"SIP/2.0 486", b""),
    ("INVITE", b"SIP/2.0 486 Bes\xe9tzt \xff\xfe", NOT_UTF8),
    ("INVITE", b"SIP/2.0 503 Service Unavailable", WARNINGS_1000),
    ("INVITE", b"SIP/2.0 480 Temporarily Unavailable", HUGE_REASON),
]


def run_udp(uas_port, uac_port):
    uas = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    uas.bind((HOST, uas_port))
    uac = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    uac.bind((HOST, uac_port))
    uas.settimeout(5)
    for n, (method, status, extra) in enumerate(UDP_CASES, 1):
        uac.sendto(request(method, n, uac_port, uas_port), (HOST, uas_port))
        req, peer = uas.recvfrom(65535)
        uas.sendto(answer(req, status, extra), peer)
        time.sleep(0.05)
    # A response to a request that was never sent, and a request nobody answers.
    stray = request("INVITE", 99, uac_port, uas_port, call=b"never-sent@" + HOST.encode())
    uas.sendto(answer(stray, b"SIP/2.0 200 OK"), (HOST, uac_port))
    time.sleep(0.05)
    uac.sendto(request("BYE", 100, uac_port, uas_port, call=b"nobody-answers@" + HOST.encode()), (HOST, uas_port))
    uas.recvfrom(65535)
    time.sleep(0.2)


def recv_requests(conn, count):
    data = b""
    while data.count(b"\r\n\r\n") < count:
        chunk = conn.recv(1 << 20)
        if not chunk:
            break
        data += chunk
    return [m + b"\r\n\r\n" for m in data.split(b"\r\n\r\n") if m]


def run_tcp(uas_port, uac_port):
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((HOST, uas_port))
    srv.listen(2)
    srv.settimeout(5)

    def connect():
        c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        c.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        c.bind((HOST, uac_port))
        c.connect((HOST, uas_port))
        s, _ = srv.accept()
        return c, s

    # A 64 KiB reason phrase (several segments).
    c, s = connect()
    c.sendall(request("INVITE", 1, uac_port, uas_port))
    req = recv_requests(s, 1)[0]
    s.sendall(answer(req, b"SIP/2.0 486 " + b"Busy " * 13107 + b"Here"))
    time.sleep(0.2)
    # 1,000 pipelined OPTIONS, answered in one write: 1,000 responses in one burst.
    burst = b"".join(request("OPTIONS", 2, uac_port, uas_port, cseq=i, call=b"burst@" + HOST.encode())
                     for i in range(1, 1001))
    c.sendall(burst)
    reqs = recv_requests(s, 1000)
    s.sendall(b"".join(answer(r, b"SIP/2.0 200 OK") for r in reqs))
    got = b""
    while got.count(b"\r\n\r\n") < 1000:
        chunk = c.recv(1 << 20)
        if not chunk:
            break
        got += chunk
    time.sleep(0.2)
    c.close()
    s.close()
    time.sleep(0.2)


if __name__ == "__main__":
    TRANSPORT = sys.argv[1]
    (run_udp if TRANSPORT == "udp" else run_tcp)(int(sys.argv[2]), int(sys.argv[3]))
