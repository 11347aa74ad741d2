"""One record per SIP response, and one per copy of a request sipcat marks
(kind "request": never answered, or the BYE after a 2xx without ACK): the
columns of the CSV and the keys of the JSON Lines."""

COLUMNS = ["file", "frame", "time", "call_id", "method", "code", "wire_phrase", "reason", "class",
           "explanation", "remedy", "source", "auth", "expected", "outcome", "retransmission",
           "request_frame", "q850_cause", "reason_sip_cause", "warning_codes",
           "kind", "unanswered", "copies", "waited", "ack_missing", "late"]

INT_COLUMNS = {"frame", "code", "class", "request_frame", "q850_cause", "reason_sip_cause", "copies"}
BOOL_COLUMNS = {"expected", "retransmission", "unanswered", "ack_missing"}
FLOAT_COLUMNS = {"waited", "late"}


def normalise(record):
    """Types as in the JSON Lines, whatever read it (JSON Lines or a merge)."""
    out = {}
    for c in COLUMNS:
        v = record.get(c)
        if c in BOOL_COLUMNS:
            # The plugin adds these flags only when true (like tcp.analysis.*): absent is false.
            v = v in (True, 1, "1", "True", "true")
        elif v in ("", None):
            v = None
        elif c in INT_COLUMNS:
            v = int(v)
        elif c in FLOAT_COLUMNS:
            v = round(float(v), 3)
        out[c] = v
    return out


def is_response(record):
    """Records of earlier versions have no kind: they are all responses."""
    return record.get("kind") in (None, "response")


def is_failure(record):
    """A response that is a real failure: class 4-6, not normal protocol flow, not a copy."""
    return (record["class"] or 0) >= 4 and not record["expected"] and not record["retransmission"]
