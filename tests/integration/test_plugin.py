"""The plugin under test is the one tshark loads, with exactly its fields."""

SIPCAT_FIELDS = {"sipcat", "sipcat.code", "sipcat.class", "sipcat.reason", "sipcat.summary",
                 "sipcat.explanation", "sipcat.remedy", "sipcat.rfc", "sipcat.basis", "sipcat.note", "sipcat.status", "sipcat.method",
                 "sipcat.known", "sipcat.response", "sipcat.unknown_code", "sipcat.bad_status",
                 "sipcat.request_frame", "sipcat.retransmission", "sipcat.auth", "sipcat.expected",
                 "sipcat.call.outcome", "sipcat.retry_after", "sipcat.auth_rejected", "sipcat.missing_header",
                 "sipcat.phrase_differs", "sipcat.q850.cause", "sipcat.q850.explanation",
                 "sipcat.reason.sip.cause", "sipcat.reason.sip.explanation", "sipcat.reason.text",
                 "sipcat.warning.code", "sipcat.warning.text", "sipcat.warning.explanation",
                 "sipcat.reason_cause", "sipcat.warning_explained", "sipcat.request_uri", "sipcat.source",
                 "sipcat.auth_loop", "sipcat.challenge_loop",
                 "sipcat.unanswered", "sipcat.unanswered.copies", "sipcat.unanswered.waited", "sipcat.ack_missing",
                 "sipcat.ack_missing.copies", "sipcat.ack_missing.waited", "sipcat.late", "sipcat.no_response",
                 "sipcat.no_ack", "sipcat.late_response", "sipcat.large_udp", "sipcat.watch_limit", "sipcat.cancel_challenged"}


def test_plugin_loads(ts):
    out, _ = ts.run(["-G", "plugins"])
    line = next((l for l in out.splitlines() if l.startswith("sipcat.so")), None)
    assert line, "sipcat.so is not in tshark -G plugins:\n" + out
    assert "dissector" in line, line
    assert ts.home in line, "tshark loaded another sipcat.so than the one under test: " + line
    out, _ = ts.run(["-G", "fields"])
    names = {l.split("\t")[2] for l in out.splitlines() if l.count("\t") >= 2 and l.split("\t")[2].startswith("sipcat")}
    assert names == SIPCAT_FIELDS, f"fields differ: missing {SIPCAT_FIELDS - names}, extra {names - SIPCAT_FIELDS}"
    out, _ = ts.run(["-G", "protocols"])
    assert any(l.split("\t")[2:3] == ["sipcat"] for l in out.splitlines()), "protocol sipcat not registered"
