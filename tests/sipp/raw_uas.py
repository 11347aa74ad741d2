#!/usr/bin/env python3
"""A minimal UAS for what SIPp will not send: status codes outside 100..699 and
several responses in one TCP segment. It answers each request from a SIPp UAC
with the next scripted reply, copying Via, From, To, Call-ID and CSeq as a real
UAS does. Usage: raw_uas.py udp|tcp PORT REPLY... where REPLY is
"CODE PHRASE[+CODE PHRASE...]" (joined replies go out in one write); a reply
may add header lines after '|' ("486 Busy Here|Retry-After: 30"), and the
word 'compact' there writes the copied headers in their compact forms
(RFC 3261 §7.3.3: v f t i), their names in lower case."""
import socket
import sys


def headers(request: bytes):
    lines = request.decode("utf-8", "replace").split("\r\n")
    keep = ("via:", "from:", "to:", "call-id:", "cseq:")
    return [l for l in lines[1:] if l.lower().startswith(keep)]


COMPACT = {"via": "v", "from": "f", "to": "t", "call-id": "i"}


def response(request: bytes, status: str) -> bytes:
    status, *extra = status.split("|")
    compact = "compact" in extra
    out = ["SIP/2.0 " + status]
    for h in headers(request):
        if h.lower().startswith("to:") and ";tag=" not in h and not status.startswith("100 "):
            h += ";tag=rawuas1"
        if compact:
            name, value = h.split(":", 1)
            h = COMPACT.get(name.lower(), name.lower()) + ":" + value
        out.append(h)
    out += [e for e in extra if e != "compact"]
    out += ["Content-Length: 0", "", ""]
    return "\r\n".join(out).encode()


def replies(spec: str, request: bytes) -> bytes:
    return b"".join(response(request, s) for s in spec.split("+"))


def main():
    transport, port, script = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    if transport == "udp":
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.bind(("127.0.0.1", port))
        s.settimeout(10)
        for spec in script:
            data, peer = s.recvfrom(65535)
            for part in spec.split("+"):
                s.sendto(response(data, part), peer)
            # Absorb retransmissions and the ACK of an INVITE.
            try:
                s.settimeout(0.5)
                while True:
                    s.recvfrom(65535)
            except socket.timeout:
                s.settimeout(10)
    else:
        srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        srv.bind(("127.0.0.1", port))
        srv.listen(1)
        srv.settimeout(10)
        for spec in script:  # SIPp opens one connection per run
            conn, _ = srv.accept()
            conn.settimeout(10)
            data = conn.recv(65535)
            conn.sendall(replies(spec, data))  # one write: one segment on loopback
            try:
                conn.settimeout(0.5)
                conn.recv(65535)
            except (socket.timeout, ConnectionError):
                pass
            conn.close()


if __name__ == "__main__":
    main()
